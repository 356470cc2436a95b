// A running task: progress bar, epoch / loss / ETA for trainings, a live loss chart, and cancel for every stage.
import { useEffect, useMemo, useRef } from 'react';
import { useMutation } from '@tanstack/react-query';
import { enc, errorText, get, postJson, type Task, type TrainingJob } from '../api';
import { useTaskProgress } from '../live';
import { finiteNumber, formatDuration, formatLoss, percent, type ProgressState } from '../logic/progress';
import { axisStyle, Chart } from './Chart';
import { ErrorBox, Progress, StatusBadge } from './ui';

export function lossOption(losses: { epoch: number; loss: number }[], epochs?: number) {
  return {
    grid: { left: 56, right: 16, top: 30, bottom: 36 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', name: 'epoch', nameLocation: 'middle', nameGap: 24, min: 1, max: epochs || undefined, ...axisStyle },
    yAxis: { type: 'value', name: 'loss', scale: true, ...axisStyle },
    series: [
      {
        type: 'line',
        name: 'loss',
        showSymbol: losses.length < 40,
        data: losses.map((p) => [p.epoch, p.loss]),
        lineStyle: { color: '#06B6D4', width: 2 },
        itemStyle: { color: '#06B6D4' },
      },
    ],
  };
}

export function TaskStatusLine({ state }: { state: ProgressState }) {
  const t = state.task;
  if (!t) return <p className="muted">Connecting to the task…</p>;
  return (
    <div aria-live="polite">
      <div className="inline" style={{ alignItems: 'center', marginBottom: 8 }}>
        <StatusBadge status={t.status} />
        <span>{percent(t.progress)} %</span>
        {t.stage === 'training' && t.epoch != null && (t.epochs ?? 0) > 0 && (
          <span>
            epoch {t.epoch} / {t.epochs}
          </span>
        )}
        {finiteNumber(t.loss) !== undefined && <span>loss {formatLoss(t.loss)}</span>}
        {!t.finished && t.eta_ms != null && <span>ETA {formatDuration(t.eta_ms)}</span>}
        {t.elapsed_ms != null && <span className="muted">elapsed {formatDuration(t.elapsed_ms)}</span>}
      </div>
      <Progress value={t.progress} label={`${t.stage} progress`} />
      {!t.finished && <CancelButton task={t} />}
      {t.error && <ErrorBox error={{ message: t.error.message, code: t.error.code }} title={`${t.stage} ${t.status}`} />}
    </div>
  );
}

/** Cancels a seed, training or generation that has not finished; the task's next update says it stopped. */
function CancelButton({ task }: { task: Task }) {
  const cancel = useMutation({ mutationFn: () => postJson(`/tasks/${enc(task.task_id)}/cancel`) });
  // still cancelling once asked: the task's next update says it stopped
  const cancelling = cancel.isPending || cancel.isSuccess;
  return (
    <>
      <button className="danger small" disabled={cancelling} onClick={() => cancel.mutate()}>
        {cancelling ? 'Cancelling…' : `Cancel ${task.stage}`}
      </button>
      {cancel.error ? <ErrorBox error={cancel.error} title="Could not cancel" /> : null}
    </>
  );
}

/** Calls `onTask` with each new state of the task (for pages that follow what comes next). */
export function useOnTask(task: Task | undefined, onTask?: (t: Task) => void) {
  const ref = useRef(onTask);
  ref.current = onTask;
  useEffect(() => {
    if (task) ref.current?.(task);
  }, [task]);
}

export function TrainingProgress({ taskId, epochs, onTask }: { taskId: string; epochs?: number; onTask?: (t: Task) => void }) {
  const state = useTaskProgress(taskId, async () => (await get<TrainingJob>(`/training/jobs/${enc(taskId)}`)).loss_curve);
  useOnTask(state.task, onTask);
  const option = useMemo(() => lossOption(state.losses, state.task?.epochs ?? epochs), [state.losses, state.task?.epochs, epochs]);
  return (
    <div>
      <TaskStatusLine state={state} />
      {state.losses.length === 0 && state.task?.finished ? (
        state.task.status === 'succeeded' && <p className="muted">No loss curve: this model is fitted in one pass, without epochs.</p>
      ) : (
        <Chart option={option} label={`Training loss by epoch, ${state.losses.length} epochs so far`} height={240} />
      )}
    </div>
  );
}

export { errorText };
