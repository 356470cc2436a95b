// Datasets of a machine side by side against its real data: overall score and grade, the RUL
// utility beside training on real rows and predicting the mean, per-reading KS / Wasserstein / KL,
// correlation differences, and which to use with the reason. The address names the machine and the
// datasets (#/compare?machine=…&datasets=…), so a comparison can be linked to.
import { Fragment, useEffect, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { enc, get, type Comparison, type Dataset, type Model } from '../api';
import { axisStyle, Chart } from '../components/Chart';
import { ApiProblems } from '../components/Problems';
import { Card, Empty, QualityBadge, Spinner } from '../components/ui';
import { compareHash, distanceRows, formatValue, initialSelection, MAX_COMPARED, parseCompareHash, summaryRows } from '../logic/compare';
import { useDatasets, useMachines } from '../queries';

const PALETTE = ['#3B82F6', '#F59E0B', '#10B981', '#EC4899', '#8B5CF6'];

function short(id: string): string {
  return id.length > 14 ? id.slice(0, 8) + '…' : id;
}

/** What a dataset came from: its model's kind and the source of the data the model learnt. */
function describe(d: Dataset, models: Model[] | undefined): string {
  const m = models?.find((x) => x.model_id === d.model_id);
  const parts = [m?.kind, m?.source ? `${m.source} data` : undefined].filter(Boolean);
  return parts.length ? parts.join(', ') : `model ${short(d.model_id)}`;
}

function ComparisonView({ c, label }: { c: Comparison; label: (name: string) => string }) {
  const summary = useMemo(() => summaryRows(c), [c]);
  const distances = useMemo(() => distanceRows(c), [c]);
  const option = useMemo(
    () => ({
      grid: { left: 48, right: 16, top: 36, bottom: 70 },
      legend: { top: 0, textStyle: { color: '#CBD5E1' }, type: 'scroll' },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: distances.map((d) => d.column), ...axisStyle, axisLabel: { color: '#CBD5E1', rotate: 45, hideOverlap: true } },
      yAxis: { type: 'value', name: 'KS', min: 0, ...axisStyle },
      series: c.candidates.map((cand, i) => ({
        type: 'bar',
        name: label(cand.name),
        data: distances.map((d) => d.cells[i].ks),
        itemStyle: { color: PALETTE[i % PALETTE.length] },
      })),
    }),
    [c, distances, label],
  );
  const heads = c.candidates.map((x) => label(x.name));
  return (
    <>
      <Card title="Recommendation">
        <div className="recommendation" role="status">
          <p>
            Use <strong>{label(c.recommended)}</strong>
          </p>
          <p>{c.reason}</p>
        </div>
      </Card>
      <Card title="Side by side">
        <div className="table-wrap" role="region" aria-label="Comparison summary" tabIndex={0}>
          <table aria-label="Comparison summary table">
            <thead>
              <tr>
                <th scope="col">Measure</th>
                {c.candidates.map((x, i) => (
                  <th key={x.name} scope="col">
                    <span className="swatch" style={{ background: PALETTE[i % PALETTE.length] }} aria-hidden="true" />
                    {heads[i]}
                    {x.name === c.recommended && <span className="badge tone-excellent">recommended</span>}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {summary.map((r) => (
                <tr key={r.key}>
                  <th scope="row" className="row-head">
                    {r.label}
                    {r.hint && <span className="hint">{r.hint}</span>}
                  </th>
                  {r.values.map((v, i) => (
                    <td key={i} className={'value' + (r.best.includes(i) ? ' best' : '')}>
                      {r.key === 'overall' && typeof v === 'number' ? <QualityBadge score={v} grade={c.candidates[i].grade} /> : formatValue(v, r.digits)}
                      {r.best.includes(i) && <span className="sr-only"> (best)</span>}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <Card title="Per reading: distance from the real data (0 is identical)">
        <p className="muted">
          KS: Kolmogorov–Smirnov statistic; W/σ: Wasserstein distance in real standard deviations; KL: Kullback–Leibler divergence over 20 bins. The best of
          each is marked.
        </p>
        {distances.length > 0 && <Chart option={option} label={`KS statistic per reading for ${c.candidates.length} datasets`} height={280} />}
        <div className="table-wrap" role="region" aria-label="Distances per reading" tabIndex={0} style={{ maxHeight: 520 }}>
          <table aria-label="Distances per reading table" className="multi-head">
            <thead>
              <tr>
                <th scope="col" rowSpan={2}>
                  Reading
                </th>
                {heads.map((h, i) => (
                  <th key={i} scope="colgroup" colSpan={3} className="group">
                    {h}
                  </th>
                ))}
              </tr>
              <tr>
                {heads.map((h, i) => (
                  <Fragment key={i}>
                    <th scope="col" className="num">
                      KS<span className="sr-only"> of {h}</span>
                    </th>
                    <th scope="col" className="num">
                      W/σ<span className="sr-only"> of {h}</span>
                    </th>
                    <th scope="col" className="num">
                      KL<span className="sr-only"> of {h}</span>
                    </th>
                  </Fragment>
                ))}
              </tr>
            </thead>
            <tbody>
              {distances.map((d) => (
                <tr key={d.column}>
                  <th scope="row" className="row-head">
                    <code>{d.column}</code>
                  </th>
                  {d.cells.map((x, i) => (
                    <Fragment key={i}>
                      <td className={'num' + (d.bestKs.includes(i) ? ' best' : '')}>{formatValue(x.ks)}</td>
                      <td className={'num' + (d.bestW.includes(i) ? ' best' : '')}>{formatValue(x.w)}</td>
                      <td className={'num' + (d.bestKl.includes(i) ? ' best' : '')}>{formatValue(x.kl)}</td>
                    </Fragment>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      {c.candidates.some((x) => x.notes?.length) && (
        <Card title="Notes">
          {c.candidates.map((x) =>
            x.notes?.length ? (
              <div key={x.name}>
                <h3>{label(x.name)}</h3>
                <ul className="compact-list">
                  {x.notes.map((n, i) => (
                    <li key={i}>{n}</li>
                  ))}
                </ul>
              </div>
            ) : null,
          )}
        </Card>
      )}
    </>
  );
}

export function ComparePage() {
  const named = useMemo(() => parseCompareHash(location.hash), []);
  const machines = useMachines();
  const [machineId, setMachineId] = useState<string | undefined>(named.machine);
  const datasets = useDatasets(machineId);
  const models = useQuery({
    queryKey: ['machine', machineId, 'models'],
    queryFn: () => get<Model[]>(`/machines/${enc(machineId!)}/models`),
    enabled: !!machineId,
  });
  const [picked, setPicked] = useState<string[]>();
  const [compared, setCompared] = useState<string[]>();
  // the selection starts with the datasets the address names (else the newest two), and compares them at once
  useEffect(() => {
    if (!datasets.data || picked) return;
    const first = initialSelection(datasets.data, machineId === named.machine ? named.datasets : []);
    setPicked(first);
    if (first.length > 0 && machineId === named.machine && named.datasets.length) setCompared(first);
  }, [datasets.data, picked, machineId, named]);
  useEffect(() => {
    history.replaceState(null, '', compareHash(machineId, compared ?? picked ?? []));
  }, [machineId, picked, compared]);
  const comparison = useQuery({
    queryKey: ['machine', machineId, 'compare', (compared ?? []).join(',')],
    queryFn: () => get<Comparison>(`/machines/${enc(machineId!)}/compare?datasets=${compared!.map(enc).join(',')}`),
    enabled: !!machineId && !!compared && compared.length > 0,
    staleTime: 10 * 60_000,
  });
  const byId = useMemo(() => new Map((datasets.data ?? []).map((d) => [d.dataset_id, d])), [datasets.data]);
  const label = useMemo(
    () => (name: string) => {
      const d = byId.get(name);
      return d ? `${short(name)} · ${describe(d, models.data)}` : name;
    },
    [byId, models.data],
  );
  const toggle = (id: string, on: boolean) => setPicked((p) => (on ? [...(p ?? []), id].slice(-MAX_COMPARED) : (p ?? []).filter((x) => x !== id)));
  const sel = picked ?? [];
  return (
    <>
      <h1>Compare models</h1>
      <p className="lead">Pick datasets of a machine — an original model’s and a refined one’s, a TVAE’s and a trajectory model’s — and see which to use.</p>
      <Card>
        <div className="toolbar">
          <div className="field">
            <label htmlFor="cmp-machine">Machine</label>
            <select
              id="cmp-machine"
              value={machineId ?? ''}
              onChange={(e) => {
                setMachineId(e.target.value || undefined);
                setPicked(undefined);
                setCompared(undefined);
              }}
            >
              <option value="">pick a machine</option>
              {/* a machine named in the address that the (cached) list does not have yet */}
              {machineId && !(machines.data ?? []).some((m) => m.machine_id === machineId) && <option value={machineId}>{machineId}</option>}
              {(machines.data ?? []).map((m) => (
                <option key={m.machine_id} value={m.machine_id}>
                  {m.machine_id}
                </option>
              ))}
            </select>
          </div>
        </div>
        <ApiProblems error={machines.error ?? datasets.error} title="Could not load" />
        {!machineId && <Empty>Pick a machine to see its datasets.</Empty>}
        {machineId && datasets.isLoading && <Spinner label="Loading the datasets" />}
        {machineId && datasets.data && datasets.data.length === 0 && <Empty>{machineId} has no dataset yet: generate one first.</Empty>}
        {datasets.data && datasets.data.length > 0 && (
          <fieldset className="fieldset">
            <legend>
              Datasets to compare ({sel.length} picked, up to {MAX_COMPARED})
            </legend>
            <ul className="pick-list">
              {datasets.data.map((d) => (
                <li key={d.dataset_id}>
                  <label className="check">
                    <input type="checkbox" checked={sel.includes(d.dataset_id)} onChange={(e) => toggle(d.dataset_id, e.target.checked)} />
                    <code>{short(d.dataset_id)}</code>
                    <span>{describe(d, models.data)}</span>
                    <QualityBadge score={d.quality_overall} grade={d.grade} />
                    <span className="muted">
                      {d.rows.toLocaleString('en')} rows · {new Date(d.created_at).toLocaleString()}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
            <div className="actions">
              <button id="run-compare" disabled={sel.length === 0 || comparison.isFetching} onClick={() => setCompared([...sel])}>
                {sel.length === 1 ? 'Check against the real data' : `Compare ${sel.length} datasets`}
              </button>
              {sel.length === 1 && <span className="muted">One dataset is scored against the real data; pick two or more to compare them.</span>}
            </div>
          </fieldset>
        )}
        {comparison.isFetching && (
          <p>
            <Spinner label="Scoring each dataset against the real data (distances, correlations, a RUL model per dataset)" />
          </p>
        )}
        <ApiProblems error={comparison.error} title="The comparison failed" />
      </Card>
      {comparison.data && !comparison.isFetching && <ComparisonView c={comparison.data} label={label} />}
    </>
  );
}
