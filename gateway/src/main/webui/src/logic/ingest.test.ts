import { describe, expect, it } from 'vitest';
import type { ColumnMapping, MappingEntry } from '../api';
import {
  buildIngestRequest,
  columnNameProblem,
  defaultRulFrom,
  detected,
  droppedColumns,
  freeMachineId,
  machineIdProblem,
  mappingProblems,
  needsOwnTraining,
  parseColumnNames,
  previewBody,
  rulFromChoices,
  setRole,
  setRulFrom,
  setTarget,
  trainBody,
} from './ingest';

const e = (source: string, role: MappingEntry['role'], kind: MappingEntry['kind'] = 'number', reason?: string): MappingEntry => ({
  source,
  target: source,
  role,
  kind,
  reason,
});

/** As the preview suggests it for a headerless C-MAPSS file: unit, cycle, readings, a constant. */
const suggested: ColumnMapping = {
  shape: ['col1', 'col2', 'col3', 'col4', 'col5'],
  columns: [
    e('col1', 'unit', 'integer', 'the asset or run each row belongs to'),
    e('col2', 'order', 'integer', 'grows from row to row within each unit'),
    e('col3', 'feature'),
    e('col4', 'dropped', 'number', 'constant: every value is 100.0; written back as it is'),
    e('col5', 'feature'),
  ],
  rul_from: 'end',
};

describe('editing the mapping', () => {
  it('moves a single role: the column that had it becomes a reading again', () => {
    const m = setRole(suggested, 'col3', 'unit');
    expect(detected(m)).toMatchObject({ unit: 'col3', order: 'col2' });
    expect(m.columns.find((x) => x.source === 'col1')).toMatchObject({ role: 'feature' });
    expect(m.columns.filter((x) => x.role === 'unit')).toHaveLength(1);
    // the suggestion itself is left as it was
    expect(detected(suggested).unit).toBe('col1');
  });

  it('gives an identifier that loses its role the dropped role, and a role the engine’s kind', () => {
    const withId: ColumnMapping = { ...suggested, columns: [{ ...suggested.columns[0], kind: 'category' }, ...suggested.columns.slice(1)] };
    const m = setRole(withId, 'col5', 'unit', 'number');
    expect(m.columns[0]).toMatchObject({ role: 'feature', kind: 'category' });
    const r = setRole(suggested, 'col3', 'rul', 'integer');
    expect(r.columns.find((x) => x.source === 'col3')).toMatchObject({ role: 'rul', kind: 'number' });
    const o = setRole(suggested, 'col5', 'order', 'flag');
    expect(o.columns.find((x) => x.source === 'col5')?.kind).toBe('integer');
  });

  it('keeps where RUL comes from consistent with the roles', () => {
    expect(rulFromChoices(suggested)).toEqual(['end', 'none']);
    // naming a RUL column makes it the source
    const withRul = setRole(suggested, 'col5', 'rul');
    expect(withRul.rul_from).toBe('column');
    expect(rulFromChoices(withRul)).toEqual(['column', 'end', 'none']);
    // taking the RUL role away falls back to what the data allows
    const back = setRole(withRul, 'col5', 'feature');
    expect(back.rul_from).toBe('end');
    // without an order there is no run to failure to count down
    const noOrder = setRole(suggested, 'col2', 'dropped');
    expect(noOrder.rul_from).toBe('none');
    // a failure flag with an order and a unit allows events
    const withFailure = setRole(suggested, 'col5', 'failure', 'flag');
    expect(rulFromChoices(withFailure)).toContain('events');
    expect(withFailure.rul_from).toBe('end');
    expect(setRulFrom(withFailure, 'events').rul_from).toBe('events');
    expect(setRulFrom(suggested, 'column').rul_from).toBe('end');
    expect(defaultRulFrom(withFailure)).toBe('events');
  });

  it('finds what keeps the engine from applying the mapping', () => {
    expect(mappingProblems(suggested)).toEqual([]);
    const dup = setTarget(suggested, 'col5', 'col3');
    expect(mappingProblems(dup)).toEqual([expect.objectContaining({ field: 'col5', message: "the target 'col3' is also col3's" })]);
    // a constant column is written back under its target, so it clashes too
    expect(mappingProblems(setTarget(suggested, 'col3', 'COL4'))).toHaveLength(1);
    expect(mappingProblems(setTarget(suggested, 'col3', '  '))[0]).toMatchObject({ field: 'col3', fix: "use 'col3'" });
    const nothing = setRole(setRole(suggested, 'col3', 'dropped'), 'col5', 'dropped');
    expect(mappingProblems(nothing)).toEqual([expect.objectContaining({ field: 'columns', message: 'no column is left to learn' })]);
    const forced: ColumnMapping = { ...suggested, rul_from: 'column' };
    expect(mappingProblems(forced)[0]).toMatchObject({ field: 'rul_from', fix: 'use end' });
  });

  it('lists the columns that will not be learnt with the reason', () => {
    expect(droppedColumns(suggested)).toEqual([{ column: 'col4', reason: 'constant: every value is 100.0; written back as it is' }]);
    expect(droppedColumns(setRole(suggested, 'col5', 'dropped')).map((d) => d.reason)).toEqual([
      'constant: every value is 100.0; written back as it is',
      'dropped by you',
    ]);
  });
});

describe('column names of a headerless file', () => {
  it('splits on commas or lines, else on spaces', () => {
    expect(parseColumnNames('unit, cycle,\n s1 ,')).toEqual(['unit', 'cycle', 's1']);
    expect(parseColumnNames('unit cycle  s1')).toEqual(['unit', 'cycle', 's1']);
    expect(parseColumnNames('operating setting 1, s2')).toEqual(['operating setting 1', 's2']);
  });

  it('wants one distinct name per column', () => {
    expect(columnNameProblem(['a', 'b'], 3)).toMatch(/2 names for 3 columns/);
    expect(columnNameProblem(['a', 'B', 'b'], 3)).toBe("'B' is named twice");
    expect(columnNameProblem(['a', 'b', 'c'], 3)).toBeUndefined();
  });
});

describe('request bodies', () => {
  it('previews with the options and the machine to map onto', () => {
    expect(previewBody({ columns: ['a', 'b'] }, 'pump_001')).toEqual({ columns: ['a', 'b'], machine_id: 'pump_001' });
    expect(previewBody({}, '')).toEqual({});
  });

  it('ingests with the defaults: no mapping when it was not edited, the holdout as a share, the auto pipeline', () => {
    const body = buildIngestRequest({
      uploadId: 'u1',
      options: {},
      mapping: suggested,
      suggested,
      missing: 'fill',
      holdoutPercent: 20,
      rulCap: null,
      mapToProfile: false,
      pipeline: 'auto',
    });
    expect(body).toEqual({ upload_id: 'u1', holdout_units: 0.2, missing: 'fill', pipeline: 'auto' });
  });

  it('sends the edited mapping with the cap, trimmed targets and the column names', () => {
    const edited = setTarget(setRole(suggested, 'col5', 'dropped'), 'col3', ' T24 ');
    const body = buildIngestRequest({
      uploadId: 'u1',
      options: { columns: ['unit', 'cycle', 'a', 'b', 'c'] },
      mapping: edited,
      suggested,
      missing: 'drop',
      holdoutPercent: 25,
      rulCap: 125,
      mapToProfile: true,
      pipeline: 'manual',
    });
    expect(body).toMatchObject({
      upload_id: 'u1',
      columns: ['unit', 'cycle', 'a', 'b', 'c'],
      rul_cap: 125,
      holdout_units: 0.25,
      missing: 'drop',
      map_to_profile: true,
      pipeline: 'manual',
    });
    expect(body.mapping?.rul_cap).toBe(125);
    expect(body.mapping?.shape).toEqual(suggested.shape);
    expect(body.mapping?.columns.map((c) => [c.source, c.target, c.role])).toEqual([
      ['col1', 'col1', 'unit'],
      ['col2', 'col2', 'order'],
      ['col3', 'T24', 'feature'],
      ['col4', 'col4', 'dropped'],
      ['col5', 'col5', 'dropped'],
    ]);
    // no undefined or null reaches the API (its records refuse nothing, but send nothing it did not ask for)
    expect(JSON.stringify(body)).not.toMatch(/null/);
  });

  it('keeps the holdout share in range', () => {
    const base = { uploadId: 'u', options: {}, missing: 'fill' as const, mapToProfile: false, pipeline: 'auto' as const };
    expect(buildIngestRequest({ ...base, holdoutPercent: 150 }).holdout_units).toBe(0.9);
    expect(buildIngestRequest({ ...base, holdoutPercent: 0 }).holdout_units).toBe(0);
  });

  it('trains by itself only for the defaults', () => {
    expect(needsOwnTraining('data', 'auto')).toBe(false);
    expect(needsOwnTraining('data', 'tvae')).toBe(true);
    expect(needsOwnTraining('refine', 'auto')).toBe(true);
    expect(trainBody({ seedId: 's', strategy: 'refine', model: 'tvae', baseModelId: 'm1', epochs: 50.4, pipeline: 'auto' })).toEqual({
      seed_id: 's',
      strategy: 'refine',
      model: 'tvae',
      base_model_id: 'm1',
      epochs: 50,
      pipeline: 'auto',
    });
    expect(trainBody({ strategy: 'merge', model: 'auto', baseModelId: 'm1', pipeline: 'manual' })).toEqual({
      strategy: 'merge',
      model: 'auto',
      pipeline: 'manual',
    });
  });
});

describe('machine ids', () => {
  it('makes a free, valid id from the file’s', () => {
    expect(freeMachineId('fd003_units', [])).toBe('fd003_units');
    expect(freeMachineId('fd003_units', ['fd003_units', 'fd003_units_2'])).toBe('fd003_units_3');
    expect(freeMachineId('My Data-File', [])).toBe('my_data_file');
    expect(freeMachineId('x', [])).toBe('real_x_data');
  });

  it('says what is wrong with an id', () => {
    expect(machineIdProblem('Pump 1', [])).toMatch(/lowercase/);
    expect(machineIdProblem('pump_1', ['pump_1'])).toMatch(/exists already/);
    expect(machineIdProblem('pump_1', [])).toBeUndefined();
  });
});
