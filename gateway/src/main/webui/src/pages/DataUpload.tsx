// Bring your own data: upload a run-to-failure file in chunks, preview and profile it, choose the
// cleaning, map its columns (roles and names, onto a machine's profile if wanted), pick the machine
// and the training strategy, then ingest it as the machine's seed and follow the training and the
// generation live, ending at the dataset and its comparison. Kept in localStorage like the wizard.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ApiError,
  enc,
  get,
  postJson,
  putBytes,
  type ColumnMapping,
  type ColumnProfile,
  type IngestOptions,
  type IngestReport,
  type Machine,
  type Model,
  type Preview,
  type RulFrom,
  type Task,
  type UploadCreated,
  type UploadStatus,
} from '../api';
import { ApiProblems } from '../components/Problems';
import { TaskChain, type ChainLink } from '../components/TaskChain';
import { Card, Empty, Progress, QualityBadge, Spinner, Steps, TableHead } from '../components/ui';
import { compareHash } from '../logic/compare';
import {
  buildIngestRequest,
  columnNameProblem,
  detected,
  droppedColumns,
  freeMachineId,
  machineIdProblem,
  mappingProblems,
  needsOwnTraining,
  parseColumnNames,
  previewBody,
  profileFor,
  ROLE_LABEL,
  ROLES,
  RUL_FROM_LABEL,
  rulFromChoices,
  setRole,
  setRulFrom,
  setTarget,
  trainBody,
  type ModelKind,
  type Strategy,
} from '../logic/ingest';
import { percent } from '../logic/progress';
import { formatBytes, uploadInChunks, type UploadCalls, type UploadProgress } from '../logic/upload';
import { useDatasets, useMachines, useSeeds } from '../queries';
import { UPLOAD_STEPS, useUi, useUploadFlow } from '../store';

/** A statistic: whole numbers as they are, others to 6 significant digits. */
const fmt = (v: unknown, d = 6) =>
  typeof v === 'number' ? (Number.isInteger(v) ? v.toLocaleString('en') : String(Number(v.toPrecision(d)))) : v == null ? '—' : String(v);
/** A value of a column (min, median, max): as the file writes numbers, to 6 significant digits. */
const stat = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? String(Number(v.toPrecision(6))) : '—');
/** A value of the file as it is. */
const raw = (v: unknown) => (v == null ? '' : String(v));

const calls: UploadCalls = {
  create: (fileName, bytes) => postJson<UploadCreated>('/uploads', { file_name: fileName, bytes }),
  status: (id) => get<UploadStatus>(`/uploads/${enc(id)}`),
  put: (id, index, body, onBytes, signal) => putBytes<UploadStatus>(`/uploads/${enc(id)}/chunks/${index}`, body, onBytes, signal),
};

const useModels = (machineId?: string) =>
  useQuery({
    queryKey: ['machine', machineId, 'models'],
    queryFn: () => get<Model[]>(`/machines/${enc(machineId!)}/models`),
    enabled: !!machineId,
  });

function Stepper() {
  const f = useUploadFlow();
  const reachable = (i: number) => {
    if (i === 0) return true;
    if (i === 1) return f.uploaded;
    if (i <= 4) return !!f.preview && !!f.mapping;
    return !!f.ingestTaskId || (!!f.preview && !!f.mapping && f.step >= 4);
  };
  return <Steps names={UPLOAD_STEPS} step={f.step} label="Steps to bring your data in" reachable={reachable} onStep={(i) => f.set({ step: i })} />;
}

/** Reads (or re-reads, with other options) the upload and keeps its preview and suggested mapping. */
function usePreview() {
  const f = useUploadFlow();
  const preview = useMutation({
    mutationFn: ({ uploadId, options, mapOnto }: { uploadId: string; options: IngestOptions; mapOnto?: string }) =>
      postJson<Preview>(`/uploads/${enc(uploadId)}/preview`, previewBody(options, mapOnto)),
    onSuccess: (p, { options, mapOnto }) => useUploadFlow.getState().set({ preview: p, mapping: p.mapping, options, mapOnto }),
  });
  const run = (options: IngestOptions, mapOnto?: string) => {
    if (f.uploadId) preview.mutate({ uploadId: f.uploadId, options, mapOnto });
  };
  return { busy: preview.isPending, error: preview.error, run };
}

// ---- 1 upload -------------------------------------------------------------------------------

function StepUpload() {
  const f = useUploadFlow();
  const [over, setOver] = useState(false);
  const [progress, setProgress] = useState<UploadProgress>();
  const abort = useRef<AbortController>();
  useEffect(() => () => abort.current?.abort(), []);
  const upload = useMutation({
    mutationFn: ({ file, resume }: { file: File; resume?: { uploadId: string; chunkBytes: number } }) => {
      useUploadFlow.getState().reset();
      useUploadFlow.getState().set({ fileName: file.name, fileSize: file.size });
      setProgress({ sent: 0, total: file.size, done: 0, chunks: 0 });
      abort.current = new AbortController();
      return uploadInChunks(file, calls, {
        resume,
        signal: abort.current.signal,
        onStart: (c) => useUploadFlow.getState().set({ uploadId: c.upload_id, chunkBytes: c.chunk_bytes }),
        onProgress: setProgress,
      });
    },
    onSuccess: (r) => useUploadFlow.getState().set({ uploadId: r.upload_id, uploaded: true, step: 1 }),
    onError: (e) => {
      // a refused upload (too large, bad request) cannot be resumed
      if (e instanceof ApiError && e.status >= 400 && e.status < 500) useUploadFlow.getState().set({ uploadId: undefined });
    },
  });
  const busy = upload.isPending;
  const error = upload.error;
  const take = (file: File | undefined) => {
    if (!file || busy) return;
    // the same file again after a broken upload sends only the chunks that did not arrive
    const resume =
      f.uploadId && !f.uploaded && f.chunkBytes && f.fileName === file.name && f.fileSize === file.size
        ? { uploadId: f.uploadId, chunkBytes: f.chunkBytes }
        : undefined;
    upload.mutate({ file, resume });
  };
  return (
    <Card title="Upload your run-to-failure data">
      <p className="muted">
        CSV or other delimited text, whitespace-separated text (with or without a header), Excel (.xlsx), Parquet, JSON or JSON Lines; long historian exports
        (timestamp, tag, value) are pivoted. Large files are sent in chunks.
      </p>
      <div
        className={'dropzone' + (over ? ' over' : '')}
        onDragEnter={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragOver={(e) => {
          e.preventDefault();
          if (!over) setOver(true);
        }}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
        }}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          take(e.dataTransfer.files[0]);
        }}
      >
        <p className="drop-hint" aria-live="polite">
          {over ? <strong>Release to upload the file</strong> : 'Drop a data file here, or'}
        </p>
        {!over && (
          <>
            <label htmlFor="data-file" className={'button secondary' + (busy ? ' disabled' : '')} style={{ display: 'inline-flex' }}>
              Choose a file
            </label>
            <input
              id="data-file"
              className="sr-only"
              type="file"
              disabled={busy}
              accept=".csv,.txt,.tsv,.dat,.xlsx,.parquet,.json,.jsonl,.ndjson,text/csv,text/plain,application/json"
              onChange={(e) => {
                take(e.target.files?.[0]);
                e.target.value = '';
              }}
            />
          </>
        )}
        {f.fileName && !busy && (
          <p className="muted">
            {f.uploaded ? 'Uploaded' : 'Last file'}: {f.fileName} ({formatBytes(f.fileSize)})
          </p>
        )}
      </div>
      {progress && (busy || error != null) && (
        <div className="upload-progress" aria-live="polite">
          <div className="inline" style={{ justifyContent: 'space-between', marginBottom: 6 }}>
            <span>
              {busy ? 'Uploading' : 'Stopped at'} {f.fileName}: {formatBytes(progress.sent)} of {formatBytes(progress.total)}
              {progress.chunks > 0 && ` · chunk ${Math.min(progress.done + 1, progress.chunks)} of ${progress.chunks}`}
            </span>
            <span>{percent(progress.total ? progress.sent / progress.total : 0)} %</span>
          </div>
          <Progress value={progress.total ? progress.sent / progress.total : 0} label="Upload progress" />
          {busy && (
            <div className="actions">
              <button className="secondary small" onClick={() => abort.current?.abort()}>
                Stop the upload
              </button>
            </div>
          )}
        </div>
      )}
      <ApiProblems error={error} title="The upload failed" />
      {error != null && f.uploadId && !f.uploaded && <p className="muted">Choose the same file again to send only the chunks that did not arrive.</p>}
      {f.uploaded && !busy && (
        <div className="actions">
          <button onClick={() => f.set({ step: 1 })}>Next: preview</button>
        </div>
      )}
    </Card>
  );
}

// ---- 2 preview --------------------------------------------------------------------------------

function ColumnTable({ p }: { p: Preview }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Column profiles">
      <table>
        <TableHead columns={['Column', 'Kind', 'Type', 'Missing', 'Distinct', 'Most frequent', 'Outliers', 'Unit', 'Min', 'Median', 'Max']} />
        <tbody>
          {p.columns.map((c) => (
            <tr key={c.name}>
              <td>
                <code>{c.name}</code>
              </td>
              <td>
                <span className={`badge kind-${c.kind}`}>{c.kind}</span>
              </td>
              <td className="muted">{c.type ?? ''}</td>
              <td className={'num' + (c.missing > 0 ? ' warn' : '')}>
                {fmt(c.missing)}
                {c.missing > 0 && c.count + c.missing > 0 && <span className="muted"> ({((100 * c.missing) / (c.count + c.missing)).toFixed(1)} %)</span>}
              </td>
              <td className="num">{fmt(c.distinct)}</td>
              <td className="num">
                {c.top_value ?? '—'}
                {typeof c.top_share === 'number' && <span className="muted"> ({(100 * c.top_share).toFixed(1)} %)</span>}
              </td>
              <td className={'num' + (c.outliers ? ' warn' : '')} title={c.first_outlier_row != null ? `first in row ${c.first_outlier_row}` : undefined}>
                {c.outliers ? `${fmt(c.outliers)} (row ${fmt(c.first_outlier_row)})` : c.outliers === 0 ? '0' : '—'}
              </td>
              <td>{c.unit ?? '—'}</td>
              <td className="num">{stat(c.min)}</td>
              <td className="num">{stat(c.median)}</td>
              <td className="num">{stat(c.max)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SampleTable({ p, rows = 10 }: { p: Preview; rows?: number }) {
  const cols = p.columns.map((c) => c.name);
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="First rows of the file" style={{ maxHeight: 360 }}>
      <table>
        <TableHead columns={cols} />
        <tbody>
          {p.sample.slice(0, rows).map((r, i) => (
            <tr key={i}>
              {cols.map((c) => (
                <td key={c} className={typeof r[c] === 'number' ? 'num' : ''}>
                  {raw(r[c])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function StepPreview() {
  const f = useUploadFlow();
  const { busy, error, run } = usePreview();
  const started = useRef(false);
  useEffect(() => {
    if (f.uploaded && !f.preview && !started.current) {
      started.current = true;
      run(f.options, f.mapOnto);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [f.uploaded, f.preview]);
  const p = f.preview;
  const d = f.mapping ? detected(f.mapping) : undefined;
  return (
    <>
      <Card
        title="Preview and profile"
        actions={
          p && (
            <button className="secondary small" disabled={busy} onClick={() => run(f.options, f.mapOnto)}>
              Read again
            </button>
          )
        }
      >
        {busy && (
          <p>
            <Spinner label="Reading and profiling every column of the file" />
          </p>
        )}
        <ApiProblems error={error} title="The file could not be read" />
        {error != null && (
          <div className="actions">
            <button className="secondary" onClick={() => f.set({ step: 0 })}>
              Upload a corrected file
            </button>
            {!busy && <button onClick={() => run(f.options, f.mapOnto)}>Try again</button>}
          </div>
        )}
        {p && (
          <>
            <dl className="kv" aria-label="What the file holds">
              <dt>File</dt>
              <dd>
                {f.fileName} ({formatBytes(f.fileSize)})
              </dd>
              <dt>Format</dt>
              <dd>
                {p.format}
                {p.sheet ? `, sheet ${p.sheet}` : ''}, {p.header ? 'with a header row' : 'no header row (columns named col1, col2…; name them in step 4)'}
              </dd>
              <dt>Rows</dt>
              <dd>{p.rows.toLocaleString('en')}</dd>
              <dt>Columns</dt>
              <dd>{p.columns.length}</dd>
              {p.historian && (
                <>
                  <dt>Historian export</dt>
                  <dd>
                    {p.historian.tags} tags of “{p.historian.tag}” pivoted to columns by “{p.historian.timestamp}”
                  </dd>
                </>
              )}
              {d && (
                <>
                  <dt>Detected</dt>
                  <dd>
                    unit {d.unit ? <code>{d.unit}</code> : 'none'}, order {d.order ? <code>{d.order}</code> : 'none'}, RUL from {RUL_FROM_LABEL[d.rulFrom]}
                    {d.failure ? (
                      <>
                        , failure <code>{d.failure}</code>
                      </>
                    ) : null}
                  </dd>
                </>
              )}
            </dl>
            <h3>Columns</h3>
            <ColumnTable p={p} />
          </>
        )}
      </Card>
      {p && (
        <Card title={`First rows (${Math.min(10, p.sample.length)} of ${p.rows.toLocaleString('en')})`}>
          <SampleTable p={p} />
          <div className="actions">
            <button className="secondary" onClick={() => f.set({ step: 0 })}>
              Back
            </button>
            <button onClick={() => f.set({ step: 2 })}>Next: cleaning</button>
          </div>
        </Card>
      )}
    </>
  );
}

// ---- 3 clean ------------------------------------------------------------------------------------

function StepClean() {
  const f = useUploadFlow();
  const p = f.preview!;
  const m = f.mapping!;
  const withMissing = p.columns.filter((c) => c.missing > 0);
  const dropped = droppedColumns(m);
  const outliers = p.columns.filter((c) => (c.outliers ?? 0) > 0);
  const hasUnits = !!detected(m).unit;
  return (
    <Card title="Cleaning">
      <fieldset className="fieldset">
        <legend>Missing values</legend>
        <label className="check">
          <input type="radio" name="missing" value="fill" checked={f.missing === 'fill'} onChange={() => f.set({ missing: 'fill' })} />
          Fill: each gap takes the unit’s last value before it (its first values the next one)
        </label>
        <label className="check">
          <input type="radio" name="missing" value="drop" checked={f.missing === 'drop'} onChange={() => f.set({ missing: 'drop' })} />
          Drop every row with a missing reading
        </label>
        {withMissing.length === 0 ? (
          <p className="muted">No value is missing in this file.</p>
        ) : (
          <ul className="compact-list">
            {withMissing.map((c) => (
              <li key={c.name}>
                <code>{c.name}</code>: {c.missing.toLocaleString('en')} missing — {f.missing === 'fill' ? 'filled' : 'those rows dropped'}
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      <div className="fields">
        <div className="field">
          <label htmlFor="holdout">Held-out {hasUnits ? 'units' : 'rows'} (%)</label>
          <input
            id="holdout"
            type="number"
            min={0}
            max={90}
            step={5}
            value={f.holdoutPercent}
            aria-describedby="holdout-help"
            onChange={(e) => f.set({ holdoutPercent: Number(e.target.value) })}
          />
          <small id="holdout-help" className="muted">
            Never trained on: the utility check and early stopping test on them.
          </small>
        </div>
        <div className="field">
          <label htmlFor="rul-cap">RUL cap (optional)</label>
          <input
            id="rul-cap"
            type="number"
            min={1}
            placeholder="no cap"
            value={f.rulCap ?? ''}
            aria-describedby="rul-cap-help"
            onChange={(e) => f.set({ rulCap: e.target.value === '' ? null : Number(e.target.value) })}
          />
          <small id="rul-cap-help" className="muted">
            RUL above it is written as it (piecewise-linear RUL, e.g. 125 cycles).
          </small>
        </div>
      </div>
      {(f.holdoutPercent < 0 || f.holdoutPercent > 90) && <p className="error-box">Hold out 0..90 %.</p>}
      <h3>What will not be learnt, and why</h3>
      {dropped.length === 0 ? (
        <p className="muted">Every column is kept.</p>
      ) : (
        <ul className="compact-list">
          {dropped.map((x) => (
            <li key={x.column}>
              <code>{x.column}</code>: {x.reason}
            </li>
          ))}
        </ul>
      )}
      {outliers.length > 0 && (
        <>
          <h3>Outliers (flagged, kept)</h3>
          <ul className="compact-list">
            {outliers.map((c) => (
              <li key={c.name}>
                <code>{c.name}</code>: {c.outliers} value{c.outliers === 1 ? '' : 's'} far from the median, the first in row {c.first_outlier_row}
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="muted">Exact duplicate rows, and repeated order values within a unit, are removed; the ingest report counts them.</p>
      <div className="actions">
        <button className="secondary" onClick={() => f.set({ step: 1 })}>
          Back
        </button>
        <button disabled={f.holdoutPercent < 0 || f.holdoutPercent > 90} onClick={() => f.set({ step: 3 })}>
          Next: map columns
        </button>
      </div>
    </Card>
  );
}

// ---- 4 map ----------------------------------------------------------------------------------------

function HeaderNames({ p }: { p: Preview }) {
  const f = useUploadFlow();
  const { busy, error, run } = usePreview();
  const [text, setText] = useState(() => (f.options.columns ?? p.columns.map((c) => c.name)).join(', '));
  const names = parseColumnNames(text);
  const problem = columnNameProblem(names, p.columns.length);
  return (
    <Card title="Column names (the file has no header row)">
      <div className="field">
        <label htmlFor="column-names">One name per column, in order, separated by commas</label>
        <textarea
          id="column-names"
          rows={3}
          value={text}
          aria-invalid={!!problem}
          aria-describedby="column-names-help"
          onChange={(e) => setText(e.target.value)}
        />
        <small id="column-names-help" className={problem ? 'warn' : 'muted'}>
          {problem ?? `${names.length} names for ${p.columns.length} columns`}
        </small>
      </div>
      <button className="secondary" disabled={!!problem || busy} onClick={() => run({ ...f.options, columns: names }, f.mapOnto)}>
        {busy ? 'Reading again…' : 'Use these names'}
      </button>{' '}
      <small className="muted">The file is read again and the mapping below suggested anew.</small>
      {busy && <Spinner label="Reading the file with these names" />}
      <ApiProblems error={error} title="The names were not taken" />
    </Card>
  );
}

function MapOnto() {
  const f = useUploadFlow();
  const machines = useMachines();
  const { busy, error, run } = usePreview();
  const [choice, setChoice] = useState(f.mapOnto ?? '');
  return (
    <Card title="Map onto a machine’s profile (optional)">
      <p className="muted">Renames the readings onto the sensors of an existing machine by name and unit, so its profile and models fit your data.</p>
      <div className="inline">
        <div className="field">
          <label htmlFor="map-onto">Machine</label>
          <select id="map-onto" value={choice} onChange={(e) => setChoice(e.target.value)}>
            <option value="">none: keep the file’s names</option>
            {(machines.data ?? []).map((m) => (
              <option key={m.machine_id} value={m.machine_id}>
                {m.machine_id} ({m.machine_type}, {m.sensor_count} sensors)
              </option>
            ))}
          </select>
        </div>
        <button
          className="secondary"
          style={{ marginBottom: 12 }}
          disabled={busy || choice === (f.mapOnto ?? '')}
          onClick={() => run(f.options, choice || undefined)}
        >
          {!choice && f.mapOnto ? 'Keep the file’s names' : 'Map onto its profile'}
        </button>
      </div>
      {busy && <Spinner label="Matching the columns to the profile" />}
      {f.mapOnto && !busy && (
        <p className="muted">
          Mapped onto <strong>{f.mapOnto}</strong>’s profile: targets below are its sensor names where one matched.
        </p>
      )}
      <ApiProblems error={error ?? machines.error} title="Could not map onto the profile" />
    </Card>
  );
}

function MappingTable({ p, m }: { p: Preview; m: ColumnMapping }) {
  const f = useUploadFlow();
  const kind = (source: string) => p.columns.find((c: ColumnProfile) => c.name === source)?.kind;
  return (
    <div className="table-wrap" role="region" aria-label="Column mapping" tabIndex={0}>
      <table className="mapping">
        <TableHead columns={['Column', 'Kind', 'Role', 'Target name', 'Why']} />
        <tbody>
          {m.columns.map((e) => (
            <tr key={e.source} className={e.role === 'dropped' ? 'dim' : ''}>
              <td>
                <code>{e.source}</code>
              </td>
              <td>{e.kind}</td>
              <td>
                <select
                  aria-label={`Role of ${e.source}`}
                  value={e.role}
                  onChange={(ev) => f.set({ mapping: setRole(m, e.source, ev.target.value as typeof e.role, kind(e.source)) })}
                >
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {ROLE_LABEL[r]}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input
                  aria-label={`Target name of ${e.source}`}
                  value={e.target}
                  disabled={e.role === 'dropped'}
                  aria-invalid={!e.target.trim()}
                  onChange={(ev) => f.set({ mapping: setTarget(m, e.source, ev.target.value) })}
                />
              </td>
              <td className="why">
                {e.reason ?? ''}
                {typeof e.score === 'number' && <span className="muted"> (match {e.score.toFixed(2)})</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function StepMap() {
  const f = useUploadFlow();
  const p = f.preview!;
  const m = f.mapping!;
  const d = detected(m);
  const problems = mappingProblems(m);
  return (
    <>
      {!p.header && <HeaderNames key={p.columns.map((c) => c.name).join(',')} p={p} />}
      <MapOnto />
      <Card
        title="Roles and names of the columns"
        actions={
          <button className="secondary small" disabled={m === p.mapping} onClick={() => f.set({ mapping: p.mapping })}>
            Reset to the suggestion
          </button>
        }
      >
        <dl className="kv" aria-label="Detected roles">
          <dt>Unit</dt>
          <dd>{d.unit ? <code>{d.unit}</code> : 'none: one machine or run'}</dd>
          <dt>Order</dt>
          <dd>{d.order ? <code>{d.order}</code> : 'none: the rows’ order in the file'}</dd>
          <dt>Failure</dt>
          <dd>{d.failure ? <code>{d.failure}</code> : 'none'}</dd>
          <dt>
            <label htmlFor="rul-from" style={{ margin: 0 }}>
              RUL from
            </label>
          </dt>
          <dd>
            <select id="rul-from" value={m.rul_from} onChange={(e) => f.set({ mapping: setRulFrom(m, e.target.value as RulFrom) })} style={{ maxWidth: 460 }}>
              {rulFromChoices(m).map((r) => (
                <option key={r} value={r}>
                  {RUL_FROM_LABEL[r]}
                  {r === 'column' && d.rul ? ` (${d.rul})` : ''}
                </option>
              ))}
            </select>
          </dd>
        </dl>
        <h3>Columns</h3>
        <MappingTable p={p} m={m} />
        {problems.length > 0 && (
          <div role="alert" aria-label="Problems in the mapping" className="error-box">
            <strong>
              {problems.length} problem{problems.length === 1 ? '' : 's'} in the mapping:
            </strong>
            {problems.map((x, i) => (
              <div className="problem" key={x.field + i}>
                <span className="where">
                  <code>{x.field}</code>:{' '}
                </span>
                {x.message}
                {x.fix && <div className="fixline">Fix: {x.fix}</div>}
              </div>
            ))}
          </div>
        )}
        <div className="actions">
          <button className="secondary" onClick={() => f.set({ step: 2 })}>
            Back
          </button>
          <button disabled={problems.length > 0} onClick={() => f.set({ step: 4 })}>
            Next: machine and strategy
          </button>
        </div>
      </Card>
    </>
  );
}

// ---- 5 machine and strategy -------------------------------------------------------------------

const STRATEGIES: { id: Strategy; title: string; text: string }[] = [
  { id: 'data', title: 'Your data', text: 'Train on your data as it is.' },
  { id: 'merge', title: 'Merge', text: 'Your data together with the machine’s simulated seed.' },
  { id: 'refine', title: 'Refine', text: 'Continue training the machine’s TVAE (learnt on simulated data) on your data.' },
];

const MODELS: { id: ModelKind; title: string; text: string }[] = [
  { id: 'auto', title: 'Auto', text: 'The trajectory model for run-to-failure histories, else a TVAE.' },
  { id: 'trajectory', title: 'Trajectory', text: 'Whole unit histories: fast, keeps each unit’s course.' },
  { id: 'tvae', title: 'TVAE', text: 'A variational autoencoder of the rows.' },
];

function StepMachine() {
  const f = useUploadFlow();
  const machines = useMachines();
  const p = f.preview!;
  const taken = useMemo(() => (machines.data ?? []).map((m) => m.machine_id), [machines.data]);
  const canCreate = !!p.profile;
  const target = canCreate ? f.target : 'existing';
  const existing = f.existingMachineId ?? f.mapOnto;
  // a fresh id from the file's name, once the machines are known
  useEffect(() => {
    if (canCreate && !f.newMachineId && machines.data) f.set({ newMachineId: freeMachineId(p.profile!.machine_id, taken) });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [machines.data, canCreate]);
  const seeds = useSeeds(target === 'existing' ? existing : undefined);
  const models = useModels(target === 'existing' ? existing : undefined);
  const hasSimulated = (seeds.data ?? []).some((s) => (s.source ?? 'simulated') === 'simulated');
  const tvaes = (models.data ?? []).filter((x) => (x.kind ?? 'tvae') === 'tvae');
  const allowed = (s: Strategy) => s === 'data' || (target === 'existing' && !!existing && (s === 'merge' ? hasSimulated : tvaes.length > 0));
  const strategy = allowed(f.strategy) ? f.strategy : 'data';
  const idProblem = target === 'new' ? machineIdProblem(f.newMachineId ?? '', taken) : !existing ? 'pick a machine' : undefined;
  const ownTraining = needsOwnTraining(strategy, strategy === 'refine' ? 'tvae' : f.model);
  const why = (s: Strategy) =>
    target === 'new' ? 'needs an existing machine' : s === 'merge' ? 'the machine has no simulated seed' : 'the machine has no TVAE model';
  return (
    <Card title="Machine and training strategy">
      <fieldset className="fieldset">
        <legend>Which machine is the data of?</legend>
        <label className="check">
          <input type="radio" name="target" value="new" disabled={!canCreate} checked={target === 'new'} onChange={() => f.set({ target: 'new' })} />A new
          machine, with the profile derived from the data
        </label>
        <label className="check">
          <input type="radio" name="target" value="existing" checked={target === 'existing'} onChange={() => f.set({ target: 'existing' })} />
          An existing machine
        </label>
        {!canCreate && <p className="muted">The columns were mapped onto {f.mapOnto}’s profile, so the data goes to an existing machine.</p>}
        {target === 'new' && p.profile && (
          <div className="sub">
            <div className="field" style={{ maxWidth: 360 }}>
              <label htmlFor="new-machine-id">Machine id</label>
              <input
                id="new-machine-id"
                value={f.newMachineId ?? ''}
                aria-invalid={!!idProblem}
                aria-describedby="new-machine-id-help"
                onChange={(e) => f.set({ newMachineId: e.target.value.trim() })}
              />
              <small id="new-machine-id-help" className={idProblem ? 'warn' : 'muted'}>
                {idProblem ?? 'lowercase letters, digits and _'}
              </small>
            </div>
            <dl className="kv">
              <dt>Category</dt>
              <dd>{p.profile.machine_type}</dd>
              <dt>Sensors</dt>
              <dd>
                {p.profile.sensors.length}:{' '}
                {p.profile.sensors
                  .slice(0, 12)
                  .map((s) => `${s.name} (${s.unit})`)
                  .join(', ')}
                {p.profile.sensors.length > 12 ? ', …' : ''}
              </dd>
            </dl>
          </div>
        )}
        {target === 'existing' && (
          <div className="sub field" style={{ maxWidth: 420 }}>
            <label htmlFor="existing-machine">Machine</label>
            <select id="existing-machine" value={existing ?? ''} onChange={(e) => f.set({ existingMachineId: e.target.value || undefined })}>
              <option value="">pick a machine</option>
              {(machines.data ?? []).map((m: Machine) => (
                <option key={m.machine_id} value={m.machine_id}>
                  {m.machine_id} ({m.machine_type})
                </option>
              ))}
            </select>
            {existing && f.mapOnto === existing && <small className="muted">The columns are renamed onto its sensors.</small>}
          </div>
        )}
      </fieldset>
      <fieldset className="fieldset">
        <legend>Strategy</legend>
        {STRATEGIES.map((s) => (
          <label key={s.id} className="check block">
            <input type="radio" name="strategy" value={s.id} disabled={!allowed(s.id)} checked={strategy === s.id} onChange={() => f.set({ strategy: s.id })} />
            <span>
              <strong>{s.title}</strong> — {s.text}
              {!allowed(s.id) && <span className="muted"> ({why(s.id)})</span>}
            </span>
          </label>
        ))}
        {strategy === 'refine' && (
          <div className="field sub" style={{ maxWidth: 420 }}>
            <label htmlFor="base-model">TVAE to refine</label>
            <select id="base-model" value={f.baseModelId ?? ''} onChange={(e) => f.set({ baseModelId: e.target.value || undefined })}>
              <option value="">the newest</option>
              {tvaes.map((x) => (
                <option key={x.model_id} value={x.model_id}>
                  {x.model_id} ({x.source ?? 'simulated'}, {new Date(x.created_at).toLocaleString()})
                </option>
              ))}
            </select>
          </div>
        )}
      </fieldset>
      {strategy !== 'refine' && (
        <fieldset className="fieldset">
          <legend>Model</legend>
          {MODELS.map((x) => (
            <label key={x.id} className="check block">
              <input type="radio" name="model" value={x.id} checked={f.model === x.id} onChange={() => f.set({ model: x.id })} />
              <span>
                <strong>{x.title}</strong> — {x.text}
              </span>
            </label>
          ))}
        </fieldset>
      )}
      {ownTraining && (
        <div className="field" style={{ maxWidth: 220 }}>
          <label htmlFor="ingest-epochs">Epochs</label>
          <input id="ingest-epochs" type="number" min={1} max={5000} value={f.epochs} onChange={(e) => f.set({ epochs: Number(e.target.value) })} />
        </div>
      )}
      <p className="muted">
        {ownTraining
          ? `After the data is in, a ${strategy} training (${strategy === 'refine' ? 'tvae' : f.model}) starts and generates a dataset.`
          : 'The data is brought in, then a model is trained on it and a dataset generated, by themselves.'}
      </p>
      <div className="actions">
        <button className="secondary" onClick={() => f.set({ step: 3 })}>
          Back
        </button>
        <button
          disabled={!!idProblem}
          onClick={() => f.set({ step: 5, target, strategy, existingMachineId: target === 'existing' ? existing : f.existingMachineId })}
        >
          Next: ingest
        </button>
      </div>
    </Card>
  );
}

// ---- 6 ingest, train, compare -----------------------------------------------------------------

/** Trainings this page started, by seed, so that a re-render never starts one twice. */
const trainingStarted = new Set<string>();

function IngestReportView({ machineId, seedId }: { machineId: string; seedId: string }) {
  const {
    data: r,
    error,
    isLoading,
  } = useQuery({
    queryKey: ['machine', machineId, 'seed-report', seedId],
    queryFn: () => get<IngestReport>(`/machines/${enc(machineId)}/seeds/${enc(seedId)}/report`),
    staleTime: Infinity,
  });
  if (isLoading) return <Spinner label="Loading the ingest report" />;
  if (error) return <ApiProblems error={error} title="Could not load the ingest report" />;
  if (!r) return null;
  const filled = Object.entries(r.cleaning.filled ?? {});
  return (
    <div aria-label="Ingest report" role="region">
      <dl className="kv">
        <dt>Rows</dt>
        <dd>
          {fmt(r.rows_read)} read; {fmt(r.rows_written)} for training, {fmt(r.rows_held_out)} held out
        </dd>
        <dt>Units</dt>
        <dd>
          {fmt(r.units)} in all
          {r.units_held_out.length > 0 && `; held out: ${r.units_held_out.join(', ')}`}
        </dd>
        <dt>Missing values</dt>
        <dd>
          {r.cleaning.missing}: {filled.length ? filled.map(([c, n]) => `${c} ${n}`).join(', ') + ' filled' : 'none filled'}, {fmt(r.cleaning.rows_dropped)}{' '}
          rows dropped
        </dd>
        <dt>Removed</dt>
        <dd>
          {fmt(r.cleaning.duplicates)} duplicate rows, {fmt(r.cleaning.repeated_order)} repeated order values
        </dd>
        {r.rul && (
          <>
            <dt>RUL</dt>
            <dd>
              from {r.rul.from}
              {r.rul.unit ? `, in ${r.rul.unit}` : ''}
              {r.rul.cap != null ? `, capped at ${r.rul.cap}` : ''}; {fmt(r.rul.lives)} lives
              {r.rul.life_median != null && ` (length ${fmt(r.rul.life_min, 4)} / ${fmt(r.rul.life_median, 4)} / ${fmt(r.rul.life_max, 4)} min / median / max)`}
            </dd>
          </>
        )}
      </dl>
      {r.cleaning.dropped.length > 0 && (
        <>
          <h3>Not learnt</h3>
          <ul className="compact-list">
            {r.cleaning.dropped.map((x) => (
              <li key={x.column}>
                <code>{x.column}</code>: {x.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      {r.notes.length > 0 && (
        <>
          <h3>Notes</h3>
          <ul className="compact-list">
            {r.notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function StepIngest() {
  const f = useUploadFlow();
  const qc = useQueryClient();
  /** what the start is doing, for its button and spinner */
  const [phase, setPhase] = useState<string>();
  const [trainError, setTrainError] = useState<unknown>();
  const openExplorer = useUi((s) => s.openExplorer);
  const datasets = useDatasets(f.machineId);
  const p = f.preview!;
  const machineId = f.target === 'new' ? f.newMachineId! : f.existingMachineId!;
  const strategy = f.strategy;
  const model: ModelKind = strategy === 'refine' ? 'tvae' : f.model;
  const ownTraining = needsOwnTraining(strategy, model);

  const startTraining = async (seedId: string) => {
    const st = useUploadFlow.getState();
    if (trainingStarted.has(seedId) || st.trainTaskId || !st.machineId) return;
    trainingStarted.add(seedId);
    setTrainError(undefined);
    try {
      const t = await postJson<Task>(
        `/machines/${enc(st.machineId)}/train`,
        trainBody({ seedId, strategy, model, baseModelId: st.baseModelId, epochs: st.epochs, pipeline: 'auto' }),
      );
      useUploadFlow.getState().set({ trainTaskId: t.task_id });
    } catch (e) {
      trainingStarted.delete(seedId);
      setTrainError(e);
    }
  };

  const onTask = (t: Task) => {
    const st = useUploadFlow.getState();
    if (t.task_id === st.ingestTaskId) {
      if (t.status === 'succeeded' && t.result_id && st.seedId !== t.result_id) st.set({ seedId: t.result_id });
      // the ingest's own pipeline goes on by itself (next_task_id); else this page starts the chosen training
      if (t.next_task_id) {
        if (st.trainTaskId !== t.next_task_id) st.set({ trainTaskId: t.next_task_id });
      } else if (t.status === 'succeeded' && t.result_id && ownTraining) startTraining(t.result_id);
    } else if (t.task_id === st.trainTaskId) {
      if (t.next_task_id && st.generationTaskId !== t.next_task_id) st.set({ generationTaskId: t.next_task_id });
    } else if (t.task_id === st.generationTaskId) {
      if (t.status === 'succeeded' && t.result_id && st.datasetId !== t.result_id) {
        st.set({ datasetId: t.result_id });
        qc.invalidateQueries({ queryKey: ['machine', st.machineId, 'datasets'] });
      }
    }
  };

  const ingest = useMutation({
    mutationFn: async () => {
      // a machine this flow created already (a start that failed after it) is not created again
      if (f.target === 'new' && f.machineId !== machineId) {
        setPhase('Creating the machine');
        await postJson<Machine>('/machines', profileFor(p.profile!, machineId));
        f.set({ machineId });
        qc.invalidateQueries({ queryKey: ['machines'] });
      }
      setPhase('Starting the ingest');
      const body = buildIngestRequest({
        uploadId: f.uploadId!,
        options: f.options,
        mapping: f.mapping,
        suggested: p.mapping,
        missing: f.missing,
        holdoutPercent: f.holdoutPercent,
        rulCap: f.rulCap,
        mapToProfile: f.target === 'existing' && !!f.mapOnto && f.mapOnto === machineId,
        pipeline: ownTraining ? 'manual' : 'auto',
      });
      return postJson<Task>(`/machines/${enc(machineId)}/ingest`, body);
    },
    onSuccess: (t) =>
      f.set({ machineId, ingestTaskId: t.task_id, seedId: undefined, trainTaskId: undefined, generationTaskId: undefined, datasetId: undefined }),
    onSettled: () => setPhase(undefined),
  });
  const busy = ingest.isPending ? (phase ?? 'Starting') : undefined;
  const error = ingest.error;
  const start = () => ingest.mutate();

  const links: ChainLink[] = [];
  if (f.ingestTaskId) links.push({ taskId: f.ingestTaskId, stage: 'seed', title: `Bring ${f.fileName} in as ${f.machineId}’s seed` });
  if (f.trainTaskId) links.push({ taskId: f.trainTaskId, stage: 'training', title: ownTraining ? `Train (${strategy}, ${model})` : 'Train (auto)' });
  if (f.generationTaskId) links.push({ taskId: f.generationTaskId, stage: 'generation', title: 'Generate a dataset and its quality report' });
  const others = (datasets.data ?? []).filter((d) => d.dataset_id !== f.datasetId).map((d) => d.dataset_id);
  const compareLink = f.datasetId ? compareHash(f.machineId, [f.datasetId, ...others.slice(0, 1)]) : undefined;
  const dataset = (datasets.data ?? []).find((d) => d.dataset_id === f.datasetId);
  return (
    <>
      <Card title="Ingest, train and compare">
        <dl className="kv">
          <dt>File</dt>
          <dd>
            {f.fileName} ({p.rows.toLocaleString('en')} rows, {p.columns.length} columns)
          </dd>
          <dt>Machine</dt>
          <dd>
            {f.machineId ?? machineId} {f.target === 'new' ? '(new, from the derived profile)' : '(existing)'}
          </dd>
          <dt>Cleaning</dt>
          <dd>
            missing values {f.missing === 'fill' ? 'filled' : 'dropped'}, {f.holdoutPercent} % held out{f.rulCap ? `, RUL capped at ${f.rulCap}` : ''}
          </dd>
          <dt>Training</dt>
          <dd>
            {strategy}, {model}
            {ownTraining ? `, ${f.epochs} epochs` : ''}, then a dataset
          </dd>
        </dl>
        {!f.ingestTaskId && (
          <div className="actions">
            <button className="secondary" onClick={() => f.set({ step: 4 })}>
              Back
            </button>
            <button id="start-ingest" disabled={!!busy || !f.uploadId} onClick={start}>
              {busy ? `${busy}…` : 'Bring the data in and train'}
            </button>
          </div>
        )}
        {busy && <Spinner label={busy} />}
        <ApiProblems error={error} title="Could not start" />
        {error instanceof ApiError && error.code === 'MACHINE_EXISTS' && (
          <button className="secondary" onClick={() => f.set({ target: 'existing', existingMachineId: machineId, step: 4 })}>
            Add the data to the existing {machineId} instead
          </button>
        )}
        {links.length > 0 && <TaskChain links={links} onTask={onTask} />}
        {f.ingestTaskId && (
          <div className="actions">
            <button
              className="secondary small"
              onClick={() =>
                f.set({ step: 3, ingestTaskId: undefined, seedId: undefined, trainTaskId: undefined, generationTaskId: undefined, datasetId: undefined })
              }
            >
              Change the mapping or strategy and ingest this file again
            </button>
          </div>
        )}
        <ApiProblems error={trainError} title="Could not start the training" />
        {trainError != null && f.seedId && (
          <button className="secondary" onClick={() => startTraining(f.seedId!)}>
            Try the training again
          </button>
        )}
        {f.datasetId && (
          <div className="done-box" role="status">
            <p>
              <strong>Dataset {f.datasetId} is ready</strong> {dataset && <QualityBadge score={dataset.quality_overall} grade={dataset.grade} />}
            </p>
            <div className="actions" style={{ marginTop: 6 }}>
              <a className="button" href={compareLink}>
                Open the comparison
              </a>
              <button className="secondary" onClick={() => openExplorer(f.machineId, f.datasetId)}>
                Explore the dataset
              </button>
              <button className="secondary" onClick={() => f.reset()}>
                Bring in another file
              </button>
            </div>
          </div>
        )}
      </Card>
      {f.seedId && f.machineId && (
        <Card title="Ingest report">
          <IngestReportView machineId={f.machineId} seedId={f.seedId} />
        </Card>
      )}
    </>
  );
}

export function DataUpload() {
  const f = useUploadFlow();
  const ready = !!f.preview && !!f.mapping;
  return (
    <>
      <div className="card-head">
        <div>
          <h1>Bring your data</h1>
          <p className="lead">
            Your own run-to-failure data as a machine’s seed: upload, check, clean, map, then train and compare. Your progress is kept if you leave this page.
          </p>
        </div>
        {(f.step > 0 || f.uploadId) && (
          <button className="secondary small" onClick={() => f.reset()}>
            Start over
          </button>
        )}
      </div>
      <Stepper />
      {f.step === 0 && <StepUpload />}
      {f.step === 1 && <StepPreview />}
      {f.step === 2 && (ready ? <StepClean /> : <Empty>Preview the file first.</Empty>)}
      {f.step === 3 && (ready ? <StepMap /> : <Empty>Preview the file first.</Empty>)}
      {f.step === 4 && (ready ? <StepMachine /> : <Empty>Preview the file first.</Empty>)}
      {f.step === 5 && (ready ? <StepIngest /> : <Empty>Preview the file first.</Empty>)}
    </>
  );
}
