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
  /** simulated (physics-based seed) or real (brought in from the user's data) */
  source?: 'simulated' | 'real' | string;
  holdout_path?: string;
  report_path?: string;
}

export interface Model {
  model_id: string;
  machine_id: string;
  seed_id: string;
  epochs: number;
  final_loss?: number;
  duration_ms?: number;
  created_at: string;
  /** tvae or trajectory */
  kind?: string;
  /** the source of the data it learnt: simulated or real */
  source?: string;
}

// Users' own data: uploads, previews, the column mapping and the ingest report (seed service, engine's Ingest).

export interface UploadCreated {
  upload_id: string;
  file_name: string;
  bytes: number;
  chunk_bytes: number;
  chunks: number;
  max_bytes: number;
}

export interface UploadStatus {
  upload_id: string;
  file_name?: string;
  bytes?: number;
  chunks?: number;
  received: number[];
  complete: boolean;
}

export type ColumnKind = 'number' | 'integer' | 'flag' | 'category' | 'timestamp' | 'identifier';
export type Role = 'unit' | 'order' | 'rul' | 'failure' | 'feature' | 'dropped';
export type RulFrom = 'column' | 'end' | 'events' | 'none';

export interface ColumnProfile {
  name: string;
  type?: string;
  kind: ColumnKind;
  count: number;
  missing: number;
  distinct: number;
  top_share?: number;
  top_value?: string;
  min?: number;
  max?: number;
  mean?: number;
  std?: number;
  median?: number;
  mad?: number;
  outliers?: number;
  first_outlier_row?: number;
  unit?: string;
}

export interface MappingEntry {
  source: string;
  target: string;
  role: Role;
  kind: ColumnKind;
  score?: number;
  reason?: string;
}

export interface ColumnMapping {
  shape: string[];
  columns: MappingEntry[];
  rul_from: RulFrom;
  rul_cap?: number;
  profile?: string;
}

export interface HistorianInfo {
  timestamp: string;
  tag: string;
  value: string;
  asset?: string;
  tags: number;
}

export interface Preview {
  format: string;
  sheet?: string;
  header: boolean;
  rows: number;
  columns: ColumnProfile[];
  mapping: ColumnMapping;
  historian?: HistorianInfo;
  sample: Record<string, unknown>[];
  /** a machine profile derived from the columns (absent when the preview mapped onto a machine's profile) */
  profile?: Profile;
}

/** The ingest options a preview and an ingest share (all optional: detected when absent). */
export interface IngestOptions {
  columns?: string[];
  sheet?: string;
  unit?: string;
  order?: string;
  rul?: string;
  rul_from_end?: boolean;
  rul_cap?: number;
  failure?: string;
}

export interface IngestBody extends IngestOptions {
  upload_id: string;
  holdout_units?: number;
  missing?: 'fill' | 'drop';
  mapping?: ColumnMapping;
  map_to_profile?: boolean;
  pipeline?: 'auto' | 'manual';
}

export interface IngestReport {
  file: string;
  format: string;
  sheet?: string;
  header: boolean;
  rows_read: number;
  rows_written: number;
  rows_held_out: number;
  units: number;
  units_held_out: string[];
  historian?: HistorianInfo;
  columns?: ColumnProfile[];
  cleaning: {
    missing: string;
    filled: Record<string, number>;
    rows_dropped: number;
    duplicates: number;
    repeated_order: number;
    dropped: { column: string; reason: string; constant?: string }[];
    outliers: Record<string, number>;
  };
  rul?: {
    from: string;
    column?: string;
    unit?: string;
    cap?: number;
    censored_rows: number;
    censored_units: number;
    lives: number;
    life_min?: number;
    life_median?: number;
    life_max?: number;
  };
  mapping?: ColumnMapping;
  notes: string[];
}

// Datasets side by side (engine's quality.Comparison).

export interface Utility {
  regressor?: string;
  split?: string;
  unseen_test?: boolean;
  train_rows_real?: number;
  train_rows_synthetic?: number;
  test_rows?: number;
  rmse_real_trained: number;
  rmse_synthetic_trained: number;
  ratio: number;
  rmse_mean_baseline: number;
  learnable?: boolean;
}

export interface ColumnDistance {
  column: string;
  ks?: number | null;
  wasserstein_std?: number | null;
  kl?: number | null;
}

export interface Candidate {
  name: string;
  overall: number;
  grade: string;
  utility?: Utility | null;
  columns: ColumnDistance[];
  correlation_mean_difference?: number | null;
  correlation_max_difference?: number | null;
  worst_column?: string | null;
  notes?: string[];
}

export interface Comparison {
  candidates: Candidate[];
  recommended: string;
  reason: string;
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
  /** The step the line stands at: a task that went on by itself (pipeline auto) is followed to its last step. */
  stage?: string;
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

/** Who is logged in (the session cookie is HttpOnly: the page never holds the token itself). */
export interface Me {
  username?: string;
  role?: 'viewer' | 'operator' | 'admin' | string;
  via?: string;
}

let loggedOut: () => void = () => {};
/** Called whenever the gateway answers 401 (the session ended or was revoked): the app shows its login. */
export function onLoggedOut(fn: () => void) {
  loggedOut = fn;
}

export async function call<T>(path: string, init?: RequestInit): Promise<T> {
  let r: Response;
  try {
    r = await fetch(API + path, init);
  } catch (e) {
    throw new ApiError(0, 'NETWORK', `The gateway did not answer (${(e as Error).message})`);
  }
  if (r.status === 401 && !path.startsWith('/auth/')) loggedOut();
  if (!r.ok) throw await parseError(r);
  if (r.status === 204) return undefined as T;
  const text = await r.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const get = <T>(path: string) => call<T>(path);

/** A text answer as it is (a YAML profile), failing with the same ApiError as call(). */
export async function getText(path: string): Promise<string> {
  let r: Response;
  try {
    r = await fetch(API + path);
  } catch (e) {
    throw new ApiError(0, 'NETWORK', `The gateway did not answer (${(e as Error).message})`);
  }
  if (r.status === 401) loggedOut();
  if (!r.ok) throw await parseError(r);
  return r.text();
}

export const putText = <T>(path: string, body: string, contentType: string) => call<T>(path, { method: 'PUT', headers: { 'Content-Type': contentType }, body });

export const postJson = <T>(path: string, body?: unknown) =>
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

/**
 * PUT a binary body with upload progress (XMLHttpRequest: fetch reports none), failing with the
 * same ApiError as call().
 */
export function putBytes<T>(path: string, body: Blob, onBytes?: (sent: number) => void, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', API + path);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    if (onBytes) xhr.upload.onprogress = (e) => onBytes(e.loaded);
    const abort = () => xhr.abort();
    signal?.addEventListener('abort', abort);
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'The gateway did not answer (the connection broke)'));
    xhr.onabort = () => reject(new ApiError(0, 'ABORTED', 'The upload was stopped'));
    xhr.onload = async () => {
      signal?.removeEventListener('abort', abort);
      const headers = new Headers();
      const retry = xhr.getResponseHeader('Retry-After');
      if (retry) headers.set('Retry-After', retry);
      const r = new Response(xhr.status === 204 ? null : xhr.responseText, { status: xhr.status, statusText: xhr.statusText, headers });
      if (!r.ok) {
        reject(await parseError(r));
        return;
      }
      const text = await r.text();
      resolve((text ? JSON.parse(text) : undefined) as T);
    };
    xhr.send(body);
  });
}

export const enc = encodeURIComponent;

export function wsUrl(path: string): string {
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${proto}//${location.host}${path}`;
}

export function errorText(e: unknown): string {
  if (e instanceof ApiError) {
    return e.code && e.code !== String(e.status) ? `${e.message} (${e.code})` : e.message;
  }
  if (e instanceof Error) return e.message;
  // a task's error ({code, message}) as the task views carry it
  if (e && typeof e === 'object' && typeof (e as { message?: unknown }).message === 'string') {
    const { message, code } = e as { message: string; code?: unknown };
    return typeof code === 'string' && code ? `${message} (${code})` : message;
  }
  return String(e);
}
