import { describe, expect, it } from 'vitest';
import type { Task } from '../api';
import { finiteNumber, formatDuration, formatLoss, initialProgress, percent, progressReducer } from './progress';

const task = (patch: Partial<Task>): Task => ({
  task_id: 't1',
  machine_id: 'm',
  stage: 'training',
  status: 'running',
  progress: 0,
  finished: false,
  ...patch,
});

describe('progressReducer', () => {
  it('collects one loss point per epoch and replaces a repeated epoch', () => {
    let s = progressReducer(initialProgress, { type: 'update', task: task({ status: 'queued', updated_at: '2026-01-01T00:00:00Z' }) });
    expect(s.losses).toEqual([]);
    s = progressReducer(s, { type: 'update', task: task({ epoch: 1, loss: 5, progress: 0.1, updated_at: '2026-01-01T00:00:01Z' }) });
    s = progressReducer(s, { type: 'update', task: task({ epoch: 2, loss: 4, progress: 0.2, updated_at: '2026-01-01T00:00:02Z' }) });
    s = progressReducer(s, { type: 'update', task: task({ epoch: 2, loss: 3.9, progress: 0.2, updated_at: '2026-01-01T00:00:03Z' }) });
    expect(s.losses).toEqual([
      { epoch: 1, loss: 5 },
      { epoch: 2, loss: 3.9 },
    ]);
    expect(s.done).toBe(false);
  });

  it('drops stale updates and never goes back from a finished state', () => {
    let s = progressReducer(initialProgress, { type: 'update', task: task({ epoch: 3, loss: 2, updated_at: '2026-01-01T00:00:05Z' }) });
    s = progressReducer(s, { type: 'update', task: task({ epoch: 2, loss: 9, updated_at: '2026-01-01T00:00:04Z' }) });
    expect(s.task?.epoch).toBe(3);
    s = progressReducer(s, {
      type: 'update',
      task: task({ status: 'succeeded', finished: true, progress: 1, epoch: 3, loss: 2, updated_at: '2026-01-01T00:00:06Z' }),
    });
    expect(s.done).toBe(true);
    s = progressReducer(s, { type: 'update', task: task({ status: 'running', updated_at: '2026-01-01T00:00:07Z' }) });
    expect(s.task?.status).toBe('succeeded');
  });

  it('starts over for another task and merges a loss curve read late', () => {
    let s = progressReducer(initialProgress, { type: 'update', task: task({ epoch: 5, loss: 1 }) });
    s = progressReducer(s, { type: 'curve', curve: [4, 3, 2, NaN] });
    expect(s.losses.map((p) => p.epoch)).toEqual([1, 2, 3, 5]);
    s = progressReducer(s, { type: 'update', task: task({ task_id: 't2', epoch: 1, loss: 7 }) });
    expect(s.losses).toEqual([{ epoch: 1, loss: 7 }]);
  });

  it('formats progress and durations', () => {
    expect(percent(0.456)).toBe(46);
    expect(percent(undefined)).toBe(0);
    expect(percent(3)).toBe(100);
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(undefined)).toBe('–');
  });

  it('formats a loss the API may send as the string "NaN"', () => {
    expect(formatLoss(0.123456)).toBe('0.1235');
    expect(formatLoss('NaN')).toBe('—');
    expect(formatLoss(undefined)).toBe('—');
    expect(finiteNumber(Infinity)).toBeUndefined();
    // a "NaN" loss adds no point to the curve
    const s = progressReducer(initialProgress, { type: 'update', task: task({ epoch: 1, loss: 'NaN' as unknown as number }) });
    expect(s.losses).toEqual([]);
  });
});
