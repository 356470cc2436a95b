// The guided profile form: identity, dynamic sensors, operational parameters and RUL settings,
// with each validation problem shown under the field it concerns.
import { useId } from 'react';
import type { ProblemDetail, Profile, Sensor } from '../api';
import { getPath, setPath } from '../logic/validation';
import { ProblemItem } from './Problems';

export const CATEGORIES = ['motor', 'pump', 'compressor', 'cnc', 'fan', 'conveyor', 'robot', 'hydraulic', 'transformer', 'cooling_tower', 'turbofan'];
export const PATTERNS = ['linear_slow', 'linear_medium', 'linear_fast', 'exponential'];
export const RESPONSES = ['linear', 'convex', 'concave', 'sigmoid'];

export function blankProfile(): Profile {
  return {
    machine_id: '',
    machine_type: 'pump',
    manufacturer: '',
    model: '',
    sensors: [{ name: '', unit: '', base: 0, range: 1, noise: 0.1, response: 'linear' }],
    operational_parameters: {},
    rul: { max_rul: 1000, cycles: 3, degradation_pattern: 'linear_medium', rul_noise: 20 },
  };
}

type Apply = (field: string, value: unknown) => void;

function Field({
  path,
  label,
  profile,
  problems,
  onChange,
  type = 'text',
  options,
  hint,
  defaultOption,
}: {
  path: string;
  label: string;
  profile: Profile;
  problems: ProblemDetail[];
  onChange: Apply;
  type?: 'text' | 'number' | 'select';
  options?: string[];
  hint?: string;
  defaultOption?: string;
}) {
  const id = useId();
  const value = getPath(profile, path);
  const mine = problems.filter((p) => p.field === path);
  const errId = mine.length ? id + '-err' : undefined;
  const common = {
    id,
    'aria-invalid': mine.length > 0 ? true : undefined,
    'aria-describedby': errId,
    name: path,
  } as const;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {type === 'select' ? (
        <select {...common} value={String(value ?? '')} onChange={(e) => onChange(path, e.target.value)}>
          {options && !options.includes(String(value ?? '')) && (
            <option value={String(value ?? '')}>
              {value == null || value === '' ? (defaultOption ? `(default: ${defaultOption})` : '(choose)') : String(value)}
            </option>
          )}
          {options?.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      ) : (
        <input
          {...common}
          type={type === 'number' ? 'text' : 'text'}
          inputMode={type === 'number' ? 'decimal' : undefined}
          value={value == null ? '' : String(value)}
          placeholder={hint}
          onChange={(e) => {
            const raw = e.target.value;
            if (type !== 'number') return onChange(path, raw);
            const n = Number(raw);
            onChange(path, raw.trim() === '' || !Number.isFinite(n) || /[.eE-]$/.test(raw) ? raw : n);
          }}
        />
      )}
      {mine.length > 0 && (
        <div id={errId}>
          {mine.map((p, i) => (
            <ProblemItem key={i} p={p} onApply={onChange} showField={false} />
          ))}
        </div>
      )}
    </div>
  );
}

export function ProfileForm({ profile, problems, onChange }: { profile: Profile; problems: ProblemDetail[]; onChange: (p: Profile) => void }) {
  const set: Apply = (path, value) => onChange(setPath(profile, path, value));
  const sensors = profile.sensors ?? [];
  const params = Object.entries(profile.operational_parameters ?? {});
  const blockProblems = (path: string) => problems.filter((p) => p.field === path);
  const f = { profile, problems, onChange: set };
  return (
    <div>
      <h3>Machine</h3>
      <div className="fields">
        <Field path="machine_id" label="Machine id" hint="pump_acme_p100_001" {...f} />
        <Field path="machine_type" label="Category" type="select" options={CATEGORIES} {...f} />
        <Field path="manufacturer" label="Manufacturer (optional)" {...f} />
        <Field path="model" label="Model (optional)" {...f} />
      </div>

      <h3>Sensors</h3>
      {blockProblems('sensors').map((p, i) => (
        <ProblemItem key={i} p={p} onApply={set} />
      ))}
      {sensors.map((s: Sensor, i) => (
        <fieldset className="sensor-row" key={i}>
          <legend className="sr-only">Sensor {i + 1}</legend>
          <div className="card-head" style={{ marginBottom: 4 }}>
            <strong>Sensor {i + 1}</strong>
            <button
              type="button"
              className="ghost small"
              disabled={sensors.length <= 1}
              onClick={() => onChange({ ...profile, sensors: sensors.filter((_, j) => j !== i) })}
            >
              Remove<span className="sr-only"> sensor {i + 1}</span>
            </button>
          </div>
          {blockProblems(`sensors[${i}]`).map((p, k) => (
            <ProblemItem key={k} p={p} onApply={set} />
          ))}
          <div className="fields">
            <Field path={`sensors[${i}].name`} label="Name" hint="bearing_temp_C" {...f} />
            <Field path={`sensors[${i}].unit`} label="Unit" hint="C" {...f} />
            <Field path={`sensors[${i}].base`} label="Healthy reading" type="number" {...f} />
            <Field path={`sensors[${i}].range`} label="Change to failure" type="number" {...f} />
            <Field path={`sensors[${i}].noise`} label="Noise (std)" type="number" {...f} />
            <Field path={`sensors[${i}].response`} label="Response" type="select" options={RESPONSES} defaultOption="linear" {...f} />
          </div>
        </fieldset>
      ))}
      <button
        type="button"
        className="secondary small"
        onClick={() => onChange({ ...profile, sensors: [...sensors, { name: '', unit: '', base: 0, range: 1, noise: 0.1, response: 'linear' }] })}
      >
        + Add sensor
      </button>

      <h3>Operational parameters</h3>
      {params.length === 0 && <p className="muted">None (optional): rated power, speed, pressure…</p>}
      {params.map(([name, value], i) => (
        <div className="inline" key={i}>
          <div className="field">
            <label htmlFor={`param-name-${i}`}>Parameter</label>
            <input
              id={`param-name-${i}`}
              value={name}
              onChange={(e) => {
                const entries = params.map(([k, v], j) => (j === i ? [e.target.value, v] : [k, v]));
                onChange({ ...profile, operational_parameters: Object.fromEntries(entries) });
              }}
            />
          </div>
          <div className="field">
            <label htmlFor={`param-value-${i}`}>Value</label>
            <input
              id={`param-value-${i}`}
              value={String(value)}
              onChange={(e) => {
                const raw = e.target.value;
                const v = raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
                onChange({ ...profile, operational_parameters: { ...profile.operational_parameters, [name]: v } });
              }}
            />
          </div>
          <button
            type="button"
            className="ghost small"
            style={{ marginBottom: 14 }}
            onClick={() => onChange({ ...profile, operational_parameters: Object.fromEntries(params.filter((_, j) => j !== i)) })}
          >
            Remove<span className="sr-only"> parameter {name}</span>
          </button>
          {problems
            .filter((p) => p.field === `operational_parameters.${name}`)
            .map((p, k) => (
              <ProblemItem key={k} p={p} />
            ))}
        </div>
      ))}
      <button
        type="button"
        className="secondary small"
        onClick={() => onChange({ ...profile, operational_parameters: { ...profile.operational_parameters, [`param_${params.length + 1}`]: 0 } })}
      >
        + Add parameter
      </button>

      <h3>Remaining useful life</h3>
      {blockProblems('rul').map((p, i) => (
        <ProblemItem key={i} p={p} onApply={set} />
      ))}
      <div className="fields">
        <Field path="rul.max_rul" label="Typical lifetime (h)" type="number" {...f} />
        <Field path="rul.cycles" label="Run-to-failure cycles" type="number" {...f} />
        <Field path="rul.degradation_pattern" label="Degradation" type="select" options={PATTERNS} {...f} />
        <Field path="rul.rul_noise" label="Lifetime spread (h)" type="number" {...f} />
      </div>
    </div>
  );
}
