// Data explorer: a machine's dataset and split as a paged table, column statistics, seed vs
// synthetic histograms, a correlation heatmap, a cycle's traces against RUL, and downloads.
import { useEffect, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { enc, get, type Correlations, type Dataset, type Histograms, type RowsPage, type SeedRows, type Stats } from '../api';
import { axisStyle, Chart } from '../components/Chart';
import { Card, Empty, ErrorBox, QualityBadge, Spinner } from '../components/ui';
import { heatmapCells, overlayHistogram, thin, tracesAgainstRul } from '../logic/charts';
import { useDatasets, useMachines } from '../queries';
import { useUi } from '../store';

const PAGE = 50;
const fmt = (v: unknown) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(3)) : v == null ? '—' : String(v));

function useView<T>(machineId: string | undefined, datasetId: string | undefined, view: string, query: string) {
  return useQuery({
    queryKey: ['explore', datasetId, view, query],
    queryFn: () => get<T>(`/machines/${enc(machineId!)}/datasets/${enc(datasetId!)}/${view}?${query}`),
    enabled: !!machineId && !!datasetId,
    staleTime: 10 * 60_000,
  });
}

function RowsTable({ machineId, datasetId, split }: { machineId: string; datasetId: string; split: string }) {
  const [offset, setOffset] = useState(0);
  useEffect(() => setOffset(0), [datasetId, split]);
  const { data, error, isFetching } = useView<RowsPage>(machineId, datasetId, 'rows', `split=${split}&offset=${offset}&limit=${PAGE}`);
  return (
    <Card
      title="Rows"
      actions={
        <>
          <button className="secondary small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            ← Previous
          </button>
          <span aria-live="polite">{data ? `${offset + 1}–${Math.min(offset + PAGE, data.total)} of ${data.total.toLocaleString()}` : '…'}</span>
          <button className="secondary small" disabled={!data || offset + PAGE >= data.total} onClick={() => setOffset(offset + PAGE)}>
            Next →
          </button>
        </>
      }
    >
      <ErrorBox error={error} />
      {isFetching && !data && <Spinner />}
      {data && (
        <div className="table-wrap" style={{ maxHeight: 420 }} tabIndex={0} aria-label="Dataset rows">
          <table>
            <thead>
              <tr>
                {data.columns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r, i) => (
                <tr key={i}>
                  {r.map((v, j) => (
                    <td key={j} className={typeof v === 'number' ? 'num' : ''}>
                      {fmt(v)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

function StatsTable({ stats }: { stats: Stats }) {
  return (
    <div className="table-wrap" tabIndex={0} aria-label="Column statistics">
      <table>
        <thead>
          <tr>
            {['column', 'count', 'mean', 'std', 'min', 'p25', 'median', 'p75', 'max', 'distinct'].map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {stats.columns.map((c) => (
            <tr key={c.name}>
              <td>{c.name}</td>
              {[c.count, c.mean, c.std, c.min, c.p25, c.median, c.p75, c.max, c.distinct].map((v, i) => (
                <td key={i} className="num">
                  {fmt(v)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function HistogramChart({ name, seed, synthetic }: { name: string; seed?: Histograms; synthetic?: Histograms }) {
  const option = useMemo(() => {
    const h = overlayHistogram(
      seed?.columns.find((c) => c.name === name),
      synthetic?.columns.find((c) => c.name === name),
    );
    return {
      grid: { left: 44, right: 10, top: 30, bottom: 40 },
      legend: { top: 0, textStyle: { color: '#CBD5E1' } },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${(v * 100).toFixed(1)} %` },
      xAxis: { type: 'category', data: h.labels, axisLabel: { color: '#CBD5E1', hideOverlap: true }, axisLine: axisStyle.axisLine },
      yAxis: { type: 'value', ...axisStyle, axisLabel: { color: '#CBD5E1', formatter: (v: number) => `${Math.round(v * 100)}%` } },
      series: [
        { type: 'bar', name: 'seed', data: h.seed, barGap: '-100%', itemStyle: { color: 'rgba(6,182,212,0.55)' } },
        { type: 'bar', name: 'synthetic', data: h.synthetic, itemStyle: { color: 'rgba(139,92,246,0.55)' } },
      ],
    };
  }, [name, seed, synthetic]);
  return (
    <div className="card" style={{ padding: 12, margin: 0 }}>
      <h3 style={{ margin: '0 0 4px' }}>{name}</h3>
      <Chart option={option} label={`Histogram of ${name}: seed and synthetic shares on the same bins`} height={200} />
    </div>
  );
}

function Heatmap({ c }: { c: Correlations }) {
  const option = useMemo(
    () => ({
      grid: { left: 130, right: 20, top: 10, bottom: 110 },
      tooltip: { position: 'top' },
      xAxis: { type: 'category', data: c.columns, axisLabel: { color: '#CBD5E1', rotate: 45 }, splitArea: { show: false } },
      yAxis: { type: 'category', data: c.columns, axisLabel: { color: '#CBD5E1' } },
      visualMap: {
        min: -1,
        max: 1,
        calculable: true,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        textStyle: { color: '#CBD5E1' },
        inRange: { color: ['#EF4444', '#1A1F3A', '#3B82F6'] },
      },
      series: [{ type: 'heatmap', name: 'Pearson r', data: heatmapCells(c), label: { show: c.columns.length <= 10, color: '#fff', fontSize: 10 } }],
    }),
    [c],
  );
  return <Chart option={option} label={`Correlation heatmap of ${c.columns.length} columns (Pearson r)`} height={Math.max(320, 28 * c.columns.length + 140)} />;
}

function CycleTraces({ machineId, dataset, split }: { machineId: string; dataset: Dataset; split: string }) {
  const seedId = /seed\/([^/]+)\.parquet$/.exec(dataset.seed_path ?? '')?.[1];
  const seed = useQuery({
    queryKey: ['seed-rows', seedId, 1],
    queryFn: () => get<SeedRows>(`/machines/${enc(machineId)}/seeds/${enc(seedId!)}/rows?cycle=1&limit=5000`),
    enabled: !!seedId,
  });
  const synth = useView<RowsPage>(machineId, dataset.dataset_id, 'rows', `split=${split}&offset=0&limit=5000`);
  const sensors = useMemo(() => (seed.data ? seed.data.columns.filter((c) => !['timestamp', 'machine_id', 'cycle', 'rul'].includes(c)) : []), [seed.data]);
  const [sensor, setSensor] = useState<string>();
  const current = sensor && sensors.includes(sensor) ? sensor : sensors[0];
  const option = useMemo(() => {
    if (!current) return undefined;
    const seedTrace = seed.data ? tracesAgainstRul(seed.data.columns, seed.data.rows).find((t) => t.name === current) : undefined;
    let synthTrace;
    if (synth.data) {
      const ci = synth.data.columns.indexOf('cycle');
      const first = synth.data.rows[0]?.[ci];
      const rows = synth.data.rows.filter((r) => r[ci] === first);
      synthTrace = tracesAgainstRul(synth.data.columns, rows).find((t) => t.name === current);
    }
    // the RUL axis runs from the largest RUL drawn down to failure, not from a rounded 2,500 past the data
    const rulMax = Math.max(0, ...(seedTrace?.points ?? []).map((p) => p[0]), ...(synthTrace?.points ?? []).map((p) => p[0]));
    return {
      grid: { left: 72, right: 16, top: 36, bottom: 44 },
      legend: { top: 0, textStyle: { color: '#CBD5E1' } },
      tooltip: { trigger: 'axis' },
      xAxis: {
        type: 'value',
        name: 'RUL (h) → failure',
        nameLocation: 'middle',
        nameGap: 28,
        inverse: true,
        min: 0,
        max: rulMax > 0 ? Math.ceil(rulMax) : undefined,
        ...axisStyle,
      },
      // the reading's name along the axis, where a long name fits
      yAxis: { type: 'value', scale: true, name: current, nameLocation: 'middle', nameGap: 52, nameRotate: 90, ...axisStyle },
      series: [
        {
          type: 'line',
          name: 'seed (cycle 1)',
          showSymbol: false,
          data: thin(seedTrace?.points ?? [], 800),
          lineStyle: { color: '#06B6D4', width: 1.5 },
          itemStyle: { color: '#06B6D4' },
        },
        // synthetic rows are sampled, not a time series: drawn as points
        {
          type: 'scatter',
          name: `synthetic (first ${split} cycle)`,
          symbolSize: 3,
          data: thin(synthTrace?.points ?? [], 1500),
          itemStyle: { color: '#A78BFA' },
        },
      ],
    };
  }, [current, seed.data, synth.data, split]);
  return (
    <Card
      title="A cycle's sensor trace against RUL: seed vs synthetic"
      actions={
        sensors.length > 0 && (
          <div className="field" style={{ margin: 0 }}>
            <label htmlFor="trace-sensor" className="sr-only">
              Sensor
            </label>
            <select id="trace-sensor" value={current} onChange={(e) => setSensor(e.target.value)}>
              {sensors.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </div>
        )
      }
    >
      <ErrorBox error={seed.error ?? synth.error} />
      {(seed.isLoading || synth.isLoading) && <Spinner />}
      {option && <Chart option={option} label={`${current}: seed cycle and synthetic cycle against remaining useful life`} height={280} />}
    </Card>
  );
}

export function Explorer() {
  const { explorer, setExplorer } = useUi();
  const machines = useMachines();
  const withData = useMemo(() => (machines.data ?? []).filter((m) => m.status?.generation?.status === 'succeeded'), [machines.data]);
  const machineId = explorer.machineId ?? withData[0]?.machine_id;
  const datasets = useDatasets(machineId);
  const datasetId = explorer.datasetId && datasets.data?.some((d) => d.dataset_id === explorer.datasetId) ? explorer.datasetId : datasets.data?.[0]?.dataset_id;
  const dataset = datasets.data?.find((d) => d.dataset_id === datasetId);
  const split = explorer.split;
  const stats = useView<Stats>(machineId, datasetId, 'stats', `split=${split}`);
  const seedH = useView<Histograms>(machineId, datasetId, 'histograms', `split=${split}&bins=20&source=seed`);
  const synthH = useView<Histograms>(machineId, datasetId, 'histograms', `split=${split}&bins=20&source=synthetic`);
  const corr = useView<Correlations>(machineId, datasetId, 'correlations', `split=${split}`);
  const base = machineId && datasetId ? `/api/gan/machines/${enc(machineId)}/datasets/${enc(datasetId)}/download` : '';
  const histColumns = synthH.data?.columns.map((c) => c.name) ?? [];
  return (
    <>
      <h1>Data explorer</h1>
      <p className="lead">Look inside a synthetic dataset and compare it with the seed data it was learnt from.</p>
      <Card>
        <div className="toolbar">
          <div className="field">
            <label htmlFor="ex-machine">Machine</label>
            <select id="ex-machine" value={machineId ?? ''} onChange={(e) => setExplorer({ machineId: e.target.value, datasetId: undefined })}>
              {!machineId && <option value="">(no machine has a dataset yet)</option>}
              {(machines.data ?? []).map((m) => (
                <option key={m.machine_id} value={m.machine_id}>
                  {m.machine_id}
                  {m.status?.generation?.status === 'succeeded' ? '' : ' (no dataset)'}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="ex-dataset">Dataset</label>
            <select id="ex-dataset" value={datasetId ?? ''} onChange={(e) => setExplorer({ machineId, datasetId: e.target.value })}>
              {!datasetId && <option value="">(none)</option>}
              {(datasets.data ?? []).map((d) => (
                <option key={d.dataset_id} value={d.dataset_id}>
                  {new Date(d.created_at).toLocaleString()} · {d.rows.toLocaleString()} rows · {d.quality_overall?.toFixed(3) ?? '—'}
                </option>
              ))}
            </select>
          </div>
          <div className="field" style={{ flex: '0 1 140px' }}>
            <label htmlFor="ex-split">Split</label>
            <select id="ex-split" value={split} onChange={(e) => setExplorer({ split: e.target.value })}>
              <option value="train">train</option>
              <option value="val">val</option>
              <option value="test">test</option>
            </select>
          </div>
        </div>
        {dataset && (
          <div className="inline" style={{ alignItems: 'center' }}>
            <QualityBadge score={dataset.quality_overall} grade={dataset.grade} />
            <span className="muted">
              train {dataset.train_rows.toLocaleString()} · val {dataset.val_rows.toLocaleString()} · test {dataset.test_rows.toLocaleString()} rows
            </span>
            <a className="button secondary small" href={`${base}/${split}?format=csv`} download>
              Download {split} CSV
            </a>
            <a className="button secondary small" href={`${base}/${split}?format=parquet`} download>
              Download {split} Parquet
            </a>
          </div>
        )}
        <ErrorBox error={machines.error ?? datasets.error} />
        {datasets.data && datasets.data.length === 0 && <Empty>This machine has no dataset yet.</Empty>}
      </Card>
      {machineId && datasetId && dataset && (
        <>
          <Card title="Histograms: seed vs synthetic">
            <ErrorBox error={seedH.error ?? synthH.error} />
            {(seedH.isLoading || synthH.isLoading) && <Spinner label="Computing histograms" />}
            <div className="grid grid-3" aria-label="Histograms">
              {histColumns.map((c) => (
                <HistogramChart key={c} name={c} seed={seedH.data} synthetic={synthH.data} />
              ))}
            </div>
          </Card>
          <CycleTraces machineId={machineId} dataset={dataset} split={split} />
          {/* one above the other: the statistics table has eleven columns and was cut after p25 beside the heatmap */}
          <Card title="Column statistics">
            <ErrorBox error={stats.error} />
            {stats.isLoading && <Spinner />}
            {stats.data && <StatsTable stats={stats.data} />}
          </Card>
          <Card title="Correlations">
            <ErrorBox error={corr.error} />
            {corr.isLoading && <Spinner />}
            {corr.data && <Heatmap c={corr.data} />}
          </Card>
          <RowsTable machineId={machineId} datasetId={datasetId} split={split} />
        </>
      )}
    </>
  );
}
