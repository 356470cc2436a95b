import { describe, expect, it } from 'vitest';
import type { Comparison, Dataset, Utility } from '../api';
import { bestOf, compareHash, distanceRows, formatValue, initialSelection, learnable, parseCompareHash, summaryRows } from './compare';

/** A utility as the API sends it, with the figures a test is about. */
const utility = (u: Pick<Utility, 'rmse_real_trained' | 'rmse_synthetic_trained' | 'ratio' | 'rmse_mean_baseline'> & Partial<Utility>): Utility => ({
  regressor: 'hist_gradient_boosting',
  split: 'units',
  unseen_test: true,
  train_rows_real: 1000,
  train_rows_synthetic: 1000,
  test_rows: 300,
  learnable: u.rmse_real_trained < u.rmse_mean_baseline,
  ...u,
});

const comparison: Comparison = {
  candidates: [
    {
      name: 'ds_a',
      overall: 0.81,
      grade: 'acceptable',
      utility: utility({ rmse_real_trained: 20, rmse_synthetic_trained: 31, ratio: 0.65, rmse_mean_baseline: 40 }),
      columns: [
        { column: 'rul', ks: 0.1, wasserstein_std: 0.2, kl: 0.05 },
        { column: 'T24', ks: 0.3, wasserstein_std: 0.5, kl: null },
      ],
      correlation_mean_difference: 0.12,
      correlation_max_difference: 0.4,
      worst_column: 'T24',
      notes: [],
    },
    {
      name: 'ds_b',
      overall: 0.88,
      grade: 'good',
      utility: utility({ rmse_real_trained: 20, rmse_synthetic_trained: 24, ratio: 0.83, rmse_mean_baseline: 40 }),
      columns: [
        { column: 'rul', ks: 0.1, wasserstein_std: 0.1, kl: 0.02 },
        { column: 'T24', ks: 0.2, wasserstein_std: 0.6, kl: 0.4 },
        { column: 'P30', ks: 0.05, wasserstein_std: 0.1, kl: 0.01 },
      ],
      correlation_mean_difference: 0.08,
      correlation_max_difference: 0.4,
      worst_column: 'T24',
    },
  ],
  recommended: 'ds_b',
  reason: 'a RUL model trained on ds_b predicts the held-out real units best',
};

describe('bestOf', () => {
  it('marks the lowest (or highest), ties together, and nothing when all agree or one value is there', () => {
    expect(bestOf([0.3, 0.1, 0.1], true)).toEqual([1, 2]);
    expect(bestOf([0.3, 0.1, null], false)).toEqual([0]);
    expect(bestOf([0.4, 0.4], true)).toEqual([]);
    expect(bestOf([0.4, null], true)).toEqual([]);
    expect(bestOf(['good', 'poor'], true)).toEqual([]);
  });
});

describe('summaryRows', () => {
  it('puts each measure side by side with the better one marked', () => {
    const rows = Object.fromEntries(summaryRows(comparison).map((r) => [r.key, r]));
    expect(rows.overall.values).toEqual([0.81, 0.88]);
    expect(rows.overall.best).toEqual([1]);
    expect(rows.grade.values).toEqual(['acceptable', 'good']);
    expect(rows.rmse_syn.values).toEqual([31, 24]);
    expect(rows.rmse_syn.best).toEqual([1]);
    // the baselines are context, not a contest
    expect(rows.rmse_mean.values).toEqual([40, 40]);
    expect(rows.rmse_mean.best).toEqual([]);
    // the ratio is context: well below 1 can mean copied rows
    expect(rows.ratio.best).toEqual([]);
    expect(rows.corr_mean.best).toEqual([1]);
    expect(rows.corr_max.best).toEqual([]);
    expect(rows.learnable.values).toEqual(['yes', 'yes']);
    expect(rows.worst.values).toEqual(['T24', 'T24']);
  });

  it('shows no value where the API sent a non-finite number as "NaN"', () => {
    const nan = 'NaN' as unknown as number;
    const c: Comparison = {
      ...comparison,
      candidates: [
        { ...comparison.candidates[0], utility: { ...comparison.candidates[0].utility!, ratio: nan }, correlation_mean_difference: nan },
        comparison.candidates[1],
      ],
    };
    const rows = Object.fromEntries(summaryRows(c).map((r) => [r.key, r]));
    expect(rows.ratio.values).toEqual([null, 0.83]);
    expect(rows.corr_mean.values).toEqual([null, 0.08]);
    expect(formatValue(rows.ratio.values[0])).toBe('—');
    const d = distanceRows({
      ...comparison,
      candidates: [{ ...comparison.candidates[0], columns: [{ column: 'rul', ks: nan, wasserstein_std: 0.2, kl: 0.1 }] }],
    });
    expect(d[0].cells[0]).toEqual({ ks: null, w: 0.2, kl: 0.1 });
  });

  it('copes with a candidate without utility', () => {
    const c: Comparison = { ...comparison, candidates: [{ ...comparison.candidates[0], utility: null }, comparison.candidates[1]] };
    const rows = Object.fromEntries(summaryRows(c).map((r) => [r.key, r]));
    expect(rows.rmse_syn.values).toEqual([null, 24]);
    expect(rows.rmse_syn.best).toEqual([]);
    expect(rows.learnable.values).toEqual([null, 'yes']);
  });
});

describe('learnable', () => {
  it('is the API’s answer, none without a utility', () => {
    expect(learnable(utility({ rmse_real_trained: 20, rmse_synthetic_trained: 1, ratio: 1, rmse_mean_baseline: 40 }))).toBe(true);
    expect(learnable(utility({ rmse_real_trained: 20, rmse_synthetic_trained: 1, ratio: 1, rmse_mean_baseline: 40, learnable: false }))).toBe(false);
    expect(learnable(null)).toBeUndefined();
  });
});

describe('distanceRows', () => {
  it('has a row per reading of any candidate, with the closest marked per measure', () => {
    const rows = distanceRows(comparison);
    expect(rows.map((r) => r.column)).toEqual(['rul', 'T24', 'P30']);
    const t24 = rows[1];
    expect(t24.cells).toEqual([
      { ks: 0.3, w: 0.5, kl: null },
      { ks: 0.2, w: 0.6, kl: 0.4 },
    ]);
    expect(t24.bestKs).toEqual([1]);
    expect(t24.bestW).toEqual([0]);
    expect(t24.bestKl).toEqual([]);
    expect(rows[0].bestKs).toEqual([]);
    expect(rows[2].cells[0]).toEqual({ ks: null, w: null, kl: null });
  });
});

describe('the address of a comparison', () => {
  it('round-trips the machine and the datasets', () => {
    const h = compareHash('fd003_units', ['ds_a', 'ds_b']);
    expect(h).toBe('#/compare?machine=fd003_units&datasets=ds_a,ds_b');
    expect(parseCompareHash(h)).toEqual({ machine: 'fd003_units', datasets: ['ds_a', 'ds_b'] });
    expect(parseCompareHash('#/compare')).toEqual({ datasets: [] });
    expect(compareHash(undefined, [])).toBe('#/compare');
  });

  it('starts with the named datasets that exist, else the newest two', () => {
    const ds = (id: string, created_at: string) => ({ dataset_id: id, created_at }) as Dataset;
    const all = [ds('old', '2026-01-01T00:00:00Z'), ds('new', '2026-03-01T00:00:00Z'), ds('mid', '2026-02-01T00:00:00Z')];
    expect(initialSelection(all, ['mid', 'gone'])).toEqual(['mid']);
    expect(initialSelection(all, [])).toEqual(['new', 'mid']);
    expect(initialSelection([], ['x'])).toEqual([]);
  });

  it('formats values', () => {
    expect(formatValue(0.12345)).toBe('0.123');
    expect(formatValue(12345.6)).toBe('12,346');
    expect(formatValue(null)).toBe('—');
    expect(formatValue('good')).toBe('good');
  });
});
