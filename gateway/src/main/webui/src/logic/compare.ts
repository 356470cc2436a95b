// Shapes a comparison of datasets (GET /machines/{id}/compare) into side-by-side rows, marking the
// best value of each; and the compare page's address (#/compare?machine=…&datasets=…).
import type { Candidate, Comparison, Dataset, Utility } from '../api';

export interface Row {
  key: string;
  label: string;
  /** one value per candidate, in the comparison's order */
  values: (number | string | null)[];
  /** indexes of the best values (ties share); empty where no value is better */
  best: number[];
  digits?: number;
  hint?: string;
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
/** A measure, or null where the API has none (or sent a non-finite double as the string "NaN"). */
const n = (v: unknown): number | null => (finite(v) ? v : null);

/** Indexes of the lowest (or highest) finite values. */
export function bestOf(values: (number | string | null | undefined)[], lowerIsBetter: boolean): number[] {
  const nums = values.map((v) => (finite(v) ? v : null));
  const present = nums.filter((v): v is number => v != null);
  if (present.length < 2) return [];
  const target = lowerIsBetter ? Math.min(...present) : Math.max(...present);
  if (present.every((v) => v === target)) return [];
  return nums.flatMap((v, i) => (v === target ? [i] : []));
}

/** Whether RUL can be learnt at all (the API's answer: a regressor trained on the real rows beats predicting the mean). */
export function learnable(u: Utility | null | undefined): boolean | undefined {
  return u ? u.learnable : undefined;
}

function row(
  key: string,
  label: string,
  cs: Candidate[],
  pick: (c: Candidate) => number | string | null | undefined,
  lower?: boolean,
  digits = 3,
  hint?: string,
): Row {
  const values = cs.map((c) => {
    const v = pick(c);
    return v === undefined ? null : v;
  });
  return { key, label, values, best: lower === undefined ? [] : bestOf(values, lower), digits, hint };
}

/** The summary: overall score and grade, RUL utility beside its baselines, correlation differences, the worst reading. */
export function summaryRows(c: Comparison): Row[] {
  const cs = c.candidates;
  return [
    row('overall', 'Overall score', cs, (x) => n(x.overall), false, 3, 'higher is better'),
    row('grade', 'Grade', cs, (x) => x.grade),
    row(
      'rmse_syn',
      'RUL RMSE, trained on the synthetic data',
      cs,
      (x) => n(x.utility?.rmse_synthetic_trained),
      true,
      2,
      'tested on held-out real units; lower is better',
    ),
    row('rmse_real', 'RUL RMSE, trained on the real rows', cs, (x) => n(x.utility?.rmse_real_trained), undefined, 2, 'what real data achieves'),
    row('rmse_mean', 'RUL RMSE, predicting the mean', cs, (x) => n(x.utility?.rmse_mean_baseline), undefined, 2, 'the trivial baseline'),
    // synthetic ÷ real RMSE: 1 is as good as real data, above 1 worse, well below 1 a sign of copied rows (so no "best")
    row('ratio', 'Utility ratio (synthetic ÷ real RMSE)', cs, (x) => n(x.utility?.ratio), undefined, 3, '1 is as good as real data; above 1 worse'),
    row('learnable', 'RUL learnable from these columns', cs, (x) => {
      const l = learnable(x.utility);
      return l === undefined ? null : l ? 'yes' : 'no';
    }),
    row('corr_mean', 'Correlation difference, mean', cs, (x) => n(x.correlation_mean_difference), true, 3, 'lower is better'),
    row('corr_max', 'Correlation difference, largest', cs, (x) => n(x.correlation_max_difference), true, 3, 'lower is better'),
    row('worst', 'Reading furthest from the real data', cs, (x) => x.worst_column ?? null),
  ];
}

export interface DistanceRow {
  column: string;
  /** per candidate: KS, Wasserstein (in real standard deviations), KL */
  cells: { ks: number | null; w: number | null; kl: number | null }[];
  bestKs: number[];
  bestW: number[];
  bestKl: number[];
}

/** Per reading, each candidate's distances from the real data (every reading any candidate has). */
export function distanceRows(c: Comparison): DistanceRow[] {
  const columns: string[] = [];
  for (const cand of c.candidates) for (const d of cand.columns ?? []) if (!columns.includes(d.column)) columns.push(d.column);
  return columns.map((column) => {
    const cells = c.candidates.map((cand) => {
      const d = (cand.columns ?? []).find((x) => x.column === column);
      return { ks: n(d?.ks), w: n(d?.wasserstein_std), kl: n(d?.kl) };
    });
    return {
      column,
      cells,
      bestKs: bestOf(
        cells.map((x) => x.ks),
        true,
      ),
      bestW: bestOf(
        cells.map((x) => x.w),
        true,
      ),
      bestKl: bestOf(
        cells.map((x) => x.kl),
        true,
      ),
    };
  });
}

export function formatValue(v: number | string | null | undefined, digits = 3): string {
  if (v == null) return '—';
  if (typeof v === 'string') return v;
  if (!Number.isFinite(v)) return '—';
  return Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en') : v.toFixed(digits);
}

export interface CompareTarget {
  machine?: string;
  datasets: string[];
}

/** The machine and datasets named in the page's address. */
export function parseCompareHash(hash: string): CompareTarget {
  const q = hash.indexOf('?');
  if (q < 0) return { datasets: [] };
  const p = new URLSearchParams(hash.slice(q + 1));
  return {
    machine: p.get('machine') || undefined,
    datasets: (p.get('datasets') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  };
}

export function compareHash(machine: string | undefined, datasets: string[]): string {
  const p = new URLSearchParams();
  if (machine) p.set('machine', machine);
  if (datasets.length) p.set('datasets', datasets.join(','));
  const s = p.toString().replace(/%2C/g, ',');
  return '#/compare' + (s ? '?' + s : '');
}

/** The datasets a comparison starts with: those named that exist, else the newest two. */
export function initialSelection(datasets: Dataset[], named: string[]): string[] {
  const ids = datasets.map((d) => d.dataset_id);
  const known = named.filter((n) => ids.includes(n));
  if (known.length) return known.slice(0, MAX_COMPARED);
  const newest = [...datasets].sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0));
  return newest.slice(0, 2).map((d) => d.dataset_id);
}

/** The gateway compares at most this many at once. */
export const MAX_COMPARED = 5;
