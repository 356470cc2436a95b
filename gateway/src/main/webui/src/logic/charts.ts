// Shapes API answers into what the charts draw; kept free of chart code so that it can be tested.
import type { ColumnHistogram, Correlations, MachineStatus, Task } from '../api';

export const THRESHOLDS = { minimum: 0.75, good: 0.85, excellent: 0.9 } as const;

export interface Band {
  label: string;
  tone: 'excellent' | 'good' | 'acceptable' | 'poor' | 'none';
  color: string;
}

export function qualityBand(score: number | null | undefined): Band {
  if (score == null || !Number.isFinite(score)) return { label: 'no dataset', tone: 'none', color: '#64748B' };
  if (score >= THRESHOLDS.excellent) return { label: 'excellent', tone: 'excellent', color: '#10B981' };
  if (score >= THRESHOLDS.good) return { label: 'good', tone: 'good', color: '#06B6D4' };
  if (score >= THRESHOLDS.minimum) return { label: 'acceptable', tone: 'acceptable', color: '#F59E0B' };
  return { label: 'poor', tone: 'poor', color: '#EF4444' };
}

/**
 * The band of a verdict: the quality report's grade decides (a dataset whose checks fail is failed
 * whatever its score); the score's band only where a report has no grade.
 */
export function verdictBand(score: number | null | undefined, grade?: string | null): Band {
  const band = qualityBand(score);
  return grade === 'failed' && band.tone !== 'none' ? { label: 'failed', tone: 'poor', color: '#EF4444' } : band;
}

/** Whether a dataset passes: its report's grade where it has one, else its score against the minimum. */
export function passes(score: number | null | undefined, grade?: string | null): boolean {
  if (score == null || !Number.isFinite(score)) return false;
  return grade ? grade !== 'failed' : score >= THRESHOLDS.minimum;
}

/**
 * The three thresholds as an ECharts markLine on {@code axis}, labelled with two decimals (0.85,
 * not "0.8"), the close labels of good and excellent pushed apart so that they do not overlap.
 * The grid needs room for them: 44 px on the right for lines across (yAxis), 50 px on top for lines
 * up (xAxis), whose labels stand one above another.
 */
export function thresholdMarks(axis: 'xAxis' | 'yAxis', color = '#CBD5E1') {
  const values = [THRESHOLDS.minimum, THRESHOLDS.good, THRESHOLDS.excellent];
  const apart =
    axis === 'yAxis'
      ? [
          [0, 0],
          [0, 7],
          [0, -7],
        ]
      : // on a value axis across a narrow chart 0.1 is narrower than a label: one row each
        [
          [0, 0],
          [0, -13],
          [0, -26],
        ];
  return {
    symbol: 'none',
    silent: true,
    lineStyle: { color, type: 'dashed' },
    label: { color: '#CBD5E1', fontSize: 11, formatter: (p: { value: number }) => Number(p.value).toFixed(2) },
    data: values.map((v, i) => ({ [axis]: v, label: { offset: apart[i] } })),
  };
}

export type StepState = 'done' | 'running' | 'failed' | 'none';

export interface WorkflowSteps {
  profile: StepState;
  seed: StepState;
  model: StepState;
  dataset: StepState;
}

function step(t: Task | undefined): StepState {
  if (!t) return 'none';
  if (!t.finished) return 'running';
  return t.status === 'succeeded' ? 'done' : 'failed';
}

export function workflowSteps(s: MachineStatus | undefined): WorkflowSteps {
  return { profile: 'done', seed: step(s?.seed), model: step(s?.training), dataset: step(s?.generation) };
}

export function runningTasks(s: MachineStatus | undefined): Task[] {
  return [s?.seed, s?.training, s?.generation].filter((t): t is Task => !!t && !t.finished);
}

/** A machine's state in the words of the filter: ready, running, failed, new. */
export function stateGroup(s: MachineStatus | undefined): 'new' | 'running' | 'failed' | 'seeded' | 'trained' | 'dataset' {
  const st = s?.state ?? 'profile_ready';
  if (s?.running || /_(queued|running)$/.test(st)) return 'running';
  if (/_(failed|cancelled)$/.test(st)) return 'failed';
  if (st === 'dataset_ready') return 'dataset';
  if (st === 'model_ready') return 'trained';
  if (st === 'seed_ready') return 'seeded';
  return 'new';
}

export interface OverlaidHistogram {
  labels: string[];
  seed: number[];
  synthetic: number[];
}

function fmt(v: number): string {
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e5 || a < 1e-3)) return v.toExponential(1);
  return a >= 100 ? v.toFixed(0) : a >= 1 ? v.toFixed(1) : v.toFixed(3);
}

/**
 * Seed and synthetic histograms of one column on the same edges, as shares of their rows (the two
 * have different row counts, so raw counts would not compare).
 */
export function overlayHistogram(seed: ColumnHistogram | undefined, synthetic: ColumnHistogram | undefined): OverlaidHistogram {
  const base = synthetic ?? seed;
  if (!base) return { labels: [], seed: [], synthetic: [] };
  const share = (h: ColumnHistogram | undefined) => {
    if (!h) return base.counts.map(() => 0);
    const total = h.counts.reduce((a, b) => a + b, 0) || 1;
    return h.counts.map((c) => c / total);
  };
  const labels = base.counts.map((_, i) => `${fmt(base.edges[i])}–${fmt(base.edges[i + 1])}`);
  return { labels, seed: share(seed), synthetic: share(synthetic) };
}

/** The correlation matrix as [x, y, r] cells; undefined correlations (constant columns) are left out. */
export function heatmapCells(c: Correlations): [number, number, number][] {
  const cells: [number, number, number][] = [];
  c.values.forEach((row, i) =>
    row.forEach((v, j) => {
      if (v != null && Number.isFinite(v)) cells.push([j, i, Math.round(v * 100) / 100]);
    }),
  );
  return cells;
}

/** A cycle's sensor traces against RUL from seed rows (objects) or dataset rows (arrays in column order). */
export function tracesAgainstRul(
  columns: string[],
  rows: (Record<string, unknown> | unknown[])[],
  skip: string[] = ['timestamp', 'machine_id', 'cycle', 'rul'],
): { name: string; points: [number, number][] }[] {
  const sensors = columns.filter((c) => !skip.includes(c));
  const rulIndex = columns.indexOf('rul');
  const value = (row: Record<string, unknown> | unknown[], name: string) => (Array.isArray(row) ? row[columns.indexOf(name)] : row[name]);
  return sensors.map((name) => ({
    name,
    points: rows
      .map((r) => [Number(value(r, 'rul') ?? (Array.isArray(r) ? r[rulIndex] : undefined)), Number(value(r, name))] as [number, number])
      .filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)),
  }));
}

/** Evenly thins a long series for drawing; keeps the first and last points. */
export function thin<T>(points: T[], max: number): T[] {
  if (points.length <= max) return points;
  const step = (points.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => points[Math.round(i * step)]);
}
