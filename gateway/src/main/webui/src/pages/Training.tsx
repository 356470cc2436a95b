// Every training job, live and past; the selected one's loss curve (live over the WebSocket while it runs).
import { useEffect, useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { enc, get, type TrainingJob } from '../api';
import { Chart } from '../components/Chart';
import { lossOption, TrainingProgress } from '../components/TaskProgress';
import { Card, ErrorBox, Progress, Spinner, StatusBadge, TableHead } from '../components/ui';
import { onTaskUpdate } from '../live';
import { formatDuration, formatLoss } from '../logic/progress';
import { useTrainingJobs } from '../queries';

function PastCurve({ id }: { id: string }) {
  const { data, error, isLoading } = useQuery({ queryKey: ['training-job', id], queryFn: () => get<TrainingJob>(`/training/jobs/${enc(id)}`) });
  const option = useMemo(
    () =>
      lossOption(
        (data?.loss_curve ?? []).map((loss, i) => ({ epoch: i + 1, loss })).filter((p) => Number.isFinite(p.loss)),
        data?.epochs,
      ),
    [data],
  );
  if (isLoading) return <Spinner label="Loading the loss curve" />;
  if (error) return <ErrorBox error={error} />;
  const curve = data?.loss_curve?.length ?? 0;
  return (
    <>
      {data?.error_message && <ErrorBox error={{ message: data.error_message, code: data.error_code }} title={`Training ${data.status}`} />}
      {data?.status === 'succeeded' && curve === 0 ? (
        <p className="muted">No loss curve: this model is fitted in one pass, without epochs.</p>
      ) : (
        <Chart option={option} label={`Loss curve of the training of ${data?.machine_id}, ${curve} epochs`} height={260} />
      )}
    </>
  );
}

export function Training() {
  const { data, error, isLoading } = useTrainingJobs();
  const qc = useQueryClient();
  const [selected, setSelected] = useState<string>();
  const [filter, setFilter] = useState('all');
  useEffect(
    () =>
      onTaskUpdate((t) => {
        if (t.stage !== 'training') return;
        const jobs = qc.getQueryData<TrainingJob[]>(['training-jobs']);
        if (!jobs) return;
        if (!jobs.some((j) => j.job_id === t.task_id)) {
          qc.invalidateQueries({ queryKey: ['training-jobs'] });
          return;
        }
        qc.setQueryData<TrainingJob[]>(['training-jobs'], (old) =>
          old?.map((j) =>
            j.job_id === t.task_id
              ? { ...j, status: t.status, epoch: t.epoch ?? j.epoch, loss: t.loss ?? j.loss, progress: t.progress, eta_ms: t.eta_ms, elapsed_ms: t.elapsed_ms }
              : j,
          ),
        );
      }),
    [qc],
  );
  const jobs = useMemo(
    () =>
      (data ?? []).filter((j) =>
        filter === 'all' ? true : filter === 'live' ? !['succeeded', 'failed', 'cancelled'].includes(j.status) : j.status === filter,
      ),
    [data, filter],
  );
  const sel = (data ?? []).find((j) => j.job_id === selected) ?? jobs[0];
  const live = sel && !['succeeded', 'failed', 'cancelled'].includes(sel.status);
  return (
    <>
      <h1>Training</h1>
      <p className="lead">Trainings of the whole fleet. Running ones update live; pick a job to see its loss curve.</p>
      <ErrorBox error={error} title="Could not load the training jobs" />
      {isLoading && <Spinner />}
      {sel && (
        <Card title={`${live ? 'Live: ' : ''}${sel.machine_id}`} actions={<StatusBadge status={sel.status} />}>
          {live ? <TrainingProgress key={sel.job_id} taskId={sel.job_id} epochs={sel.epochs} /> : <PastCurve key={sel.job_id} id={sel.job_id} />}
        </Card>
      )}
      <Card
        title={`Jobs (${jobs.length})`}
        actions={
          <div className="field" style={{ margin: 0 }}>
            <label htmlFor="job-filter" className="sr-only">
              Show
            </label>
            <select id="job-filter" value={filter} onChange={(e) => setFilter(e.target.value)}>
              <option value="all">all jobs</option>
              <option value="live">running and queued</option>
              <option value="succeeded">succeeded</option>
              <option value="failed">failed</option>
              <option value="cancelled">cancelled</option>
            </select>
          </div>
        }
      >
        {data && jobs.length === 0 && <p className="empty">No training jobs here yet.</p>}
        {jobs.length > 0 && (
          <div className="table-wrap">
            <table className="cards" aria-label="Training jobs">
              <TableHead columns={['Machine', 'Status', 'Epoch', 'Loss', 'Progress', 'Time', 'Started', 'Curve']} />
              <tbody>
                {jobs.map((j) => (
                  <tr key={j.job_id} aria-selected={sel?.job_id === j.job_id}>
                    <td>{j.machine_id}</td>
                    <td data-label="Status">
                      <StatusBadge status={j.status} />
                    </td>
                    <td className="num" data-label="Epoch">
                      {j.status === 'succeeded' && j.epoch === 0 ? '—' : `${j.epoch} / ${j.epochs}`}
                    </td>
                    <td className="num" data-label="Loss">
                      {formatLoss(j.loss)}
                    </td>
                    <td style={{ minWidth: 110 }} data-label="Progress">
                      <Progress value={j.progress} label={`progress of ${j.machine_id}`} />
                    </td>
                    <td className="num" data-label="Time">
                      {formatDuration(j.elapsed_ms)}
                    </td>
                    <td data-label="Started">{new Date(j.created_at).toLocaleString()}</td>
                    <td>
                      <button className="secondary small" onClick={() => setSelected(j.job_id)}>
                        Show<span className="sr-only"> loss curve of {j.machine_id}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}
