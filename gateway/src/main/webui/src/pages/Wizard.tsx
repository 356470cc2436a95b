// New machine wizard: input method, profile (upload, form or template), validate & fix, create,
// seed data with a preview, training with a live loss chart, generation with the quality report.
// Its state lives in localStorage, so a reload or another page resumes where the user left it.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { parse as parseYaml } from 'yaml';
import { ApiError, enc, get, postJson, type Machine, type Profile, type SeedRows, type Task, type Template, type Validation } from '../api';
import { axisStyle, Chart } from '../components/Chart';
import { blankProfile, ProfileForm } from '../components/ProfileForm';
import { ProblemList } from '../components/Problems';
import { TaskStatusLine, TrainingProgress } from '../components/TaskProgress';
import { Card, ErrorBox, Spinner, Steps } from '../components/ui';
import { askForNotifications, useTaskProgress } from '../live';
import { within, type Range } from '../logic/limits';
import { useApiLimits } from '../queries';
import { checkProfile, PROFILE_ACCEPT } from '../logic/profiles';
import { SeveralProfiles } from '../components/SeveralProfiles';
import { thin, tracesAgainstRul } from '../logic/charts';
import { setPath } from '../logic/validation';
import { NO_TASKS, WIZARD_STEPS, navigate, useUi, useWizard } from '../store';
import { QualityReportView } from './Validation';

/** A generation's default size as the API documents it (" of 50,000 rows"), nothing while it loads. */
const ofRows = (r?: Range) => (r?.default ? ` of ${r.default.toLocaleString('en-US')} rows` : '');

const PALETTE = ['#3B82F6', '#06B6D4', '#8B5CF6', '#10B981', '#F59E0B', '#EC4899', '#F97316', '#A3E635'];

function Stepper() {
  const w = useWizard();
  const reachable = (i: number) => {
    if (i <= 1) return true;
    if (i === 2) return !!w.profile || w.problems.length > 0;
    if (i === 3) return w.validated || !!w.machineId;
    if (i === 4) return !!w.machineId;
    if (i === 5) return !!w.seedId;
    return !!w.trainTaskId;
  };
  // Keys: Left and Right move between the steps already reachable (not while in a field, where they
  // move the cursor); Ctrl+Enter presses the step's main button (the one marked data-primary).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
        const primary = document.querySelector<HTMLButtonElement>('main [data-primary]:not([disabled])');
        if (primary) {
          e.preventDefault();
          primary.click();
        }
        return;
      }
      const target = e.target as HTMLElement | null;
      const typing = !!target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
      if (typing || e.altKey || e.ctrlKey || e.metaKey || (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight')) return;
      const to = w.step + (e.key === 'ArrowRight' ? 1 : -1);
      if (to >= 0 && to < WIZARD_STEPS.length && reachable(to)) {
        e.preventDefault();
        w.set({ step: to });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
  return <Steps names={WIZARD_STEPS} step={w.step} label="Wizard steps" reachable={reachable} onStep={(i) => w.set({ step: i })} />;
}

function StepMethod() {
  const w = useWizard();
  const choose = (method: 'upload' | 'form' | 'template') =>
    w.set({ method, step: 1, profile: method === 'form' ? (w.profile ?? blankProfile()) : w.profile, problems: [], validated: false });
  return (
    <Card title="How do you want to describe the machine?">
      <div className="choices">
        <button className="choice" onClick={() => choose('upload')}>
          <strong>Upload a profile</strong>
          <span>One or more JSON, YAML or Excel (.xlsx) files: drag and drop or browse.</span>
        </button>
        <button className="choice" onClick={() => choose('form')}>
          <strong>Fill in a form</strong>
          <span>Sensors, operational parameters and lifetime, step by step.</span>
        </button>
        <button className="choice" onClick={() => choose('template')}>
          <strong>Start from a template</strong>
          <span>A ready profile of a motor, pump, compressor… to adapt.</span>
        </button>
        <button className="choice" onClick={() => navigate('data')}>
          <strong>Upload an existing dataset</strong>
          <span>Your own run-to-failure data (CSV, text, Excel, Parquet, JSON): the profile is derived from it.</span>
        </button>
      </div>
    </Card>
  );
}

function parseLocally(text: string, name: string): Profile | undefined {
  if (/\.xlsx$/i.test(name)) return undefined;
  try {
    const v = parseYaml(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Profile) : undefined;
  } catch {
    return undefined;
  }
}

function StepUpload() {
  const w = useWizard();
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const [several, setSeveral] = useState<File[]>();
  const upload = useMutation({
    mutationFn: async (file: File) => {
      const v = await checkProfile(file);
      return { file, v, profile: v.profile ?? parseLocally(await file.text(), file.name) };
    },
    onSuccess: ({ file, v, profile }) => w.set({ fileName: file.name, format: v.format, profile, problems: v.problems, validated: v.valid, step: 2 }),
  });
  // one file goes through the steps; several are checked together and created in one go
  const take = (list: FileList | null | undefined) => {
    const files = Array.from(list ?? []);
    if (files.length > 1) setSeveral(files);
    else if (files.length === 1) upload.mutate(files[0]);
  };
  if (several)
    return (
      <Card title="Upload profiles">
        <SeveralProfiles files={several} onClose={() => setSeveral(undefined)} />
      </Card>
    );
  return (
    <Card title="Upload a profile">
      <div
        className={'dropzone' + (over ? ' over' : '')}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          take(e.dataTransfer.files);
        }}
      >
        <p className="drop-hint" aria-live="polite">
          {over ? <strong>Release to check the profiles</strong> : 'Drop one or more .json, .yaml or .xlsx profiles here, or'}
        </p>
        <label htmlFor="profile-file" className="button secondary" style={{ display: 'inline-flex' }}>
          Choose files
        </label>
        <input
          id="profile-file"
          ref={input}
          className="sr-only"
          type="file"
          multiple
          accept={PROFILE_ACCEPT}
          onChange={(e) => {
            take(e.target.files);
            e.target.value = '';
          }}
        />
        {upload.isPending && (
          <p>
            <Spinner label="Checking the profile" />
          </p>
        )}
        {w.fileName && <p className="muted">Last file: {w.fileName}</p>}
      </div>
      <ErrorBox error={upload.error} title="The upload failed" />
      <p className="muted">
        Need a starting point? Download a template: <a href="/api/gan/templates/pump?format=yaml">pump (YAML)</a> ·{' '}
        <a href="/api/gan/templates/pump?format=xlsx">pump (Excel)</a>
      </p>
    </Card>
  );
}

function StepTemplate() {
  const w = useWizard();
  const { data, error, isLoading } = useQuery({ queryKey: ['templates'], queryFn: () => get<Template[]>('/templates') });
  const templates = data ?? [];
  const pick = useMutation({
    mutationFn: (name: string) => get<Profile>(`/templates/${enc(name)}?format=json`),
    onSuccess: (p) => w.set({ profile: p, method: 'template', fileName: undefined, problems: [], validated: false }),
  });
  return (
    <>
      <Card title="Start from a template">
        <ErrorBox error={error ?? pick.error} title="Could not load templates" />
        {isLoading && <Spinner />}
        <div className="actions" style={{ marginTop: 0 }}>
          {templates.map(({ name: n, description }) => (
            <button key={n} className="secondary small" title={description} disabled={pick.isPending} onClick={() => pick.mutate(n)}>
              {pick.isPending && pick.variables === n ? '…' : n}
            </button>
          ))}
        </div>
      </Card>
      {w.profile && <FormStep />}
    </>
  );
}

function FormStep() {
  const w = useWizard();
  return (
    <Card title="Machine profile">
      <ProfileForm profile={w.profile ?? blankProfile()} problems={w.problems} onChange={(p) => w.set({ profile: p, validated: false })} />
      <div className="actions">
        <button data-primary="" onClick={() => w.set({ step: 2 })}>
          Next: validate
        </button>
      </div>
    </Card>
  );
}

function StepValidate() {
  const w = useWizard();
  const check = useMutation({
    mutationFn: (profile: Profile) => postJson<Validation>('/profiles/validate', profile),
    onSuccess: (v, profile) => {
      // an answer for a profile edited since is not this one's
      if (useWizard.getState().profile !== profile) return;
      w.set({ problems: v.problems, validated: v.valid, profile: v.valid && v.profile ? v.profile : profile });
    },
  });
  const validate = (profile: Profile | undefined) => profile && check.mutate(profile);
  const busy = check.isPending;
  const apply = (field: string, value: unknown) => {
    const next = setPath(w.profile ?? blankProfile(), field, value);
    w.set({ profile: next, validated: false });
    validate(next);
  };
  return (
    <>
      <Card
        title="Validate & fix"
        actions={
          <button className="secondary small" disabled={busy || !w.profile} onClick={() => validate(w.profile)}>
            {busy ? 'Checking…' : 'Check again'}
          </button>
        }
      >
        {w.fileName && <p className="muted">File: {w.fileName}</p>}
        <ErrorBox error={check.error} title="Validation failed" />
        {w.validated && w.problems.length === 0 && (
          <p role="status" className="tone-excellent badge">
            The profile is valid{w.format ? ` (${w.format})` : ''}
          </p>
        )}
        {!w.validated && w.problems.length === 0 && !busy && <p className="muted">Not checked yet: press “Check again”.</p>}
        <ProblemList problems={w.problems} onApply={w.profile ? apply : undefined} />
        {!w.profile && w.problems.length > 0 && <p className="muted">This file could not be read into the form; fix it and upload it again.</p>}
        <div className="actions">
          <button className="secondary" onClick={() => w.set({ step: 1 })}>
            Back
          </button>
          <button data-primary="" disabled={!w.validated} onClick={() => w.set({ step: 3 })}>
            Next: create the machine
          </button>
        </div>
      </Card>
      {w.profile && (
        <Card title="Profile (edit here, then check again)">
          <ProfileForm profile={w.profile} problems={w.problems} onChange={(p) => w.set({ profile: p, validated: false })} />
        </Card>
      )}
    </>
  );
}

/** A machine just created or chosen: to its seed step, with nothing of the machine before it. */
const NEW_MACHINE = { ...NO_TASKS, step: 4 };

function StepCreate() {
  const w = useWizard();
  const qc = useQueryClient();
  const p = w.profile;
  const create = useMutation({
    mutationFn: (profile: Profile) => postJson<Machine>('/machines', profile),
    onSuccess: (m) => {
      qc.invalidateQueries({ queryKey: ['machines'] });
      useUi.getState().toast('success', `Machine ${m.machine_id} created`);
      w.set({ machineId: m.machine_id, ...NEW_MACHINE });
    },
    onError: (e) => {
      if (e instanceof ApiError && e.code === 'INVALID_PROFILE') w.set({ problems: e.details, validated: false, step: 2 });
    },
  });
  const error = create.error;
  return (
    <Card title="Create the machine">
      {p && (
        <dl className="kv">
          <dt>Machine id</dt>
          <dd>{p.machine_id}</dd>
          <dt>Category</dt>
          <dd>{p.machine_type}</dd>
          <dt>Sensors</dt>
          <dd>{p.sensors?.map((s) => `${s.name} (${s.unit})`).join(', ')}</dd>
          <dt>Lifetime</dt>
          <dd>
            {p.rul?.max_rul} h, {p.rul?.cycles} cycles, {p.rul?.degradation_pattern}
          </dd>
        </dl>
      )}
      <ErrorBox error={error} title="Could not create the machine" />
      {error instanceof ApiError && error.code === 'MACHINE_EXISTS' && p && (
        <button className="secondary" onClick={() => w.set({ machineId: p.machine_id, ...NEW_MACHINE })}>
          Continue with the existing {p.machine_id}
        </button>
      )}
      <div className="actions">
        <button className="secondary" onClick={() => w.set({ step: 2 })}>
          Back
        </button>
        <button data-primary="" disabled={create.isPending || !p} onClick={() => p && create.mutate(p)}>
          {create.isPending ? 'Creating…' : 'Create machine'}
        </button>
      </div>
    </Card>
  );
}

/** Height of one sensor's panel in the seed preview, and the space around the panels. */
const PANEL = 74;
const PANEL_GAP = 26;

/**
 * The seed preview as small multiples: one panel per sensor, each with its own axis in its own
 * unit (on one shared axis, vibration in mm/s and a pressure in bar were flat lines beside a
 * temperature), all against the same RUL axis, which runs from the cycle's largest RUL to failure.
 */
export function seedPreviewOption(page: SeedRows) {
  const traces = tracesAgainstRul(page.columns, page.rows);
  const rulMax = Math.max(0, ...traces.flatMap((t) => t.points.map((p) => p[0])));
  const top = (i: number) => 24 + i * (PANEL + PANEL_GAP);
  const last = traces.length - 1;
  return {
    height: top(traces.length) + 30,
    option: {
      tooltip: { trigger: 'axis' },
      axisPointer: { link: [{ xAxisIndex: 'all' }] },
      title: traces.map((t, i) => ({ text: t.name, top: top(i) - 20, left: 64, textStyle: { color: PALETTE[i % PALETTE.length], fontSize: 12 } })),
      grid: traces.map((_, i) => ({ left: 64, right: 16, top: top(i), height: PANEL })),
      xAxis: traces.map((_, i) => ({
        type: 'value',
        gridIndex: i,
        inverse: true,
        min: 0,
        max: rulMax > 0 ? Math.ceil(rulMax) : undefined,
        name: i === last ? 'RUL (h) → failure' : undefined,
        nameLocation: 'middle',
        nameGap: 26,
        ...axisStyle,
        axisLabel: { ...(axisStyle as { axisLabel?: object }).axisLabel, show: i === last },
      })),
      yAxis: traces.map((_, i) => ({ type: 'value', gridIndex: i, scale: true, splitNumber: 2, ...axisStyle })),
      series: traces.map((t, i) => ({
        type: 'line',
        name: t.name,
        xAxisIndex: i,
        yAxisIndex: i,
        showSymbol: false,
        data: thin(t.points, 800),
        lineStyle: { width: 1.5, color: PALETTE[i % PALETTE.length] },
        itemStyle: { color: PALETTE[i % PALETTE.length] },
      })),
    },
  };
}

function SeedPreview({ machineId, seedId }: { machineId: string; seedId: string }) {
  const { data, error, isLoading } = useQuery({
    queryKey: ['seed-rows', seedId, 1],
    queryFn: () => get<SeedRows>(`/machines/${enc(machineId)}/seeds/${enc(seedId)}/rows?cycle=1&limit=5000`),
  });
  const preview = useMemo(() => (data ? seedPreviewOption(data) : undefined), [data]);
  return (
    <div>
      <h3>Preview: cycle 1 of {data?.cycles ?? '…'}, sensor readings as the machine wears out</h3>
      <ErrorBox error={error} title="Could not load the preview" />
      {isLoading && <Spinner label="Loading the preview" />}
      {preview && (
        <Chart
          option={preview.option}
          label={`Seed data preview: sensor traces against remaining useful life for cycle 1 (${data?.rows.length} rows), one panel per sensor`}
          height={preview.height}
        />
      )}
    </div>
  );
}

/** Starts a seed, training or generation; the step keeps the task's id and follows its progress. */
function useStartTask(path: string, onTask: (t: Task, body: unknown) => void) {
  return useMutation({ mutationFn: (body: unknown) => postJson<Task>(path, body), onMutate: askForNotifications, onSuccess: onTask });
}

/** The range the API takes for a number field, under it; marked when the value is outside. */
function RangeHint({ value, range }: { value: number; range?: Range }) {
  if (!range || (range.min === undefined && range.max === undefined)) return null;
  const n = (v?: number) => (v === undefined ? '…' : v.toLocaleString('en-US'));
  const ok = within(value, range);
  return (
    <small className="muted" role={ok ? undefined : 'alert'}>
      {ok ? '' : 'Outside what the API takes: '}
      {n(range.min)} to {n(range.max)}
    </small>
  );
}

function StepSeed() {
  const w = useWizard();
  const limits = useApiLimits();
  const seed = useStartTask(`/machines/${enc(w.machineId!)}/seed`, (task, body) =>
    w.set({ seedTaskId: task.task_id, seedId: undefined, following: (body as { pipeline?: string }).pipeline === 'auto' ? 'seed' : undefined }),
  );
  const progress = useTaskProgress(w.seedTaskId);
  const t = progress.task;
  if (t?.status === 'succeeded' && t.result_id && w.seedId !== t.result_id) w.set({ seedId: t.result_id });
  // the auto pipeline went on to a training: follow it to the next step
  const nextTraining = w.following === 'seed' && t?.status === 'succeeded' && t.result_id ? t.next_task_id : undefined;
  useEffect(() => {
    if (nextTraining)
      w.set({ seedId: t?.result_id, trainTaskId: nextTraining, generationTaskId: undefined, datasetId: undefined, following: 'training', step: 5 });
  }, [nextTraining]); // eslint-disable-line react-hooks/exhaustive-deps
  const running = !!t && !t.finished;
  return (
    <Card title={`Seed data for ${w.machineId}`}>
      <p className="muted">Physics-based run-to-failure data with RUL labels; the model learns from it.</p>
      <div className="inline">
        <div className="field" style={{ maxWidth: 220 }}>
          <label htmlFor="seed-rows">Rows</label>
          <input
            id="seed-rows"
            type="number"
            min={limits?.seedRows.min}
            max={limits?.seedRows.max}
            value={w.seedRows}
            onChange={(e) => w.set({ seedRows: Number(e.target.value) })}
          />
          <RangeHint value={w.seedRows} range={limits?.seedRows} />
        </div>
        <label className="check" style={{ marginBottom: 12 }}>
          <input type="checkbox" checked={w.auto} onChange={(e) => w.set({ auto: e.target.checked })} /> then train the default model and generate a dataset
          {ofRows(limits?.generateRows)} by itself (the wizard follows along)
        </label>
        <button
          data-primary={w.seedTaskId ? undefined : ''}
          style={{ marginBottom: 12 }}
          disabled={seed.isPending || running || (!!limits && !within(w.seedRows, limits.seedRows))}
          onClick={() => seed.mutate(w.auto ? { rows: w.seedRows, pipeline: 'auto' } : { rows: w.seedRows })}
        >
          {w.seedTaskId ? 'Generate again' : 'Generate seed data'}
        </button>
      </div>

      <ErrorBox error={seed.error} title="Could not start" />
      {w.seedTaskId && <TaskStatusLine state={progress} />}
      {w.seedId && w.machineId && <SeedPreview machineId={w.machineId} seedId={w.seedId} />}
      <div className="actions">
        <button data-primary="" disabled={!w.seedId} onClick={() => w.set({ step: 5 })}>
          Next: train
        </button>
      </div>
    </Card>
  );
}

function StepTrain() {
  const w = useWizard();
  const limits = useApiLimits();
  const train = useStartTask(`/machines/${enc(w.machineId!)}/train`, (task) =>
    w.set({ trainTaskId: task.task_id, generationTaskId: undefined, datasetId: undefined, following: undefined }),
  );
  const progress = useTaskProgress(w.trainTaskId);
  const t = progress.task;
  const nextGeneration = w.following === 'training' && t?.status === 'succeeded' ? t.next_task_id : undefined;
  const followedFailed = w.following === 'training' && !!t?.finished && t.status !== 'succeeded';
  useEffect(() => {
    if (nextGeneration) w.set({ generationTaskId: nextGeneration, datasetId: undefined, following: undefined, step: 6 });
    else if (followedFailed) w.set({ following: undefined });
  }, [nextGeneration, followedFailed]); // eslint-disable-line react-hooks/exhaustive-deps
  const running = !!t && !t.finished;
  return (
    <Card title={`Train a model for ${w.machineId}`}>
      {w.following === 'training' && (
        <p className="muted">Started by the seed data: the machine's default model, then a dataset{ofRows(limits?.generateRows)}.</p>
      )}
      <div className="inline">
        <div className="field" style={{ maxWidth: 320 }}>
          <label htmlFor="model">Model</label>
          <select id="model" value={w.model} onChange={(e) => w.set({ model: e.target.value as 'trajectory' | 'tvae' })}>
            <option value="trajectory">trajectory: whole run-to-failure histories, seconds (default)</option>
            <option value="tvae">TVAE: rows, trained until its quality stops improving</option>
          </select>
        </div>
        {w.model === 'tvae' && (
          <div className="field" style={{ maxWidth: 220 }}>
            <label htmlFor="epochs">Epochs, at most</label>
            <input
              id="epochs"
              aria-describedby="epochs-note"
              type="number"
              min={limits?.epochs.min}
              max={limits?.epochs.max}
              value={w.epochs}
              onChange={(e) => w.set({ epochs: Number(e.target.value) })}
            />
            <RangeHint value={w.epochs} range={limits?.epochs} />
            <p id="epochs-note" className="muted">
              It stops sooner, keeping its best epoch, once its draws stop coming closer to the seed.
            </p>
          </div>
        )}
        <button
          data-primary={w.trainTaskId ? undefined : ''}
          style={{ marginBottom: 12 }}
          disabled={train.isPending || running || (w.model === 'tvae' && !!limits && !within(w.epochs, limits.epochs))}
          onClick={() => train.mutate(w.model === 'tvae' ? { model: 'tvae', epochs: w.epochs, seed_id: w.seedId } : { model: 'trajectory', seed_id: w.seedId })}
        >
          {w.trainTaskId ? 'Train again' : 'Start training'}
        </button>
      </div>
      <ErrorBox error={train.error} title="Could not start the training" />
      {w.trainTaskId && <TrainingProgress taskId={w.trainTaskId} epochs={w.model === 'tvae' ? w.epochs : undefined} />}
      <div className="actions">
        <button data-primary="" disabled={t?.status !== 'succeeded'} onClick={() => w.set({ step: 6 })}>
          Next: generate
        </button>
      </div>
    </Card>
  );
}

function StepGenerate() {
  const w = useWizard();
  const limits = useApiLimits();
  const generate = useStartTask(`/machines/${enc(w.machineId!)}/generate`, (task) => w.set({ generationTaskId: task.task_id, datasetId: undefined }));
  const progress = useTaskProgress(w.generationTaskId);
  const t = progress.task;
  if (t?.status === 'succeeded' && t.result_id && w.datasetId !== t.result_id) w.set({ datasetId: t.result_id });
  const running = !!t && !t.finished;
  const openExplorer = useUi((s) => s.openExplorer);
  return (
    <Card title={`Generate a synthetic dataset for ${w.machineId}`}>
      <p className="muted">Train / val / test splits (70 / 15 / 15) and a quality report against the seed data.</p>
      <div className="inline">
        <div className="field" style={{ maxWidth: 220 }}>
          <label htmlFor="gen-rows">Rows in all</label>
          <input
            id="gen-rows"
            type="number"
            min={limits?.generateRows.min}
            max={limits?.generateRows.max}
            value={w.rows}
            onChange={(e) => w.set({ rows: Number(e.target.value) })}
          />
          <RangeHint value={w.rows} range={limits?.generateRows} />
        </div>
        <button
          data-primary={w.generationTaskId ? undefined : ''}
          style={{ marginBottom: 12 }}
          disabled={generate.isPending || running || (!!limits && !within(w.rows, limits.generateRows))}
          onClick={() => generate.mutate({ rows: w.rows })}
        >
          {w.generationTaskId ? 'Generate again' : 'Generate dataset'}
        </button>
      </div>
      <ErrorBox error={generate.error} title="Could not start the generation" />
      {w.generationTaskId && <TaskStatusLine state={progress} />}
      {w.datasetId && w.machineId && (
        <>
          <QualityReportView machineId={w.machineId} datasetId={w.datasetId} />
          <div className="actions">
            <button onClick={() => openExplorer(w.machineId, w.datasetId)}>Explore the data</button>
            <button className="secondary" onClick={() => navigate('validation')}>
              Fleet validation
            </button>
            <button
              className="secondary"
              onClick={() => {
                w.reset();
              }}
            >
              Start another machine
            </button>
          </div>
        </>
      )}
    </Card>
  );
}

export function Wizard() {
  const w = useWizard();
  // The button that moved the wizard on leaves with its step (and an auto run moves it with no button
  // at all): the focus goes to the new step's title rather than back to the page.
  const firstStep = useRef(true);
  useEffect(() => {
    if (firstStep.current) {
      firstStep.current = false;
      return;
    }
    const title = document.querySelector<HTMLElement>('main section.card h2');
    if (title) {
      title.tabIndex = -1;
      title.focus();
    }
  }, [w.step]);
  return (
    <>
      <div className="card-head">
        <div>
          <h1>New machine</h1>
          <p className="lead">From a profile to a validated synthetic dataset in seven steps. Your progress is kept if you leave this page.</p>
        </div>
        {(w.step > 0 || w.machineId) && (
          <button className="secondary small" onClick={() => w.reset()}>
            Start over
          </button>
        )}
      </div>
      <Stepper />
      <p className="sr-only" aria-live="polite">
        Step {w.step + 1} of {WIZARD_STEPS.length}: {WIZARD_STEPS[w.step]}
      </p>
      <p className="muted keys">
        Keys: <kbd>Ctrl</kbd>+<kbd>Enter</kbd> presses the step&apos;s main button; <kbd>←</kbd> and <kbd>→</kbd> (outside a field) move between the steps
        reached.
      </p>
      {w.step === 0 && <StepMethod />}
      {w.step === 1 && (w.method === 'upload' ? <StepUpload /> : w.method === 'template' ? <StepTemplate /> : <FormStep />)}
      {w.step === 2 && <StepValidate />}
      {w.step === 3 && <StepCreate />}
      {w.step === 4 && w.machineId && <StepSeed />}
      {w.step === 5 && w.machineId && <StepTrain />}
      {w.step === 6 && w.machineId && <StepGenerate />}
    </>
  );
}
