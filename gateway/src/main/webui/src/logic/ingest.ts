// Bringing a user's file in: editing the preview's column mapping (roles, targets, where RUL comes
// from) so that it stays one the engine can apply, what cleaning will drop, and the request bodies
// of the preview, the ingest and the training that follows.
import type { ColumnKind, ColumnMapping, IngestBody, IngestOptions, MappingEntry, ProblemDetail, Profile, Role, RulFrom } from '../api';

export const ROLES: Role[] = ['feature', 'unit', 'order', 'rul', 'failure', 'dropped'];
/** Roles at most one column has. */
export const SINGLE_ROLES: Role[] = ['unit', 'order', 'rul', 'failure'];

export const ROLE_LABEL: Record<Role, string> = {
  feature: 'reading (learnt)',
  unit: 'unit / asset id',
  order: 'order (time or cycle)',
  rul: 'RUL (given)',
  failure: 'failure flag',
  dropped: 'dropped',
};

export const RUL_FROM_LABEL: Record<RulFrom, string> = {
  column: 'the RUL column of the file',
  end: 'counting down to each unit’s last row (run to failure)',
  events: 'counting down to each failure event',
  none: 'no RUL: rows are learnt as a table',
};

const withRole = (m: ColumnMapping, role: Role) => m.columns.find((e) => e.role === role);

/** Where RUL can come from with these roles. */
export function rulFromChoices(m: ColumnMapping): RulFrom[] {
  const out: RulFrom[] = [];
  if (withRole(m, 'rul')) out.push('column');
  if (withRole(m, 'order')) out.push('end');
  if (withRole(m, 'order') && withRole(m, 'failure')) out.push('events');
  out.push('none');
  return out;
}

/** The engine's own choice for these roles: a RUL column, else failure events, else each unit's end. */
export function defaultRulFrom(m: ColumnMapping): RulFrom {
  const order = withRole(m, 'order');
  if (withRole(m, 'rul')) return 'column';
  if (order && withRole(m, 'failure') && (withRole(m, 'unit') || order.kind === 'timestamp')) return 'events';
  if (order && withRole(m, 'unit')) return 'end';
  return 'none';
}

/** The mapping with a rul_from that its roles allow: kept when still possible, else the engine's default. */
export function fixRulFrom(m: ColumnMapping): ColumnMapping {
  if (rulFromChoices(m).includes(m.rul_from)) return m;
  return { ...m, rul_from: defaultRulFrom(m) };
}

/** The role a column falls back to when another column takes its role. */
function fallbackRole(e: MappingEntry): Role {
  return e.kind === 'identifier' || e.kind === 'timestamp' ? 'dropped' : 'feature';
}

/** The kind a column of kind `k` (as profiled) has in a role, as the engine maps it. */
export function kindForRole(role: Role, k: ColumnKind): ColumnKind {
  if (role === 'unit') return k === 'identifier' ? 'category' : k;
  if (role === 'order') return k === 'timestamp' || k === 'number' ? k : 'integer';
  if (role === 'rul') return 'number';
  return k;
}

/**
 * Gives `source` a role; a unit, order, RUL or failure role moves from the column that had it.
 * `profiled` is the column's kind as profiling found it (the entry's kind follows the role).
 */
export function setRole(m: ColumnMapping, source: string, role: Role, profiled?: ColumnKind): ColumnMapping {
  const columns = m.columns.map((e) => {
    if (e.source === source) {
      if (e.role === role) return e;
      const kind = kindForRole(role, profiled ?? e.kind);
      return { ...e, role, kind, reason: role === 'dropped' ? 'dropped by you' : `set to ${ROLE_LABEL[role]} by you` };
    }
    if (SINGLE_ROLES.includes(role) && e.role === role) {
      const r = fallbackRole(e);
      return { ...e, role: r, reason: `was the ${ROLE_LABEL[role]}; ${source} is now` };
    }
    return e;
  });
  // a column named as RUL is where RUL comes from; a role that went away takes its RUL source with it
  return role === 'rul' ? { ...m, columns, rul_from: 'column' } : fixRulFrom({ ...m, columns });
}

export function setTarget(m: ColumnMapping, source: string, target: string): ColumnMapping {
  return { ...m, columns: m.columns.map((e) => (e.source === source ? { ...e, target, score: undefined } : e)) };
}

export function setRulFrom(m: ColumnMapping, from: RulFrom): ColumnMapping {
  if (!rulFromChoices(m).includes(from)) return m;
  return { ...m, rul_from: from };
}

/** What keeps the engine from applying the mapping, each with its fix. */
export function mappingProblems(m: ColumnMapping): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  const seen = new Map<string, string>();
  for (const e of m.columns) {
    const t = e.target.trim();
    if (!t) {
      problems.push({ field: e.source, message: 'the target name is empty', fix: `use '${e.source}'` });
      continue;
    }
    const other = seen.get(t.toLowerCase());
    if (other) problems.push({ field: e.source, message: `the target '${t}' is also ${other}'s`, fix: `use '${t}_2' or drop one of them` });
    else seen.set(t.toLowerCase(), e.source);
  }
  for (const role of SINGLE_ROLES) {
    const holders = m.columns.filter((e) => e.role === role);
    if (holders.length > 1)
      problems.push({
        field: holders[1].source,
        message: `${holders.map((h) => h.source).join(' and ')} are both the ${ROLE_LABEL[role]}`,
        fix: 'give the role to one column',
      });
  }
  if (!m.columns.some((e) => e.role === 'feature' || e.role === 'failure'))
    problems.push({ field: 'columns', message: 'no column is left to learn', fix: 'make at least one reading column a “reading (learnt)”' });
  if (!rulFromChoices(m).includes(m.rul_from))
    problems.push({
      field: 'rul_from',
      message: `RUL from ${m.rul_from} needs ${m.rul_from === 'column' ? 'a RUL column' : m.rul_from === 'events' ? 'an order and a failure column' : 'an order column'}`,
      fix: `use ${defaultRulFrom(m)}`,
    });
  return problems;
}

export interface Detected {
  unit?: string;
  order?: string;
  rul?: string;
  failure?: string;
  rulFrom: RulFrom;
}

export function detected(m: ColumnMapping): Detected {
  return {
    unit: withRole(m, 'unit')?.source,
    order: withRole(m, 'order')?.source,
    rul: withRole(m, 'rul')?.source,
    failure: withRole(m, 'failure')?.source,
    rulFrom: m.rul_from,
  };
}

/** The columns that will not be learnt, and why. */
export function droppedColumns(m: ColumnMapping): { column: string; reason: string }[] {
  return m.columns.filter((e) => e.role === 'dropped').map((e) => ({ column: e.source, reason: e.reason ?? 'dropped in the mapping' }));
}

/** Column names typed for a file without a header: separated by commas or line breaks (spaces, when there is neither). */
export function parseColumnNames(text: string): string[] {
  const sep = /[,\n]/.test(text) ? /[,\n]/ : /\s+/;
  return text
    .split(sep)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function columnNameProblem(names: string[], count: number): string | undefined {
  if (names.length !== count) return `${names.length} name${names.length === 1 ? '' : 's'} for ${count} columns: give one name per column, in order`;
  const lower = names.map((n) => n.toLowerCase());
  const dup = lower.find((n, i) => lower.indexOf(n) !== i);
  if (dup) return `'${names[lower.indexOf(dup)]}' is named twice`;
  return undefined;
}

/** The preview's body: the options given, and machine_id to map onto that machine's profile. */
export function previewBody(options: IngestOptions, mapOnto?: string): Record<string, unknown> {
  return compact({ ...options, machine_id: mapOnto || undefined });
}

export interface IngestChoices {
  uploadId: string;
  options: IngestOptions;
  mapping?: ColumnMapping;
  /** the mapping as the preview suggested it: sent only when edited */
  suggested?: ColumnMapping;
  missing: 'fill' | 'drop';
  /** share of units held out, in percent */
  holdoutPercent: number;
  rulCap?: number | null;
  mapToProfile: boolean;
  pipeline: 'auto' | 'manual';
}

/** The ingest request: the options, cleaning, the edited mapping (when edited) and the pipeline. */
export function buildIngestRequest(c: IngestChoices): IngestBody {
  const cap = c.rulCap != null && Number.isFinite(c.rulCap) && c.rulCap > 0 ? c.rulCap : undefined;
  const edited = c.mapping && (!c.suggested || !sameMapping(c.mapping, c.suggested));
  const mapping =
    edited && c.mapping
      ? compact({ ...c.mapping, rul_cap: cap, columns: c.mapping.columns.map((e) => compact({ ...e, target: e.target.trim() })) })
      : undefined;
  return compact({
    upload_id: c.uploadId,
    ...c.options,
    rul_cap: cap,
    holdout_units: Math.round(Math.min(90, Math.max(0, c.holdoutPercent))) / 100,
    missing: c.missing,
    mapping,
    map_to_profile: c.mapToProfile || undefined,
    pipeline: c.pipeline,
  }) as IngestBody;
}

function sameMapping(a: ColumnMapping, b: ColumnMapping): boolean {
  if (a.rul_from !== b.rul_from || a.columns.length !== b.columns.length) return false;
  return a.columns.every((e, i) => e.source === b.columns[i].source && e.role === b.columns[i].role && e.target.trim() === b.columns[i].target);
}

export type Strategy = 'data' | 'merge' | 'refine';
export type ModelKind = 'auto' | 'trajectory' | 'tvae';

/** The ingest's own pipeline trains with the defaults (model auto, strategy data); anything else is a training of its own. */
export function needsOwnTraining(strategy: Strategy, model: ModelKind): boolean {
  return strategy !== 'data' || model !== 'auto';
}

export function trainBody(o: { seedId?: string; strategy: Strategy; model: ModelKind; baseModelId?: string; epochs?: number; pipeline: 'auto' | 'manual' }) {
  return compact({
    seed_id: o.seedId,
    strategy: o.strategy,
    model: o.model,
    base_model_id: o.strategy === 'refine' ? o.baseModelId || undefined : undefined,
    epochs: o.epochs && o.epochs > 0 ? Math.round(o.epochs) : undefined,
    pipeline: o.pipeline,
  });
}

export const MACHINE_ID = /^[a-z0-9_]{3,64}$/;

export function machineIdProblem(id: string, taken: string[]): string | undefined {
  if (!MACHINE_ID.test(id)) return 'use 3..64 lowercase letters, digits or _';
  if (taken.includes(id)) return `a machine ${id} exists already: pick another id, or add the data to it`;
  return undefined;
}

/** A machine id from `base` that no machine has yet: base, base_2, base_3… */
export function freeMachineId(base: string, taken: string[]): string {
  let b = base
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (b.length < 3) b = `real_${b}_data`.replace(/__+/g, '_');
  b = b.slice(0, 60);
  if (!taken.includes(b)) return b;
  for (let i = 2; ; i++) if (!taken.includes(`${b}_${i}`)) return `${b}_${i}`;
}

/** The derived profile as the profile of the machine to create. */
export function profileFor(profile: Profile, machineId: string): Profile {
  return { ...profile, machine_id: machineId };
}

function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0))) as T;
}
