// Folds a task's updates (WebSocket messages or polled states) into what the progress views show.
import type { Task } from '../api';

export interface LossPoint {
  epoch: number;
  loss: number;
}

export interface ProgressState {
  task?: Task;
  losses: LossPoint[];
  done: boolean;
}

export type ProgressAction = { type: 'update'; task: Task } | { type: 'curve'; curve: number[] } | { type: 'reset' };

export const initialProgress: ProgressState = { losses: [], done: false };

function newer(a: Task, b: Task): boolean {
  // an update that is older than what we show is dropped; a finished task never goes back to running
  if (b.finished && !a.finished) return false;
  if (a.updated_at && b.updated_at) return a.updated_at >= b.updated_at;
  return true;
}

export function progressReducer(state: ProgressState, action: ProgressAction): ProgressState {
  switch (action.type) {
    case 'reset':
      return initialProgress;
    case 'curve': {
      const fromCurve = action.curve.map((loss, i) => ({ epoch: i + 1, loss })).filter((p) => Number.isFinite(p.loss));
      const later = state.losses.filter((p) => p.epoch > fromCurve.length);
      return { ...state, losses: [...fromCurve, ...later] };
    }
    case 'update': {
      const t = action.task;
      if (state.task && state.task.task_id !== t.task_id) {
        return progressReducer(initialProgress, action);
      }
      if (state.task && !newer(t, state.task)) return state;
      let losses = state.losses;
      if (t.epoch != null && t.loss != null && Number.isFinite(t.loss) && t.epoch > 0) {
        const last = losses[losses.length - 1];
        if (!last || t.epoch > last.epoch) losses = [...losses, { epoch: t.epoch, loss: t.loss }];
        else if (t.epoch === last.epoch) losses = [...losses.slice(0, -1), { epoch: t.epoch, loss: t.loss }];
      }
      return { task: t, losses, done: t.finished };
    }
  }
}

export function percent(p: number | undefined): number {
  if (p == null || !Number.isFinite(p)) return 0;
  return Math.round(Math.min(1, Math.max(0, p)) * 100);
}

export function formatDuration(ms: number | undefined): string {
  if (ms == null || !Number.isFinite(ms) || ms < 0) return '–';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function describeTask(t: Task): string {
  const stage = t.stage === 'training' ? 'Training' : t.stage === 'seed' ? 'Seed data' : 'Generation';
  if (t.status === 'succeeded') return `${stage} of ${t.machine_id} finished`;
  if (t.status === 'failed') return `${stage} of ${t.machine_id} failed: ${t.error?.message ?? 'unknown error'}`;
  if (t.status === 'cancelled') return `${stage} of ${t.machine_id} was cancelled`;
  return `${stage} of ${t.machine_id}: ${t.status}`;
}

/**
 * A number the API sent, when it is one: the services write a non-finite double (a trajectory model's
 * loss) as the string "NaN", which must neither crash a page nor show up as a value.
 */
export function finiteNumber(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function formatLoss(v: unknown): string {
  const n = finiteNumber(v);
  return n === undefined ? '—' : n.toFixed(4);
}
