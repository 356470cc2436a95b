// Validation problems of a profile: where they belong in the form, and which fixes can be applied with one click.
import type { ProblemDetail } from '../api';

export type Fix = { kind: 'value'; value: string | number | boolean } | { kind: 'choices'; values: string[] };

function literal(raw: string): string | number | boolean {
  const t = raw.trim().replace(/[.;,]$/, '');
  const quoted = /^'(.*)'$|^"(.*)"$/.exec(t);
  if (quoted) return quoted[1] ?? quoted[2];
  if (t === 'true' || t === 'false') return t === 'true';
  const n = Number(t);
  return t !== '' && Number.isFinite(n) ? n : t;
}

const plainValue = /^(?:'[^']*'|"[^"]*"|-?\d+(?:\.\d+)?(?:e-?\d+)?|[a-z][a-z0-9_/]*)$/i;

/**
 * The value a fix suggests, when it names one: "use 'pump_001'", "use 0.5", "use one of: a, b",
 * "set type: numeric", "e.g. 1000". Advice without a value ("upload the file again") gives null.
 */
export function concreteFix(fix: string | undefined, field: string): Fix | null {
  if (!fix) return null;
  const f = fix.trim();
  const oneOf = /^use one of:?\s+(.+)$/i.exec(f);
  if (oneOf) {
    const values = oneOf[1]
      .split(/,\s*|\s+or\s+/)
      .map((v) => v.trim().replace(/^'|'$/g, '').replace(/[.]$/, ''))
      .filter((v) => /^[a-z0-9_]+$/i.test(v));
    return values.length ? { kind: 'choices', values } : null;
  }
  const use = /^use\s+(.+?)(?:\s+instead)?$/i.exec(f);
  if (use && plainValue.test(use[1].trim())) return { kind: 'value', value: literal(use[1]) };
  const leaf = field.replace(/^.*\./, '').replace(/\[\d+\]$/, '');
  const set = new RegExp(`^set ${leaf}:\\s*([^,\\s]+)`, 'i').exec(f);
  if (set && plainValue.test(set[1])) return { kind: 'value', value: literal(set[1]) };
  const eg = /e\.g\.\s+(?:([a-z_]+):\s*)?('[^']*'|"[^"]*"|[^\s,;)]+)\s*\)?$/i.exec(f);
  if (eg && (!eg[1] || eg[1] === leaf) && plainValue.test(eg[2])) return { kind: 'value', value: literal(eg[2]) };
  return null;
}

/** "sensors[0].noise" -> ["sensors", 0, "noise"] */
export function parsePath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1]) out.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

/** A copy of obj with the value at path replaced (objects and arrays on the way are copied, missing ones created). */
export function setPath<T>(obj: T, path: string, value: unknown): T {
  const keys = parsePath(path);
  const walk = (node: unknown, i: number): unknown => {
    if (i === keys.length) return value;
    const key = keys[i];
    const copy: Record<string | number, unknown> = Array.isArray(node)
      ? ([...node] as unknown as Record<number, unknown>)
      : { ...((node as Record<string, unknown>) ?? {}) };
    copy[key] = walk((node as Record<string | number, unknown> | undefined)?.[key], i + 1);
    return copy;
  };
  return walk(obj, 0) as T;
}

export function getPath(obj: unknown, path: string): unknown {
  return parsePath(path).reduce<unknown>((node, k) => (node == null ? undefined : (node as Record<string | number, unknown>)[k]), obj);
}

/** Problems by the form field they belong to; file-level ones under "(file)". */
export function problemsByField(problems: ProblemDetail[]): Map<string, ProblemDetail[]> {
  const m = new Map<string, ProblemDetail[]>();
  for (const p of problems) {
    const key = p.field || '(file)';
    m.set(key, [...(m.get(key) ?? []), p]);
  }
  return m;
}

/** Problems whose field is path or lies under it (sensors[0] covers sensors[0].noise). */
export function problemsUnder(problems: ProblemDetail[], path: string): ProblemDetail[] {
  return problems.filter((p) => p.field === path || p.field.startsWith(path + '.') || p.field.startsWith(path + '['));
}

/** Words a person reads: sensors[0].noise -> "Sensor 1 · noise". */
export function fieldLabel(field: string): string {
  if (field === '(file)' || !field) return 'File';
  return field
    .replace(/sensors\[(\d+)\]/g, (_, i) => `Sensor ${Number(i) + 1}`)
    .replace(/failure_modes\[(\d+)\]/g, (_, i) => `Failure mode ${Number(i) + 1}`)
    .replace(/^rul\./, 'RUL · ')
    .replace(/\./g, ' · ')
    .replace(/_/g, ' ');
}
