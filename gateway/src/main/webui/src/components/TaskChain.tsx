// A task and the tasks its pipeline starts after it (next_task_id): an ingest or seed, then the
// training with its live loss chart, then the generation; each with its live progress.
import type { Task } from '../api';
import { useTaskProgress } from '../live';
import { TaskStatusLine, TrainingProgress, useOnTask } from './TaskProgress';
import { Spinner } from './ui';

const STAGE_TITLE: Record<string, string> = {
  seed: 'Bring the data in',
  training: 'Train',
  generation: 'Generate a dataset',
};

function PlainTask({ taskId, onTask }: { taskId: string; onTask: (t: Task) => void }) {
  const state = useTaskProgress(taskId);
  useOnTask(state.task, onTask);
  const t = state.task;
  return (
    <>
      <TaskStatusLine state={state} />
      {t && !t.finished && (
        <p className="muted">
          <Spinner label={t.status === 'queued' ? 'Waiting for a worker' : 'Working'} />
        </p>
      )}
    </>
  );
}

export interface ChainLink {
  taskId: string;
  /** the stage expected: seed, training or generation */
  stage: string;
  title?: string;
}

/**
 * The links of a chain, each followed live; `onTask` hears every update (the page keeps the ids of
 * what comes next and adds the next link).
 */
export function TaskChain({ links, onTask }: { links: ChainLink[]; onTask: (t: Task) => void }) {
  return (
    <ol className="chain">
      {links.map((l, i) => (
        <li key={l.taskId} className="chain-link">
          <h3>
            <span className="n" aria-hidden="true">
              {i + 1}
            </span>{' '}
            {l.title ?? STAGE_TITLE[l.stage] ?? l.stage}
          </h3>
          {l.stage === 'training' ? <TrainingProgress taskId={l.taskId} onTask={onTask} /> : <PlainTask taskId={l.taskId} onTask={onTask} />}
        </li>
      ))}
    </ol>
  );
}
