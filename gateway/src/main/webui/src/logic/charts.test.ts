import { describe, expect, it } from 'vitest';
import type { MachineStatus, Task } from '../api';
import { applyTask } from '../live';
import { heatmapCells, overlayHistogram, passes, qualityBand, stateGroup, thin, thresholdMarks, tracesAgainstRul, verdictBand, workflowSteps } from './charts';

describe('chart data shaping', () => {
  it('puts seed and synthetic histograms on shares of their own rows', () => {
    const edges = [0, 1, 2, 3];
    const h = overlayHistogram({ name: 'x', edges, counts: [10, 30, 60] }, { name: 'x', edges, counts: [1000, 0, 1000] });
    expect(h.labels).toEqual(['0.000–1.0', '1.0–2.0', '2.0–3.0']);
    expect(h.seed).toEqual([0.1, 0.3, 0.6]);
    expect(h.synthetic).toEqual([0.5, 0, 0.5]);
    expect(overlayHistogram(undefined, undefined).labels).toEqual([]);
  });

  it('turns a correlation matrix into heatmap cells, leaving out undefined ones', () => {
    const cells = heatmapCells({
      dataset_id: 'ds_1',
      split: 'train',
      source: 'synthetic',
      rows: 10,
      columns: ['a', 'b'],
      values: [
        [1, -0.456],
        [-0.456, null],
      ],
    });
    expect(cells).toEqual([
      [0, 0, 1],
      [1, 0, -0.46],
      [0, 1, -0.46],
    ]);
  });

  it('draws traces against RUL from seed objects and dataset arrays', () => {
    const cols = ['timestamp', 'machine_id', 'cycle', 'rul', 'temp'];
    const fromArrays = tracesAgainstRul(cols, [
      ['t', 'm', 1, 10, 40],
      ['t', 'm', 1, 9, 41],
    ]);
    expect(fromArrays).toEqual([
      {
        name: 'temp',
        points: [
          [10, 40],
          [9, 41],
        ],
      },
    ]);
    const fromObjects = tracesAgainstRul(cols, [{ rul: 5, temp: 1 }]);
    expect(fromObjects[0].points).toEqual([[5, 1]]);
    expect(thin([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 4)).toEqual([1, 4, 7, 10]);
  });

  it('bands quality by the 0.75 / 0.85 / 0.90 thresholds', () => {
    expect(qualityBand(0.95).tone).toBe('excellent');
    expect(qualityBand(0.9).tone).toBe('excellent');
    expect(qualityBand(0.86).tone).toBe('good');
    expect(qualityBand(0.75).tone).toBe('acceptable');
    expect(qualityBand(0.7).tone).toBe('poor');
    expect(qualityBand(undefined).tone).toBe('none');
  });
});

describe('live fleet updates', () => {
  const t = (p: Partial<Task>): Task => ({ task_id: 'x', machine_id: 'm', stage: 'seed', status: 'running', progress: 0.5, finished: false, ...p });
  const fresh: MachineStatus = { machine_id: 'm', running: false, state: 'profile_ready' };

  it('applies task updates to a machine status as the gateway computes it', () => {
    let s = applyTask(fresh, t({}));
    expect(s.running).toBe(true);
    expect(s.state).toBe('seed_running');
    expect(stateGroup(s)).toBe('running');
    s = applyTask(s, t({ status: 'succeeded', finished: true, progress: 1 }));
    expect(s.state).toBe('seed_ready');
    s = applyTask(s, t({ task_id: 'g', stage: 'generation', status: 'succeeded', finished: true, quality_overall: 0.8, grade: 'acceptable' }));
    expect(s.state).toBe('dataset_ready');
    expect(s.quality_overall).toBe(0.8);
    expect(workflowSteps(s)).toEqual({ profile: 'done', seed: 'done', model: 'none', dataset: 'done' });
    s = applyTask(s, t({ task_id: 'tr', stage: 'training', status: 'failed', finished: true }));
    expect(s.state).toBe('training_failed');
    expect(stateGroup(s)).toBe('failed');
  });
});

describe('the verdict', () => {
  it("is the report's grade where it has one, the score's band where not", () => {
    expect(verdictBand(0.853, 'failed')).toMatchObject({ tone: 'poor', label: 'failed' });
    expect(verdictBand(0.853, 'good').tone).toBe('good');
    expect(verdictBand(0.853).tone).toBe('good');
    expect(verdictBand(undefined, 'failed').tone).toBe('none');
    expect(passes(0.853, 'failed')).toBe(false);
    expect(passes(0.7, 'acceptable')).toBe(true);
    expect(passes(0.7)).toBe(false);
    expect(passes(null, 'good')).toBe(false);
  });

  it('draws the thresholds with two decimals, the close ones apart', () => {
    const m = thresholdMarks('yAxis');
    expect(m.data.map((d) => (d as unknown as { yAxis: number }).yAxis)).toEqual([0.75, 0.85, 0.9]);
    expect(m.label.formatter({ value: 0.9 })).toBe('0.90');
    expect(m.label.formatter({ value: 0.85 })).toBe('0.85');
    const [, good, excellent] = m.data.map((d) => d.label.offset[1]);
    expect(excellent - good).toBeLessThan(-10);
    // vertical lines: each label on a row of its own, whatever the chart's width
    const rows = thresholdMarks('xAxis').data.map((d) => d.label.offset[1]);
    expect(new Set(rows).size).toBe(3);
    expect(Math.min(...rows.slice(1).map((r, i) => Math.abs(r - rows[i])))).toBeGreaterThanOrEqual(12);
  });
});
