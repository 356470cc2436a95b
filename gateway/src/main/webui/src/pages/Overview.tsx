import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { API, type Health, type Machine } from '../api';
import { ErrorBox, QualityBadge, Spinner, StepDot } from '../components/ui';
import { qualityBand, runningTasks, stateGroup, workflowSteps } from '../logic/charts';
import { percent } from '../logic/progress';
import { useMachines } from '../queries';
import { navigate, useUi } from '../store';

function MachineCard({ m }: { m: Machine }) {
  const steps = workflowSteps(m.status);
  const band = qualityBand(m.status?.quality_overall);
  const running = runningTasks(m.status);
  const openExplorer = useUi((s) => s.openExplorer);
  return (
    <article className="card machine-card" aria-label={m.machine_id}>
      <span className="band" style={{ background: band.color }} aria-hidden="true" />
      <h3>{m.machine_id}</h3>
      <div className="meta">
        {m.machine_type} · {m.sensor_count} sensors{m.manufacturer ? ` · ${m.manufacturer}` : ''}
      </div>
      <div className="steps">
        <StepDot name="profile" state={steps.profile} />
        <StepDot name="seed" state={steps.seed} />
        <StepDot name="model" state={steps.model} />
        <StepDot name="dataset" state={steps.dataset} />
      </div>
      <div className="row">
        <QualityBadge score={m.status?.quality_overall} grade={m.status?.grade} />
        {m.status?.generation?.status === 'succeeded' && (
          <button className="ghost small" onClick={() => openExplorer(m.machine_id, m.status.generation?.result_id)}>
            Explore<span className="sr-only"> {m.machine_id}</span>
          </button>
        )}
      </div>
      {running.map((t) => (
        <div className="running" key={t.task_id}>
          {t.stage} {t.status}
          {t.stage === 'training' && t.epoch != null ? ` · epoch ${t.epoch}/${t.epochs}` : ''} · {percent(t.progress)} %
        </div>
      ))}
    </article>
  );
}

/** Services that do not answer, checked every 15 s: their jobs wait in Kafka until they are back. */
function ServiceHealth() {
  const { data } = useQuery({
    queryKey: ['health'],
    queryFn: async () => {
      const r = await fetch(API + '/health');
      return (await r.json()) as Health; // 200 or 503, with the same body
    },
    refetchInterval: 15_000,
    staleTime: 0,
  });
  const down = Object.entries(data?.services ?? {})
    .filter(([, state]) => state !== 'UP')
    .map(([name]) => name);
  if (!down.length) return null;
  return (
    <div className="error-box" role="alert">
      <strong>Not answering:</strong> {down.join(', ')}. Their jobs wait and resume when they are back; <code>./fleetsynth up</code> starts a stopped service
      again by itself (see its console and <code>data/logs</code>).
    </div>
  );
}

export function Overview() {
  const { data, error, isLoading } = useMachines();
  const totals = useMemo(() => {
    const ms = data ?? [];
    const groups = ms.map((m) => stateGroup(m.status));
    const scores = ms.map((m) => m.status?.quality_overall).filter((s): s is number => s != null);
    return {
      machines: ms.length,
      categories: new Set(ms.map((m) => m.machine_type)).size,
      running: ms.reduce((n, m) => n + runningTasks(m.status).length, 0),
      datasets: groups.filter((g) => g === 'dataset').length,
      failed: groups.filter((g) => g === 'failed').length,
      passing: scores.filter((s) => s >= 0.75).length,
      mean: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : undefined,
    };
  }, [data]);
  const byCategory = useMemo(() => {
    const m = new Map<string, Machine[]>();
    for (const x of data ?? []) m.set(x.machine_type, [...(m.get(x.machine_type) ?? []), x]);
    return [...m.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  }, [data]);
  return (
    <>
      <h1>Fleet overview</h1>
      <p className="lead">
        Every machine with its workflow (profile → seed → model → dataset) and the quality of its latest synthetic dataset. Updates arrive live.
      </p>
      <div className="actions" style={{ marginTop: 0, marginBottom: 18 }}>
        <button onClick={() => navigate('wizard')}>+ New machine</button>
        <button className="secondary" onClick={() => navigate('batch')}>
          Run a batch
        </button>
      </div>
      <ServiceHealth />
      <ErrorBox error={error} title="Could not load the fleet" />
      {isLoading && <Spinner label="Loading the fleet" />}
      {data && (
        <>
          <div className="totals" aria-label="Fleet totals">
            <div className="total">
              <div className="n">{totals.machines}</div>
              <div className="l">machines</div>
            </div>
            <div className="total">
              <div className="n">{totals.categories}</div>
              <div className="l">categories</div>
            </div>
            <div className="total">
              <div className="n">{totals.running}</div>
              <div className="l">running jobs</div>
            </div>
            <div className="total">
              <div className="n">{totals.datasets}</div>
              <div className="l">with a dataset</div>
            </div>
            <div className="total">
              <div className="n">{totals.passing}</div>
              <div className="l">passing (≥ 0.75)</div>
            </div>
            <div className="total">
              <div className="n">{totals.failed}</div>
              <div className="l">failed steps</div>
            </div>
            <div className="total">
              <div className="n">{totals.mean != null ? totals.mean.toFixed(3) : '—'}</div>
              <div className="l">mean quality</div>
            </div>
          </div>
          {byCategory.map(([cat, ms]) => (
            <section key={cat} aria-label={`Category ${cat}`}>
              <h2 style={{ margin: '18px 0 10px', textTransform: 'capitalize' }}>
                {cat.replace(/_/g, ' ')} <span className="muted">({ms.length})</span>
              </h2>
              <div className="fleet">
                {ms.map((m) => (
                  <MachineCard key={m.machine_id} m={m} />
                ))}
              </div>
            </section>
          ))}
        </>
      )}
    </>
  );
}
