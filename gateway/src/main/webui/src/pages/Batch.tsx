// Batch operations: pick machines (all, a category, the failed ones or by hand), run one step for
// all of them, and follow every machine's progress and result live.
import { useEffect, useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { enc, get, postJson, type Batch, type BatchItem } from '../api';
import { Card, ErrorBox, Progress, QualityBadge, Spinner, StatusBadge, TableHead } from '../components/ui';
import { onTaskUpdate } from '../live';
import { categories, useMachines } from '../queries';

type Mode = 'all' | 'category' | 'failed' | 'pick';
type Op = 'seed' | 'train' | 'generate' | 'validate';

export function batchRequest(
  mode: Mode,
  category: string,
  picked: string[],
  op: Op,
  params: { seedRows: number; epochs: number; rows: number; auto: boolean },
) {
  const body: Record<string, unknown> =
    mode === 'all' ? { all: true } : mode === 'category' ? { category } : mode === 'failed' ? { all: true, only_failed: true } : { machine_ids: picked };
  if (op === 'seed') body.seed_rows = params.seedRows;
  if (op === 'train') body.epochs = params.epochs;
  if (op === 'generate') body.rows = params.rows;
  if (params.auto && (op === 'seed' || op === 'train')) body.pipeline = 'auto';
  return body;
}

export function itemVerdict(i: BatchItem): 'pass' | 'fail' | 'pending' {
  if (i.status === 'refused' || i.status === 'failed' || i.status === 'cancelled') return 'fail';
  if (i.status !== 'succeeded') return 'pending';
  return i.passed === false ? 'fail' : 'pass';
}

const FINISHED = ['succeeded', 'failed', 'cancelled', 'refused'];

/** The batch operation that starts a stage ("training" is started by "train"). */
function stageOperation(stage: string): string {
  return stage === 'training' ? 'train' : stage === 'generation' ? 'generate' : stage;
}

export function BatchPage() {
  const machines = useMachines();
  const qc = useQueryClient();
  const cats = categories(machines.data);
  const [mode, setMode] = useState<Mode>('category');
  const [category, setCategory] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [op, setOp] = useState<Op>('seed');
  const [params, setParams] = useState({ seedRows: 2000, epochs: 100, rows: 10000, auto: false });
  const [batchId, setBatchId] = useState<string | undefined>(() => localStorage.getItem('fleetsynth.batch') ?? undefined);
  const [filter, setFilter] = useState<'all' | 'pass' | 'fail' | 'pending'>('all');
  const cat = category || cats[0] || '';
  const batch = useQuery({
    queryKey: ['batch', batchId],
    queryFn: () => get<Batch>(`/batch/${enc(batchId!)}`),
    enabled: !!batchId,
    refetchInterval: (q) => {
      const b = q.state.data as Batch | undefined;
      // the socket carries progress; this slow re-read only catches what it could have missed
      return b && b.items.some((i) => !FINISHED.includes(i.status)) ? 15000 : false;
    },
  });
  useEffect(() => {
    let lastRead = 0;
    return onTaskUpdate((t) => {
      if (!batchId) return;
      if (t.batch_id !== batchId) {
        // A later step of a batch line (pipeline auto) has no batch id of its own: read the batch
        // again, which follows it; at most every 3 s (progress comes every 2 s per training), and
        // always when a step ends.
        const b = qc.getQueryData<Batch>(['batch', batchId]);
        const ours = b?.items.some((i) => i.machine_id === t.machine_id && i.task_id !== t.task_id);
        if (ours && (t.finished || Date.now() - lastRead > 3000)) {
          lastRead = Date.now();
          qc.invalidateQueries({ queryKey: ['batch', batchId] });
        }
        return;
      }
      if (t.next_task_id) {
        // it went on by itself: the line follows the next step, which the server knows
        lastRead = Date.now();
        qc.invalidateQueries({ queryKey: ['batch', batchId] });
        return;
      }
      qc.setQueryData<Batch>(
        ['batch', batchId],
        (b) =>
          b && {
            ...b,
            items: b.items.map((i) =>
              i.task_id === t.task_id
                ? {
                    ...i,
                    status: t.status,
                    progress: t.progress,
                    quality_overall: t.quality_overall,
                    grade: t.grade,
                    passed: t.quality_overall == null ? i.passed : t.grade !== 'failed' && t.quality_overall >= 0.75,
                    error: t.error,
                  }
                : i,
            ),
          },
      );
      if (t.finished) {
        const b = qc.getQueryData<Batch>(['batch', batchId]);
        if (b && b.items.every((i) => FINISHED.includes(i.status))) qc.invalidateQueries({ queryKey: ['batch', batchId] });
      }
    });
  }, [batchId, qc]);
  const start = useMutation({
    mutationFn: () => postJson<Batch>(`/batch/${op}`, batchRequest(mode, cat, picked, op, params)),
    onSuccess: (b) => {
      qc.setQueryData(['batch', b.batch_id], b);
      setBatchId(b.batch_id);
      localStorage.setItem('fleetsynth.batch', b.batch_id);
    },
  });
  const running = start.isPending;
  const run = () => start.mutate();
  const items = useMemo(() => (batch.data?.items ?? []).filter((i) => filter === 'all' || itemVerdict(i) === filter), [batch.data, filter]);
  const counts = useMemo(() => {
    const c = { pass: 0, fail: 0, pending: 0 };
    for (const i of batch.data?.items ?? []) c[itemVerdict(i)]++;
    return c;
  }, [batch.data]);
  const done = batch.data ? batch.data.items.length - counts.pending : 0;
  const canRun = mode !== 'pick' || picked.length > 0;
  return (
    <>
      <h1>Batch operations</h1>
      <p className="lead">Run one step for many machines at once and watch each one's progress.</p>
      <Card title="New batch">
        <fieldset style={{ border: 0, padding: 0, margin: '0 0 12px' }}>
          <legend style={{ color: 'var(--text2)', fontSize: '0.85rem', marginBottom: 6 }}>Machines</legend>
          {(
            [
              ['all', 'All machines'],
              ['category', 'A category'],
              ['failed', 'Failed ones'],
              ['pick', 'Pick machines'],
            ] as [Mode, string][]
          ).map(([m, label]) => (
            <label key={m} className="check">
              <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} /> {label}
            </label>
          ))}
        </fieldset>
        <div className="toolbar">
          {mode === 'category' && (
            <div className="field">
              <label htmlFor="batch-category">Category</label>
              <select id="batch-category" value={cat} onChange={(e) => setCategory(e.target.value)}>
                {cats.map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </select>
            </div>
          )}
          <div className="field">
            <label htmlFor="batch-op">Operation</label>
            <select id="batch-op" value={op} onChange={(e) => setOp(e.target.value as Op)}>
              <option value="seed">seed data</option>
              <option value="train">train</option>
              <option value="generate">generate</option>
              <option value="validate">validate</option>
            </select>
          </div>
          {op === 'seed' && (
            <div className="field">
              <label htmlFor="batch-seed-rows">Seed rows</label>
              <input
                id="batch-seed-rows"
                type="number"
                min={100}
                value={params.seedRows}
                onChange={(e) => setParams({ ...params, seedRows: Number(e.target.value) })}
              />
            </div>
          )}
          {op === 'train' && (
            <div className="field">
              <label htmlFor="batch-epochs">Epochs</label>
              <input id="batch-epochs" type="number" min={1} value={params.epochs} onChange={(e) => setParams({ ...params, epochs: Number(e.target.value) })} />
            </div>
          )}
          {op === 'generate' && (
            <div className="field">
              <label htmlFor="batch-rows">Rows per machine</label>
              <input id="batch-rows" type="number" min={100} value={params.rows} onChange={(e) => setParams({ ...params, rows: Number(e.target.value) })} />
            </div>
          )}
          {(op === 'seed' || op === 'train') && (
            <label className="check" style={{ marginBottom: 10 }}>
              <input type="checkbox" checked={params.auto} onChange={(e) => setParams({ ...params, auto: e.target.checked })} /> continue to a dataset by itself
            </label>
          )}
        </div>
        {mode === 'pick' && (
          <div className="table-wrap" style={{ maxHeight: 260, padding: 10 }} aria-label="Pick machines">
            {(machines.data ?? []).map((m) => (
              <label key={m.machine_id} className="check" style={{ display: 'flex' }}>
                <input
                  type="checkbox"
                  checked={picked.includes(m.machine_id)}
                  onChange={(e) => setPicked(e.target.checked ? [...picked, m.machine_id] : picked.filter((x) => x !== m.machine_id))}
                />{' '}
                {m.machine_id} <span className="muted">({m.machine_type})</span>
              </label>
            ))}
          </div>
        )}
        <ErrorBox error={start.error ?? machines.error} title="The batch could not start" />
        <div className="actions">
          <button disabled={running || !canRun} onClick={run}>
            {running ? 'Starting…' : `Run ${op}${mode === 'pick' ? ` for ${picked.length} machines` : ''}`}
          </button>
        </div>
      </Card>
      {batchId && (
        <Card
          title={batch.data ? `Batch: ${batch.data.operation} · ${batch.data.total} machines` : 'Batch'}
          actions={
            <>
              <a className="button secondary small" href={`/api/gan/batch/${enc(batchId)}/report?format=json`} download>
                Export JSON
              </a>
              <a className="button secondary small" href={`/api/gan/batch/${enc(batchId)}/report?format=csv`} download>
                Export CSV
              </a>
            </>
          }
        >
          <ErrorBox error={batch.error} />
          {batch.isLoading && <Spinner />}
          {batch.data && (
            <>
              <div className="inline" style={{ alignItems: 'center', marginBottom: 10 }} aria-live="polite">
                <span>
                  {done} of {batch.data.items.length} finished · {counts.pass} passed · {counts.fail} failed
                </span>
                <div style={{ flex: '1 1 160px' }}>
                  <Progress value={batch.data.items.length ? done / batch.data.items.length : 1} label="Batch progress" />
                </div>
                <div className="field" style={{ margin: 0, flex: '0 0 160px' }}>
                  <label htmlFor="batch-filter" className="sr-only">
                    Show
                  </label>
                  <select id="batch-filter" value={filter} onChange={(e) => setFilter(e.target.value as typeof filter)}>
                    <option value="all">all results</option>
                    <option value="pass">passed</option>
                    <option value="fail">failed</option>
                    <option value="pending">in progress</option>
                  </select>
                </div>
              </div>
              <div className="table-wrap">
                <table aria-label="Batch results">
                  <TableHead columns={['Machine', 'Status', 'Progress', 'Quality', 'Result']} />
                  <tbody>
                    {items.map((i) => (
                      <tr key={i.machine_id} data-verdict={itemVerdict(i)}>
                        <td>{i.machine_id}</td>
                        <td>
                          {i.stage && batch.data.operation !== i.stage && batch.data.operation !== stageOperation(i.stage) && (
                            <span className="muted">{i.stage} </span>
                          )}
                          <StatusBadge status={i.status} />
                        </td>
                        <td style={{ minWidth: 110 }}>
                          <Progress value={i.progress} label={`progress of ${i.machine_id}`} />
                        </td>
                        <td>{i.quality_overall != null ? <QualityBadge score={i.quality_overall} grade={i.grade} /> : '—'}</td>
                        <td style={{ whiteSpace: 'normal' }}>{i.error ? `${i.error.message} (${i.error.code})` : itemVerdict(i)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </Card>
      )}
    </>
  );
}
