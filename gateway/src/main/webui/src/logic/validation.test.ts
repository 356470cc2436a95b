import { describe, expect, it } from 'vitest';
import { concreteFix, fieldLabel, getPath, parsePath, problemsUnder, setPath } from './validation';

describe('concreteFix', () => {
  it('reads the value of the fixes the profile validator writes', () => {
    expect(concreteFix("use 'pump_with_spaces'", 'machine_id')).toEqual({ kind: 'value', value: 'pump_with_spaces' });
    expect(concreteFix('use 1.0', 'sensors[0].noise')).toEqual({ kind: 'value', value: 1 });
    expect(concreteFix('use 1', 'rul.cycles')).toEqual({ kind: 'value', value: 1 });
    expect(concreteFix("rename one of them, e.g. 'flow_2'", 'sensors[1].name')).toEqual({ kind: 'value', value: 'flow_2' });
    expect(concreteFix('use the typical lifetime in hours, e.g. 1000', 'rul.max_rul')).toEqual({ kind: 'value', value: 1000 });
    expect(concreteFix('set type: numeric, or remove the sensor', 'sensors[2].type')).toEqual({ kind: 'value', value: 'numeric' });
  });

  it('offers the choices of a "use one of" fix', () => {
    expect(concreteFix('use one of: linear_slow, linear_medium, linear_fast, exponential', 'rul.degradation_pattern')).toEqual({
      kind: 'choices',
      values: ['linear_slow', 'linear_medium', 'linear_fast', 'exponential'],
    });
  });

  it('gives nothing for advice without a value or a value of another field', () => {
    expect(concreteFix('upload the file again', '(file)')).toBeNull();
    expect(concreteFix('write sensors as a list: sensors: [ {name: ..., unit: ...} ]', 'sensors')).toBeNull();
    expect(concreteFix('add machine_id, e.g. machine_id: pump_ksb_etanorm_001', 'machine_id')).toEqual({ kind: 'value', value: 'pump_ksb_etanorm_001' });
    expect(concreteFix('write max_rul as a plain number, e.g. max_rul: 1.5', 'rul.cycles')).toBeNull();
    expect(concreteFix(undefined, 'x')).toBeNull();
  });
});

describe('paths', () => {
  it('parses and sets nested paths without touching the original', () => {
    expect(parsePath('sensors[0].noise')).toEqual(['sensors', 0, 'noise']);
    const p = {
      machine_id: 'x',
      sensors: [
        { name: 'a', noise: -1 },
        { name: 'b', noise: 1 },
      ],
      rul: { cycles: 0 },
    };
    const q = setPath(p, 'sensors[0].noise', 1);
    expect(q.sensors[0].noise).toBe(1);
    expect(q.sensors[1]).toBe(p.sensors[1]);
    expect(p.sensors[0].noise).toBe(-1);
    expect(Array.isArray(q.sensors)).toBe(true);
    expect(getPath(setPath(p, 'rul.degradation_pattern', 'linear_fast'), 'rul.degradation_pattern')).toBe('linear_fast');
    expect(getPath(setPath({}, 'a.b[1].c', 3), 'a.b[1].c')).toBe(3);
  });

  it('finds the problems under a form block and labels fields for people', () => {
    const problems = [
      { field: 'sensors[1].name', message: 'dup' },
      { field: 'sensors[10].unit', message: 'x' },
      { field: 'sensors[1]', message: 'whole' },
    ];
    expect(problemsUnder(problems, 'sensors[1]').map((p) => p.message)).toEqual(['dup', 'whole']);
    expect(fieldLabel('sensors[1].name')).toBe('Sensor 2 · name');
    expect(fieldLabel('rul.max_rul')).toBe('RUL · max rul');
    expect(fieldLabel('(file)')).toBe('File');
  });
});
