// The gateway's REST API (/api/gan): typed calls, and errors carrying the API's code, message and details.

export interface ProblemDetail {
  field: string;
  message: string;
  fix?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ProblemDetail[] = [],
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

export interface Task {
  task_id: string;
  machine_id: string;
  stage: 'seed' | 'training' | 'generation' | string;
  status: string;
  progress: number;
  epoch?: number;
  epochs?: number;
  loss?: number;
  elapsed_ms?: number;
  eta_ms?: number;
  result_id?: string;
  next_task_id?: string;
  quality_overall?: number;
  grade?: string;
  error?: { code: string; message: string };
  batch_id?: string;
  created_at?: string;
  updated_at?: string;
  finished: boolean;
}

export interface MachineStatus {
  machine_id: string;
  profile_version?: number;
  seed?: Task;
  training?: Task;
  generation?: Task;
  running: boolean;
  quality_overall?: number;
  grade?: string;
  state: string;
}

export interface Machine {
  machine_id: string;
  machine_type: string;
  manufacturer?: string;
  model?: string;
  sensor_count: number;
  version: number;
  pipeline?: string;
  source?: string;
  created_at?: string;
  updated_at?: string;
  profile?: Profile;
  status: MachineStatus;
}

export interface Sensor {
  name: string;
  unit: string;
  base: number;
  range: number;
  noise: number;
  response?: string;
  type?: string;
  description?: string;
}

export interface Profile {
  machine_id: string;
  machine_type: string;
  manufacturer?: string;
  model?: string;
  sensors: Sensor[];
  operational_parameters?: Record<string, number | string | boolean>;
  failure_modes?: unknown[];
  rul: { max_rul: number; cycles: number; degradation_pattern: string; rul_noise?: number };
  [key: string]: unknown;
}

export interface Validation {
  valid: boolean;
  format?: string;
  problems: ProblemDetail[];
  profile?: Profile;
}

export interface Seed {
  seed_id: string;
  machine_id: string;
  rows: number;
  cycles: number;
  profile_version: number;
  created_at: string;
}

export interface SeedRows {
  seed_id: string;
  cycle?: number;
  cycles: number;
  total: number;
  columns: string[];
  rows: Record<string, unknown>[];
}

export interface TrainingJob {
  job_id: string;
  machine_id: string;
  status: string;
  epochs: number;
  batch_size: number;
  epoch: number;
  loss?: number;
  progress: number;
  elapsed_ms?: number;
  eta_ms?: number;
  model_id?: string;
  error_code?: string;
  error_message?: string;
  created_at: string;
  finished_at?: string;
  loss_curve?: number[];
}

export interface Dataset {
  dataset_id: string;
  machine_id: string;
  model_id: string;
  train_rows: number;
  val_rows: number;
  test_rows: number;
  rows: number;
  quality_overall?: number;
  column_shapes?: number;
  column_pair_trends?: number;
  grade?: string;
  passed: boolean;
  utility_ratio?: number;
  created_at: string;
}

export interface RowsPage {
  total: number;
  offset: number;
  limit: number;
  columns: string[];
  rows: unknown[][];
}

export interface ColumnStats {
  name: string;
  kind: string;
  count: number;
  mean?: number;
  std?: number;
  min?: number;
  p25?: number;
  median?: number;
  p75?: number;
  max?: number;
  distinct?: number;
  top?: { value: string; count: number }[];
  first?: string;
  last?: string;
}

export interface Stats {
  rows: number;
  columns: ColumnStats[];
}

export interface ColumnHistogram {
  name: string;
  edges: number[];
  counts: number[];
}

export interface Histograms {
  source: string;
  bins: number;
  rows: number;
  columns: ColumnHistogram[];
}

export interface Correlations {
  rows: number;
  columns: string[];
  values: (number | null)[][];
}

export interface BatchItem {
  machine_id: string;
  task_id?: string;
  status: string;
  progress?: number;
  quality_overall?: number;
  grade?: string;
  passed?: boolean;
  error?: { code: string; message: string };
}

export interface Batch {
  batch_id: string;
  operation: string;
  created_at: string;
  total: number;
  counts: Record<string, number>;
  items: BatchItem[];
}

export interface VersionView {
  version: number;
  comment?: string;
  created_at: string;
  profile?: Profile;
}

export interface Diff {
  from: number;
  to: number;
  changes: { path: string; kind: string; before?: unknown; after?: unknown }[];
}

export const API = '/api/gan';

async function parseError(r: Response): Promise<ApiError> {
  const retry = Number(r.headers.get('Retry-After')) || undefined;
  try {
    const body = await r.json();
    if (body && typeof body.message === 'string') {
      return new ApiError(r.status, body.code ?? String(r.status), body.message, body.details ?? [], retry);
    }
  } catch {
    // not JSON
  }
  return new ApiError(r.status, String(r.status), `${r.status} ${r.statusText || 'request failed'}`, [], retry);
}

export async function call<T>(path: string, init?: RequestInit): Promise<T> {
  let r: Response;
  try {
    r = await fetch(API + path, init);
  } catch (e) {
    throw new ApiError(0, 'NETWORK', `The gateway did not answer (${(e as Error).message})`);
  }
  if (!r.ok) throw await parseError(r);
  if (r.status === 204) return undefined as T;
  const text = await r.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const get = <T,>(path: string) => call<T>(path);

export const postJson = <T,>(path: string, body?: unknown) =>
  call<T>(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

export function postFile<T>(path: string, file: File): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  return call<T>(path, { method: 'POST', body: form });
}

export const del = (path: string) => call<void>(path, { method: 'DELETE' });

export const enc = encodeURIComponent;

export function wsUrl(path: string): string {
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${proto}//${location.host}${path}`;
}

export function errorText(e: unknown): string {
  if (e instanceof ApiError) {
    return e.code && e.code !== String(e.status) ? `${e.message} (${e.code})` : e.message;
  }
  return e instanceof Error ? e.message : String(e);
}
