import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render } from '@testing-library/react';
import type { Task } from './api';
import { useTaskProgress } from './live';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** A WebSocket that the test feeds by hand. */
class FakeSocket {
  static opened: FakeSocket[] = [];
  onmessage?: (m: { data: string }) => void;
  onclose?: () => void;
  constructor(readonly url: string) {
    FakeSocket.opened.push(this);
  }
  close() {}
}

const done = (id: string): Task => ({
  task_id: id,
  machine_id: 'pump_a_001',
  stage: 'seed',
  status: 'succeeded',
  progress: 1,
  finished: true,
  next_task_id: `${id}-next`,
});

describe('useTaskProgress', () => {
  it("never shows the previous task's state as the next one's (the wizard would follow the old task's next step)", () => {
    vi.stubGlobal('WebSocket', FakeSocket);
    const seen: (string | undefined)[] = [];
    function Probe({ id }: { id: string }) {
      seen.push(useTaskProgress(id).task?.task_id);
      return null;
    }
    const { rerender } = render(<Probe id="task-a" />);
    act(() => FakeSocket.opened.at(-1)!.onmessage!({ data: JSON.stringify(done('task-a')) }));
    expect(seen.at(-1)).toBe('task-a');
    seen.length = 0;
    rerender(<Probe id="task-b" />);
    expect(seen).not.toContain('task-a');
    expect(FakeSocket.opened.at(-1)!.url).toContain('/ws/tasks/task-b/progress');
  });
});
