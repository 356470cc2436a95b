// Quality per machine against the thresholds, the dataset's quality report (scores, temporal
// checks, utility), and retraining for the machines that fail.
import { useMemo, useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { enc, get, postJson, type Machine, type QualityReport } from '../api';
import { axisStyle, Chart } from '../components/Chart';
import { Card, ErrorBox, QualityBadge, Spinner, TableHead } from '../components/ui';
import { passes, thresholdMarks, verdictBand } from '../logic/charts';
import { useMachines } from '../queries';
import { useUi } from '../store';

/* eslint-disable @typescript-eslint/no-explicit-any */
/** A quality metric's result: the report has one more property per metric (QualityMetric.ALL), untyped in the API. */
type Metric = Record<string, any>;

const num = (v: unknown, d = 3) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(d) : '—');

export function QualityReportView({ machineId, datasetId }: { machineId: string; datasetId: string }) {
  const {
    data: r,
    error,
    isLoading,
  } = useQuery({
    queryKey: ['quality', datasetId],
    queryFn: () => get<QualityReport>(`/machines/${enc(machineId)}/datasets/${enc(datasetId)}/quality`),
  });
  const option = useMemo(() => {
    if (!r?.column_scores) return undefined;
    const cols = r.column_scores.filter((c) => typeof c.score === 'number');
    return {
      grid: { left: 130, right: 20, top: 50, bottom: 30 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value', min: 0, max: 1, ...axisStyle },
      yAxis: { type: 'category', data: cols.map((c) => c.column), ...axisStyle },
      series: [
        {
          type: 'bar',
          name: 'column shape score',
          data: cols.map((c) => c.score),
          itemStyle: { color: '#8B5CF6' },
          markLine: {
            ...thresholdMarks('xAxis', '#F59E0B'),
          },
        },
      ],
    };
  }, [r]);
  if (isLoading) return <Spinner label="Loading the quality report" />;
  if (error) return <ErrorBox error={error} title="Could not load the quality report" />;
  if (!r) return null;
  const metric = (name: string) => r[name] as Metric | null | undefined;
  const temporal = metric('temporal');
  const utility = metric('utility');
  const windowUtility = metric('window_utility');
  const discriminative = metric('discriminative');
  const lifetimes = metric('lifetimes');
  return (
    <div className="grid grid-2" aria-label="Quality report" style={{ marginTop: 12 }}>
      <div>
        <h3>
          Quality <QualityBadge score={r.overall} grade={r.grade} /> {r.passed ? '· passed' : '· failed'}
        </h3>
        {/* a report written by an older version may lack what a newer one always has: kept defensive */}
        {Array.isArray(r.checks) && r.checks.length > 0 && (
          <div className="table-wrap">
            <table className="table cards" aria-label="Quality checks">
              <TableHead columns={['Check', 'Result', 'Measured']} />
              <tbody>
                {r.checks.map((c) => (
                  <tr key={c.name}>
                    <td data-label="Check">{c.name.replace(/_/g, ' ')}</td>
                    <td data-label="Result">
                      <span className={`badge tone-${c.passed ? 'excellent' : 'poor'}`}>{c.passed ? 'pass' : 'fail'}</span>
                    </td>
                    <td className="wrap" data-label="Measured">
                      {c.detail}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {r.advice && r.advice.length > 0 && (
          <ul aria-label="What to try">
            {r.advice.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        )}
        <dl className="kv">
          <dt>Overall</dt>
          <dd>{num(r.overall)}</dd>
          <dt>Column shapes</dt>
          <dd>{num(r.column_shapes)}</dd>
          <dt>Column pair trends</dt>
          <dd>{num(r.column_pair_trends)}</dd>
          <dt>Thresholds</dt>
          <dd>
            minimum {r.thresholds?.minimum ?? 0.75} · good {r.thresholds?.good ?? 0.85} · excellent {r.thresholds?.excellent ?? 0.9}
          </dd>
          <dt>Rows (seed / synthetic)</dt>
          <dd>
            {r.real_rows} / {r.synthetic_rows}
          </dd>
          <dt>Temporal checks</dt>
          <dd>{temporal ? (temporal.passed ? 'passed' : 'failed') : 'not computed'}</dd>
          {temporal &&
            Object.entries(temporal)
              .filter(([, v]) => v && typeof v === 'object' && !Array.isArray(v))
              .map(([k, v]) => (
                <FragmentKV
                  key={k}
                  k={`· ${k.replace(/_/g, ' ')}`}
                  v={(v as Metric).passed != null ? ((v as Metric).passed ? 'passed' : 'failed') : JSON.stringify(v)}
                />
              ))}
          {temporal?.correlation_signs && (
            <FragmentKV
              k="· correlation signs kept"
              v={`${(temporal.correlation_signs as Metric[]).filter((s) => s.kept).length} of ${(temporal.correlation_signs as Metric[]).length} sensors`}
            />
          )}
          <dt>Score grade</dt>
          <dd>{r.score_grade ?? r.grade}</dd>
          <dt>Utility on windows</dt>
          <dd>
            {windowUtility
              ? `RMSE trained on seed ${num(windowUtility.rmse_real_trained, 1)}, on synthetic ${num(windowUtility.rmse_synthetic_trained, 1)} (ratio ${num(windowUtility.ratio, 2)}), last ${windowUtility.window} readings per window`
              : 'not computed'}
          </dd>
          <dt>Discriminative score</dt>
          <dd>{discriminative ? `${num(discriminative.score)} (0 is indistinguishable)` : 'not computed'}</dd>
          <dt>Lifetimes</dt>
          <dd>
            {lifetimes
              ? `KS ${num(lifetimes.ks, 2)}; mean ${num(lifetimes.synthetic_mean, 0)} synthetic, ${num(lifetimes.real_mean, 0)} real readings`
              : 'not computed'}
          </dd>
          <dt>Utility (RUL model)</dt>
          <dd>
            {utility
              ? `RMSE trained on seed ${num(utility.rmse_real_trained, 1)}, on synthetic ${num(utility.rmse_synthetic_trained, 1)} (ratio ${num(utility.ratio, 2)}; 1 is as good as real data), tested on ${utility.unseen_test ? 'unseen cycles' : 'held-out seed cycles'}`
              : 'not computed'}
          </dd>
        </dl>
      </div>
      <div>
        {option && (
          <Chart
            option={option}
            label="Column shape score per column, with the 0.75, 0.85 and 0.90 thresholds"
            height={Math.max(180, 26 * (r.column_scores?.length ?? 4) + 50)}
          />
        )}
      </div>
    </div>
  );
}

function FragmentKV({ k, v }: { k: string; v: string }) {
  return (
    <>
      <dt>{k}</dt>
      <dd>{v}</dd>
    </>
  );
}

export function ValidationPage() {
  const { data, error, isLoading } = useMachines();
  const [selected, setSelected] = useState<string>();
  const toast = useUi((s) => s.toast);
  const rows = useMemo(
    () => (data ?? []).filter((m) => m.status?.generation).sort((a, b) => (a.status.quality_overall ?? -1) - (b.status.quality_overall ?? -1)),
    [data],
  );
  const chart = useMemo(
    () => ({
      grid: { left: 50, right: 44, top: 20, bottom: 90 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: rows.map((m) => m.machine_id), axisLabel: { color: '#CBD5E1', rotate: 40 }, axisLine: axisStyle.axisLine },
      yAxis: { type: 'value', min: 0, max: 1, ...axisStyle },
      series: [
        {
          type: 'bar',
          name: 'quality',
          data: rows.map((m) => ({
            value: m.status.quality_overall ?? 0,
            itemStyle: { color: verdictBand(m.status.quality_overall ?? 0, m.status.grade).color },
          })),
          markLine: thresholdMarks('yAxis'),
        },
      ],
    }),
    [rows],
  );
  const retraining = useMutation({
    mutationFn: (m: Machine) => postJson(`/machines/${enc(m.machine_id)}/train`, { pipeline: 'auto' }),
    onSuccess: (_, m) => toast('info', `Retraining ${m.machine_id}; a new dataset follows by itself`),
  });
  const retrain = (m: Machine) => retraining.mutate(m);
  const busy = retraining.isPending ? retraining.variables?.machine_id : undefined;
  const actionError = retraining.error;
  const sel = rows.find((m) => m.machine_id === selected);
  return (
    <>
      <h1>Validation</h1>
      <p className="lead">Quality of each machine's latest synthetic dataset: below 0.75 fails, 0.85 is good, 0.90 excellent.</p>
      <ErrorBox error={error ?? actionError} />
      {isLoading && <Spinner />}
      {data && rows.length === 0 && <p className="empty">No machine has a dataset yet. Generate one in the wizard or with a batch.</p>}
      {rows.length > 0 && (
        <Card title="Quality by machine">
          <Chart option={chart} label={`Quality score of ${rows.length} machines against the thresholds 0.75, 0.85 and 0.90`} height={300} />
          <div className="table-wrap" style={{ marginTop: 12 }}>
            <table className="cards" aria-label="Quality by machine">
              <TableHead columns={['Machine', 'Category', 'Quality', 'Verdict', 'Actions']} />
              <tbody>
                {rows.map((m) => {
                  const q = m.status.quality_overall;
                  const gen = m.status.generation!;
                  const fails = gen.status !== 'succeeded' || !passes(q, m.status.grade);
                  return (
                    <tr key={m.machine_id}>
                      <td>{m.machine_id}</td>
                      <td data-label="Category">{m.machine_type}</td>
                      <td data-label="Quality">{gen.status === 'succeeded' ? <QualityBadge score={q} grade={m.status.grade} /> : gen.status}</td>
                      <td data-label="Verdict">{fails ? 'fail' : 'pass'}</td>
                      <td>
                        <div className="card-actions">
                          {gen.result_id && (
                            <button className="secondary small" onClick={() => setSelected(m.machine_id)}>
                              Report<span className="sr-only"> of {m.machine_id}</span>
                            </button>
                          )}
                          {fails && (
                            <button className="small" disabled={busy === m.machine_id || m.status.running} onClick={() => retrain(m)}>
                              Retrain<span className="sr-only"> {m.machine_id}</span>
                            </button>
                          )}
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </Card>
      )}
      {sel?.status.generation?.result_id && (
        <Card title={`Quality report: ${sel.machine_id}`}>
          <QualityReportView machineId={sel.machine_id} datasetId={sel.status.generation.result_id} />
        </Card>
      )}
    </>
  );
}
