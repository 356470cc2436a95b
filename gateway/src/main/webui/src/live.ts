// Live updates: one /ws/events connection for the whole app, patching the cached fleet and raising
// toasts; and a per-task progress hook over /ws/tasks/{id}/progress.
import { useEffect, useReducer, useRef } from 'react';
import { QueryClient, useQueryClient } from '@tanstack/react-query';
import { get, wsUrl, type Machine, type MachineStatus, type Task } from './api';
import { describeTask } from './logic/progress';
import { initialProgress, progressReducer } from './logic/progress';
import { useUi } from './store';

type Listener = (t: Task) => void;
const listeners = new Set<Listener>();

/** Subscribe to every task update of the fleet (from the one shared socket). */
export function onTaskUpdate(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

function stateOf(seed?: Task, training?: Task, generation?: Task): string {
  for (const t of [generation, training, seed]) {
    if (!t) continue;
    if (!t.finished || t.status !== 'succeeded') return `${t.stage}_${t.status}`;
  }
  if (generation) return 'dataset_ready';
  if (training) return 'model_ready';
  if (seed) return 'seed_ready';
  return 'profile_ready';
}

/** The machine's status with one task update applied, as the gateway would compute it. */
export function applyTask(s: MachineStatus, t: Task): MachineStatus {
  const key = t.stage === 'seed' ? 'seed' : t.stage === 'training' ? 'training' : 'generation';
  const current = s[key];
  if (current && current.task_id !== t.task_id && current.created_at && t.created_at && t.created_at < current.created_at) return s;
  const next: MachineStatus = { ...s, [key]: t };
  next.running = [next.seed, next.training, next.generation].some((x) => x && !x.finished);
  if (next.generation?.status === 'succeeded') {
    next.quality_overall = next.generation.quality_overall;
    next.grade = next.generation.grade;
  } else if (key === 'generation') {
    next.quality_overall = undefined;
    next.grade = undefined;
  }
  next.state = stateOf(next.seed, next.training, next.generation);
  return next;
}

/**
 * Asks once whether the browser may announce finished jobs; called when the user starts one (a
 * browser asks only in answer to a click).
 */
export function askForNotifications() {
  if (typeof Notification !== 'undefined' && Notification.permission === 'default') Notification.requestPermission().catch(() => {});
}

/** A job that ends while the tab is hidden is announced by the browser too, where the user allowed it. */
function notifyIfHidden(t: Task) {
  if (typeof Notification === 'undefined' || document.visibilityState !== 'hidden' || Notification.permission !== 'granted') return;
  new Notification(`Fleetsynth: ${t.machine_id}`, { body: describeTask(t), tag: t.task_id });
}

let refetchTimer: ReturnType<typeof setTimeout> | undefined;
function refetchSoon(qc: QueryClient, key: unknown[]) {
  if (refetchTimer) return;
  refetchTimer = setTimeout(() => {
    refetchTimer = undefined;
    qc.invalidateQueries({ queryKey: key });
  }, 3000);
}

export function useFleetEvents() {
  const qc = useQueryClient();
  useEffect(() => {
    let ws: WebSocket | undefined;
    let closed = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let delay = 1000;
    const connect = () => {
      ws = new WebSocket(wsUrl('/ws/events'));
      ws.onopen = () => {
        delay = 1000;
      };
      ws.onmessage = (m) => {
        let t: Task;
        try {
          t = JSON.parse(m.data);
        } catch {
          return;
        }
        if (!t || !t.task_id) return;
        const machines = qc.getQueryData<Machine[]>(['machines']);
        if (machines) {
          if (machines.some((x) => x.machine_id === t.machine_id)) {
            qc.setQueryData<Machine[]>(['machines'], (old) => old?.map((x) => (x.machine_id === t.machine_id ? { ...x, status: applyTask(x.status, t) } : x)));
          } else {
            refetchSoon(qc, ['machines']);
          }
        }
        if (t.finished) {
          qc.invalidateQueries({ queryKey: ['machine', t.machine_id] });
          if (t.stage === 'training') qc.invalidateQueries({ queryKey: ['training-jobs'] });
          const ui = useUi.getState();
          if (!ui.watched[t.task_id]) ui.toast(t.status === 'succeeded' ? 'success' : t.status === 'failed' ? 'error' : 'info', describeTask(t));
          notifyIfHidden(t);
        }
        listeners.forEach((l) => l(t));
      };
      ws.onclose = () => {
        if (closed) return;
        retry = setTimeout(connect, delay);
        delay = Math.min(delay * 2, 30000);
      };
    };
    connect();
    return () => {
      closed = true;
      if (retry) clearTimeout(retry);
      ws?.close();
    };
  }, [qc]);
}

/**
 * A task's live state: the WebSocket sends the latest state at once, then every update, and closes
 * after the final one. If the socket breaks before that, the task is read once over REST and the
 * socket opened again.
 */
export function useTaskProgress(taskId: string | undefined, lossCurve?: () => Promise<number[] | undefined>) {
  const [state, dispatch] = useReducer(progressReducer, initialProgress);
  const watch = useUi((s) => s.watch);
  const unwatch = useUi((s) => s.unwatch);
  const curveRef = useRef(lossCurve);
  curveRef.current = lossCurve;
  useEffect(() => {
    dispatch({ type: 'reset' });
    if (!taskId) return;
    watch(taskId);
    let ws: WebSocket | undefined;
    let stopped = false;
    let finished = false;
    let joined = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const open = () => {
      ws = new WebSocket(wsUrl(`/ws/tasks/${encodeURIComponent(taskId)}/progress`));
      ws.onmessage = (m) => {
        try {
          const t = JSON.parse(m.data) as Task;
          dispatch({ type: 'update', task: t });
          // a page that joins a running training late draws the curve so far from the training job (which
          // exists once an epoch has run: asking before would only be answered 404)
          if (!joined && !t.finished && (t.epoch ?? 0) > 0) {
            joined = true;
            curveRef.current?.().then(
              (c) => c && !stopped && dispatch({ type: 'curve', curve: c }),
              () => undefined,
            );
          }
          if (t.finished && !finished) {
            finished = true;
            // progress messages are throttled: the finished job's curve has every epoch (a task refused
            // before its first epoch has no job to ask)
            if (t.status === 'succeeded' || (t.epoch ?? 0) > 0)
              curveRef.current?.().then(
                (c) => c && !stopped && dispatch({ type: 'curve', curve: c }),
                () => undefined,
              );
          }
        } catch {
          // ignore a message that is not a task
        }
      };
      ws.onclose = () => {
        if (stopped || finished) return;
        retry = setTimeout(async () => {
          try {
            const t = await get<Task>(`/tasks/${encodeURIComponent(taskId)}`);
            dispatch({ type: 'update', task: t });
            if (t.finished) return;
          } catch {
            // try the socket again
          }
          if (!stopped) open();
        }, 2000);
      };
    };
    open();
    return () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      ws?.close();
      setTimeout(() => unwatch(taskId), 1500);
    };
  }, [taskId, watch, unwatch]);
  // until the effect above has reset it, the state is the previous task's: never show that as this one's
  return state.task && state.task.task_id !== taskId ? initialProgress : state;
}
