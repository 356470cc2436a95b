// The gateway's REST API (/api/gan): typed calls, and errors carrying the API's code, message and details.

import type { components } from './api.gen';

/** The API's schemas, generated from the gateway's OpenAPI document (api.gen.ts); the names the pages use follow. */
type Schemas = components['schemas'];

export type ProblemDetail = Schemas['Detail'];

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

export type Task = Schemas['TaskView'];
export type MachineStatus = Schemas['MachineStatus'];
/** A machine as the gateway lists it: the profile service's view and the workflow's state. */
export type Machine = Schemas['Machine'];
export type Sensor = Schemas['profile.ProfileSensor'];
export type Profile = Schemas['profile.Profile'];
export type Validation = Schemas['profile.Validation'];
export type Template = Schemas['profile.TemplateView'];
export type VersionView = Schemas['profile.VersionView'];
export type Diff = Schemas['profile.Diff'];
export type Seed = Schemas['seed.SeedView'];
export type Model = Schemas['trainer.ModelView'];
export type TrainingJob = Schemas['trainer.JobView'];

// Users' own data: uploads, previews, the column mapping and the ingest report (seed service, engine's Ingest).
export type UploadCreated = Schemas['seed.Created'];
export type UploadStatus = Schemas['seed.Status'];
export type ColumnKind = Schemas['seed.ColumnKind'];
export type Role = Schemas['seed.Role'];
export type RulFrom = Schemas['seed.RulFrom'];
export type ColumnProfile = Schemas['seed.ColumnProfile'];
export type MappingEntry = Schemas['seed.Entry'];
export type ColumnMapping = Schemas['seed.ColumnMapping'];
export type HistorianInfo = Schemas['seed.Historian'];
export type Preview = Schemas['seed.Preview'];
export type IngestReport = Schemas['seed.IngestReport'];
/** The body of an ingest (POST /machines/{id}/ingest). */
export type IngestBody = Schemas['Ingest'];
/** The ingest options a preview and an ingest share (all optional: detected when absent). */
export type IngestOptions = Pick<IngestBody, 'columns' | 'sheet' | 'unit' | 'order' | 'rul' | 'rul_from_end' | 'rul_cap' | 'failure'>;
export type SeedRows = Schemas['seed.RowsPage'];

// Datasets, the explorer's views and datasets side by side (generator service, engine's quality.Comparison).
export type Dataset = Schemas['generator.DatasetView'];
export type RowsPage = Schemas['generator.RowsPage'];
export type ColumnStats = Schemas['generator.ColumnStats'];
export type Stats = Schemas['generator.Stats'];
export type ColumnHistogram = Schemas['generator.ColumnHistogram'];
export type Histograms = Schemas['generator.Histograms'];
/** Pearson's r, null where a column is constant (the nested list's nullable items are beyond SmallRye's annotations). */
export type Correlations = Omit<Schemas['generator.Correlations'], 'values'> & { values: (number | null)[][] };
export type QualityReport = Schemas['generator.QualityReport'];
export type Utility = Schemas['generator.Utility'];
export type ColumnDistance = Schemas['generator.Distance'];
export type Candidate = Schemas['generator.Candidate'];
export type Comparison = Schemas['generator.Comparison'];

export type BatchItem = Schemas['Item'];
export type Batch = Schemas['BatchView'];
/** Who is logged in (the session cookie is HttpOnly: the page never holds the token itself). */
export type Me = Schemas['Me'];
/** The gateway's and every service's readiness, and each service's circuit breaker. */
export type Health = Schemas['Health'];

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
