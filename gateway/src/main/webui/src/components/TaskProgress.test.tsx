import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render as renderBare, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { Task } from '../api';
import { TaskStatusLine } from './TaskProgress';

/** The cancel is a react-query mutation: each test renders with a client of its own. */
function render(ui: ReactNode) {
  const client = new QueryClient();
  return renderBare(ui, { wrapper: ({ children }) => <QueryClientProvider client={client}>{children}</QueryClientProvider> });
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const task = (stage: string, status: string, finished: boolean): Task => ({
  task_id: '6f1c1f8e-5b7b-4a39-9d49-0a8f5d2c9e11',
  machine_id: 'pump_a_001',
  stage,
  status,
  progress: 0.4,
  finished,
});

describe('TaskStatusLine', () => {
  it('offers a cancel for every stage that has not finished, and asks the gateway for it', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ status: 'cancelling' }), { status: 202 }));
    vi.stubGlobal('fetch', fetch);
    render(<TaskStatusLine state={{ task: task('generation', 'running', false), losses: [], done: false }} />);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel generation' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Cancelling…' })).toBeTruthy());
    expect(fetch).toHaveBeenCalledWith('/api/gan/tasks/6f1c1f8e-5b7b-4a39-9d49-0a8f5d2c9e11/cancel', expect.objectContaining({ method: 'POST' }));
  });

  it('shows the refusal when the task finished first, and no cancel once finished', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify({ code: 'JOB_FINISHED', message: 'job has already finished (succeeded)' }), { status: 409 })),
    );
    const { rerender } = render(<TaskStatusLine state={{ task: task('seed', 'queued', false), losses: [], done: false }} />);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel seed' }));
    await waitFor(() => expect(screen.getByText(/already finished/)).toBeTruthy());
    rerender(<TaskStatusLine state={{ task: task('seed', 'succeeded', true), losses: [], done: true }} />);
    expect(screen.queryByRole('button', { name: /Cancel/ })).toBeNull();
  });
});
