// A machine's seeds (simulated or from the user's data) and models, and "Refine model": for a
// machine with a seed from real data, a training that continues its TVAE on the data (refine) or
// learns the data with the simulated seed (merge), followed live, then a dataset to compare.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { enc, get, postJson, type Model, type Task } from '../api';
import { compareHash } from '../logic/compare';
import { trainBody, type Strategy } from '../logic/ingest';
import { formatLoss } from '../logic/progress';
import { useDatasets, useSeeds } from '../queries';
import { ApiProblems } from './Problems';
import { TaskChain, type ChainLink } from './TaskChain';
import { Card, Empty, Spinner, TableHead } from './ui';

/** The training each machine's refine started on this page (kept while the page lives). */
const started = new Map<string, { train: string; generation?: string; dataset?: string; strategy: Strategy }>();

export function MachineData({ machineId }: { machineId: string }) {
  const qc = useQueryClient();
  const seeds = useSeeds(machineId);
  const models = useQuery({ queryKey: ['machine', machineId, 'models'], queryFn: () => get<Model[]>(`/machines/${enc(machineId)}/models`) });
  const datasets = useDatasets(machineId);
  const real = (seeds.data ?? []).filter((s) => s.source === 'real');
  const simulated = (seeds.data ?? []).filter((s) => (s.source ?? 'simulated') === 'simulated');
  const tvaes = (models.data ?? []).filter((m) => (m.kind ?? 'tvae') === 'tvae');
  const [strategy, setStrategy] = useState<Strategy>('refine');
  const [base, setBase] = useState('');
  const [epochs, setEpochs] = useState(100);
  const [generate, setGenerate] = useState(true);
  const [run, setRun] = useState(() => started.get(machineId));
  const update = (patch: Partial<NonNullable<typeof run>>) =>
    setRun((r) => {
      const next = r ? { ...r, ...patch } : r;
      if (next) started.set(machineId, next);
      return next;
    });
  const missing =
    strategy === 'refine' && tvaes.length === 0
      ? 'it has no TVAE model to refine: train one on its simulated seed first'
      : strategy === 'merge' && simulated.length === 0
        ? 'it has no simulated seed to merge with: generate one first'
        : undefined;
  const training = useMutation({
    mutationFn: () =>
      postJson<Task>(
        `/machines/${enc(machineId)}/train`,
        trainBody({
          seedId: real[0]?.seed_id,
          strategy,
          model: strategy === 'refine' ? 'tvae' : 'auto',
          baseModelId: base,
          epochs,
          pipeline: generate ? 'auto' : 'manual',
        }),
      ),
    onSuccess: (t) => {
      const r = { train: t.task_id, strategy };
      started.set(machineId, r);
      setRun(r);
    },
  });
  const busy = training.isPending;
  const error = training.error;
  const start = () => training.mutate();
  const onTask = (t: Task) => {
    if (!run) return;
    if (t.task_id === run.train && t.next_task_id && run.generation !== t.next_task_id) update({ generation: t.next_task_id });
    if (t.task_id === run.train && t.finished) qc.invalidateQueries({ queryKey: ['machine', machineId, 'models'] });
    if (t.task_id === run.generation && t.status === 'succeeded' && t.result_id && run.dataset !== t.result_id) {
      update({ dataset: t.result_id });
      qc.invalidateQueries({ queryKey: ['machine', machineId, 'datasets'] });
    }
  };
  const links: ChainLink[] = [];
  if (run) links.push({ taskId: run.train, stage: 'training', title: run.strategy === 'refine' ? 'Refine the TVAE on the data' : `Train (${run.strategy})` });
  if (run?.generation) links.push({ taskId: run.generation, stage: 'generation', title: 'Generate a dataset' });
  const previous = (datasets.data ?? []).filter((d) => d.dataset_id !== run?.dataset).map((d) => d.dataset_id);
  return (
    <Card title={`Data and models of ${machineId}`}>
      <ApiProblems error={seeds.error ?? models.error} title="Could not load" />
      {(seeds.isLoading || models.isLoading) && <Spinner />}
      {seeds.data && (
        <>
          <h3>Seeds</h3>
          {seeds.data.length === 0 ? (
            <Empty>No seed yet.</Empty>
          ) : (
            <div className="table-wrap" role="region" aria-label={`Seeds of ${machineId}`} tabIndex={0}>
              <table>
                <TableHead columns={['Seed', 'Source', 'Rows', 'Cycles', 'Created']} />
                <tbody>
                  {seeds.data.map((s) => (
                    <tr key={s.seed_id}>
                      <td>
                        <code>{s.seed_id}</code>
                      </td>
                      <td>
                        <span className={`badge ${s.source === 'real' ? 'tone-good' : 'tone-info'}`}>{s.source ?? 'simulated'}</span>
                      </td>
                      <td className="num">{s.rows.toLocaleString('en')}</td>
                      <td className="num">{s.cycles}</td>
                      <td>{new Date(s.created_at).toLocaleString()}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      {models.data && (
        <>
          <h3>Models</h3>
          {models.data.length === 0 ? (
            <Empty>No model yet.</Empty>
          ) : (
            <div className="table-wrap" role="region" aria-label={`Models of ${machineId}`} tabIndex={0}>
              <table>
                <TableHead columns={['Model', 'Kind', 'Learnt from', 'Epochs', 'Final loss', 'Created']} />
                <tbody>
                  {models.data.map((m) => (
                    <tr key={m.model_id}>
                      <td>
                        <code>{m.model_id}</code>
                      </td>
                      <td>{m.kind ?? 'tvae'}</td>
                      <td>{m.source ?? 'simulated'} data</td>
                      <td className="num">{m.epochs}</td>
                      <td className="num">{formatLoss(m.final_loss)}</td>
                      <td>{new Date(m.created_at).toLocaleString()}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      {seeds.data && (
        <>
          <h3>Refine model</h3>
          {real.length === 0 ? (
            <p className="muted">
              Refining needs a seed from real data: <a href="#/data">bring your data</a> in for {machineId} first.
            </p>
          ) : (
            <>
              <p className="muted">
                On the newest seed from your data ({real[0].rows.toLocaleString('en')} rows): continue the TVAE learnt on simulated data, or learn your data
                together with the simulated seed.
              </p>
              <div className="inline">
                <div className="field">
                  <label htmlFor="refine-strategy">Strategy</label>
                  <select id="refine-strategy" value={strategy} onChange={(e) => setStrategy(e.target.value as Strategy)}>
                    <option value="refine">refine: continue the TVAE on your data</option>
                    <option value="merge">merge: your data with the simulated seed</option>
                  </select>
                </div>
                {strategy === 'refine' && (
                  <div className="field">
                    <label htmlFor="refine-base">TVAE to refine</label>
                    <select id="refine-base" value={base} onChange={(e) => setBase(e.target.value)}>
                      <option value="">the newest</option>
                      {tvaes.map((m) => (
                        <option key={m.model_id} value={m.model_id}>
                          {m.model_id}
                        </option>
                      ))}
                    </select>
                  </div>
                )}
                <div className="field" style={{ maxWidth: 140 }}>
                  <label htmlFor="refine-epochs">Epochs</label>
                  <input id="refine-epochs" type="number" min={1} max={5000} value={epochs} onChange={(e) => setEpochs(Number(e.target.value))} />
                </div>
              </div>
              <label className="check">
                <input type="checkbox" checked={generate} onChange={(e) => setGenerate(e.target.checked)} /> then generate a dataset to compare
              </label>
              {missing && (
                <p className="warn">
                  Not possible for {machineId}: {missing}.
                </p>
              )}
              <div className="actions">
                <button disabled={busy || !!missing} onClick={start}>
                  {busy ? 'Starting…' : strategy === 'refine' ? 'Refine model' : 'Train on merged data'}
                </button>
              </div>
              <ApiProblems error={error} title="Could not start the training" />
            </>
          )}
        </>
      )}
      {links.length > 0 && <TaskChain links={links} onTask={onTask} />}
      {run?.dataset && (
        <div className="actions">
          <a className="button" href={compareHash(machineId, [run.dataset, ...previous.slice(0, 1)])}>
            Compare with the previous dataset
          </a>
        </div>
      )}
    </Card>
  );
}
