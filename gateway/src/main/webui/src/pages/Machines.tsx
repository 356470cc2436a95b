// The machines as a table: search, filter by category and state, sort, quick actions, and the
// profile's version history with diff and restore.
import { Fragment, useMemo, useRef, useState } from 'react';
import { useMutation, useMutationState, useQuery, useQueryClient } from '@tanstack/react-query';
import { API, ApiError, del, enc, get, getText, postJson, putText, type Diff, type Machine, type Profile, type VersionView } from '../api';
import { ProfileForm } from '../components/ProfileForm';
import { MachineData } from '../components/MachineData';
import { Card, ErrorBox, QualityBadge, Spinner, StepDot, TableHead } from '../components/ui';
import { stateGroup, workflowSteps } from '../logic/charts';
import { categories, useMachines } from '../queries';
import { useUi } from '../store';

/** The Machines page's quick actions and deletions, to find which rows have one on its way. */
const ROW_ACTION = ['machine-row-action'];

/** An id that may wrap after its underscores (a copied id stays the same: no characters are added). */
function breakable(id: string) {
  return id.split('_').map((part, i) => (
    <Fragment key={i}>
      {i > 0 && (
        <>
          _<wbr />
        </>
      )}
      {part}
    </Fragment>
  ));
}

type SortKey = 'machine_id' | 'machine_type' | 'sensor_count' | 'state' | 'quality' | 'version';

export function sortMachines(ms: Machine[], key: SortKey, asc: boolean): Machine[] {
  const val = (m: Machine): string | number => {
    switch (key) {
      case 'quality':
        return m.status?.quality_overall ?? -1;
      case 'state':
        return m.status?.state ?? '';
      case 'sensor_count':
        return m.sensor_count;
      case 'version':
        return m.version;
      default:
        return m[key] ?? '';
    }
  };
  return [...ms].sort((a, b) => {
    const x = val(a);
    const y = val(b);
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return asc ? c : -c;
  });
}

/**
 * The current profile, editable as a form or as YAML: saving validates it on the server and adds a
 * version (a mistake comes back naming the field and the fix, marked in the form, and nothing is
 * saved). Ctrl+S saves. Switching between form and YAML waits until the changes are saved or discarded.
 */
function ProfileEditor({ machine }: { machine: Machine }) {
  const qc = useQueryClient();
  const id = machine.machine_id;
  const [mode, setMode] = useState<'form' | 'yaml'>('form');
  const yaml = useQuery({
    queryKey: ['machine', id, 'yaml', machine.version],
    queryFn: () => getText(`/machines/${enc(id)}/profile?format=yaml`),
    enabled: mode === 'yaml',
  });
  const json = useQuery({
    queryKey: ['machine', id, 'json', machine.version],
    queryFn: () => get<Profile>(`/machines/${enc(id)}/profile?format=json`),
    enabled: mode === 'form',
  });
  const [text, setText] = useState<string>();
  const [draft, setDraft] = useState<Profile>();
  const [comment, setComment] = useState('');
  const value = text ?? yaml.data ?? '';
  const dirty = mode === 'yaml' ? text != null && text !== yaml.data : draft != null;
  const save = useMutation({
    mutationFn: () =>
      putText(
        `/machines/${enc(id)}/profile${comment.trim() ? `?comment=${encodeURIComponent(comment.trim())}` : ''}`,
        mode === 'yaml' ? value : JSON.stringify(draft),
        mode === 'yaml' ? 'application/yaml' : 'application/json',
      ),
    onSuccess: () => {
      useUi.getState().toast('success', `Saved: a new version of ${id}`);
      setText(undefined);
      setDraft(undefined);
      setComment('');
      qc.invalidateQueries({ queryKey: ['machine', id] });
      qc.invalidateQueries({ queryKey: ['machines'] });
    },
  });
  const submit = () => dirty && !save.isPending && save.mutate();
  const discard = () => {
    setText(undefined);
    setDraft(undefined);
    save.reset();
  };
  const problems = save.error instanceof ApiError && save.error.code === 'INVALID_PROFILE' ? save.error.details : [];
  const loading = mode === 'yaml' ? yaml : json;
  return (
    <Card
      title={`Profile of ${id} (v${machine.version})`}
      actions={
        <a className="button secondary small" href={`${API}/machines/${enc(id)}/profile?format=yaml`} download={`${id}.yaml`}>
          Download YAML
        </a>
      }
    >
      <div className="inline" role="group" aria-label="Edit as">
        {(['form', 'yaml'] as const).map((m) => (
          <button
            key={m}
            className={mode === m ? 'small' : 'secondary small'}
            aria-pressed={mode === m}
            disabled={dirty && mode !== m}
            title={dirty && mode !== m ? 'Save or discard the changes first' : undefined}
            onClick={() => {
              setMode(m);
              save.reset();
            }}
          >
            {m === 'form' ? 'Form' : 'YAML'}
          </button>
        ))}
      </div>
      <ErrorBox error={loading.error ?? save.error} title={save.error ? 'The profile was not saved' : undefined} />
      {loading.isLoading && <Spinner />}
      <div
        onKeyDown={(e) => {
          if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
            e.preventDefault();
            submit();
          }
        }}
      >
        {mode === 'form' && json.data && (
          // read-only while saving: what is typed meanwhile would be cleared by the save
          <fieldset className="plain" disabled={save.isPending}>
            <ProfileForm profile={draft ?? json.data} problems={problems} onChange={setDraft} />
          </fieldset>
        )}
        {mode === 'yaml' && yaml.data != null && (
          <div className="field">
            <label htmlFor="profile-yaml">Profile (YAML)</label>
            <textarea
              id="profile-yaml"
              readOnly={save.isPending}
              className="code"
              spellCheck={false}
              rows={Math.min(24, Math.max(8, value.split('\n').length + 1))}
              value={value}
              onChange={(e) => setText(e.target.value)}
            />
          </div>
        )}
        {loading.data != null && (
          <>
            <div className="inline" style={{ alignItems: 'flex-end' }}>
              <div className="field" style={{ flex: '1 1 220px', margin: 0 }}>
                <label htmlFor="profile-comment">What changed (kept with the version)</label>
                <input id="profile-comment" value={comment} onChange={(e) => setComment(e.target.value)} />
              </div>
              <button disabled={!dirty || save.isPending} onClick={submit}>
                {save.isPending ? 'Saving…' : 'Save as a new version'}
              </button>
              {dirty && (
                <button className="ghost" onClick={discard}>
                  Discard changes
                </button>
              )}
            </div>
            <p className="muted">Ctrl+S saves. The server checks the profile first; a problem names its field and the fix, and nothing is saved.</p>
          </>
        )}
      </div>
    </Card>
  );
}

function Versions({ machine }: { machine: Machine }) {
  const qc = useQueryClient();
  const id = machine.machine_id;
  const versions = useQuery({ queryKey: ['machine', id, 'versions'], queryFn: () => get<VersionView[]>(`/machines/${enc(id)}/versions`) });
  const [from, setFrom] = useState<number>();
  const diff = useQuery({
    queryKey: ['machine', id, 'diff', from, machine.version],
    queryFn: () => get<Diff>(`/machines/${enc(id)}/diff?from=${from}&to=${machine.version}`),
    enabled: from != null && from !== machine.version,
  });
  const restore = useMutation({
    mutationFn: (v: number) => postJson(`/machines/${enc(id)}/versions/${v}/restore`),
    onSuccess: (_, v) => {
      useUi.getState().toast('success', `Version ${v} of ${id} restored as the newest version`);
      qc.invalidateQueries({ queryKey: ['machine', id] });
      qc.invalidateQueries({ queryKey: ['machines'] });
    },
  });
  return (
    <Card title={`Profile versions of ${id}`}>
      <ErrorBox error={versions.error ?? restore.error} />
      {versions.isLoading && <Spinner />}
      {versions.data && (
        <div className="table-wrap">
          <table>
            <TableHead columns={['Version', 'Created', 'Comment', 'Actions']} />
            <tbody>
              {versions.data.map((v) => (
                <tr key={v.version}>
                  <td>
                    v{v.version}
                    {v.version === machine.version ? ' (current)' : ''}
                  </td>
                  <td>{new Date(v.created_at).toLocaleString()}</td>
                  <td>{v.comment ?? ''}</td>
                  <td>
                    {v.version !== machine.version && (
                      <div className="card-actions">
                        <button className="secondary small" onClick={() => setFrom(v.version)}>
                          Diff with current<span className="sr-only"> for v{v.version}</span>
                        </button>
                        <button className="secondary small" disabled={restore.isPending} onClick={() => restore.mutate(v.version)}>
                          Restore<span className="sr-only"> v{v.version}</span>
                        </button>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {versions.data?.length === 1 && <p className="muted">Only one version so far: saving an edit of the profile above adds one.</p>}
      {from != null && (
        <div>
          <h3>
            Changes from v{from} to v{machine.version}
          </h3>
          <ErrorBox error={diff.error} />
          {diff.isLoading && <Spinner />}
          {diff.data && diff.data.changes.length === 0 && <p className="muted">No differences.</p>}
          <ul>
            {diff.data?.changes.map((c, i) => (
              <li key={i} className={`diff-${c.kind.toLowerCase()}`}>
                <code>{c.path}</code> {c.kind.toLowerCase()}: {c.before !== undefined && c.before !== null ? JSON.stringify(c.before) : ''}
                {c.kind.toLowerCase() === 'changed' ? ' → ' : ''}
                {c.after !== undefined && c.after !== null ? JSON.stringify(c.after) : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Card>
  );
}

export function Machines() {
  const { data, error, isLoading } = useMachines();
  const qc = useQueryClient();
  const toast = useUi((s) => s.toast);
  const [q, setQ] = useState('');
  const [cat, setCat] = useState('');
  const [state, setState] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; asc: boolean }>({ key: 'machine_id', asc: true });
  const [selected, setSelected] = useState<string>();
  const [toDelete, setToDelete] = useState<string>();
  const dialog = useRef<HTMLDialogElement>(null);
  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const filtered = (data ?? []).filter(
      (m) =>
        (!needle || [m.machine_id, m.manufacturer, m.model, m.machine_type].some((s) => s?.toLowerCase().includes(needle))) &&
        (!cat || m.machine_type === cat) &&
        (!state || stateGroup(m.status) === state),
    );
    return sortMachines(filtered, sort.key, sort.asc);
  }, [data, q, cat, state, sort]);
  // Quick actions and deletions, several rows' at once: a row's buttons are disabled while one of its own is on
  // its way (no second start), and the last failure is shown.
  const [actionError, setActionError] = useState<unknown>();
  const action = useMutation({
    mutationKey: ROW_ACTION,
    mutationFn: ({ m, op }: { m: Machine; op: 'seed' | 'train' | 'generate' }) =>
      postJson(`/machines/${enc(m.machine_id)}/${op}`, op === 'seed' ? { rows: 10000 } : {}),
    onMutate: () => setActionError(undefined),
    onError: setActionError,
    onSuccess: (_, { m, op }) => toast('info', `${op} started for ${m.machine_id}`),
  });
  const remove = useMutation({
    mutationKey: ROW_ACTION,
    mutationFn: (id: string) => del(`/machines/${enc(id)}`),
    onMutate: () => setActionError(undefined),
    onError: setActionError,
    onSuccess: (_, id) => {
      toast('success', `${id} deleted`);
      qc.setQueryData<Machine[]>(['machines'], (old) => old?.filter((m) => m.machine_id !== id));
      if (selected === id) setSelected(undefined);
    },
  });
  const busy = useMutationState({
    filters: { mutationKey: ROW_ACTION, status: 'pending' },
    select: (mu) => {
      const v = mu.state.variables as string | { m: Machine };
      return typeof v === 'string' ? v : v.m.machine_id;
    },
  });
  const act = (m: Machine, op: 'seed' | 'train' | 'generate') => action.mutate({ m, op });
  const pending = (id: string) => busy.includes(id);
  const confirmDelete = (id: string) => {
    setToDelete(id);
    dialog.current?.showModal();
  };
  const doDelete = () => {
    dialog.current?.close();
    if (toDelete) remove.mutate(toDelete);
  };
  const header = (key: SortKey, label: string) => (
    <th scope="col" aria-sort={sort.key === key ? (sort.asc ? 'ascending' : 'descending') : 'none'}>
      <button className="sort" onClick={() => setSort({ key, asc: sort.key === key ? !sort.asc : true })}>
        {label} {sort.key === key ? (sort.asc ? '▲' : '▼') : ''}
      </button>
    </th>
  );
  const sel = data?.find((m) => m.machine_id === selected);
  return (
    <>
      <h1>Machines</h1>
      <p className="lead">
        Search, filter and act on the fleet; open a machine for its seeds and models (refine a model on your data) and its profile history.
      </p>
      <Card>
        <div className="toolbar">
          <div className="field">
            <label htmlFor="m-search">Search</label>
            <input id="m-search" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="id, maker, model…" />
          </div>
          <div className="field">
            <label htmlFor="m-cat">Category</label>
            <select id="m-cat" value={cat} onChange={(e) => setCat(e.target.value)}>
              <option value="">all</option>
              {categories(data).map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="m-state">State</label>
            <select id="m-state" value={state} onChange={(e) => setState(e.target.value)}>
              <option value="">all</option>
              <option value="new">profile only</option>
              <option value="seeded">seed ready</option>
              <option value="trained">model ready</option>
              <option value="dataset">dataset ready</option>
              <option value="running">running</option>
              <option value="failed">failed</option>
            </select>
          </div>
        </div>
        <ErrorBox error={error ?? actionError} />
        {isLoading && <Spinner />}
        {data && (
          <>
            <p className="muted" aria-live="polite">
              {rows.length} of {data.length} machines
            </p>
            <div className="table-wrap">
              <table className="cards" aria-label="Machines">
                <thead>
                  <tr>
                    {header('machine_id', 'Machine')}
                    {header('machine_type', 'Category')}
                    {header('sensor_count', 'Sensors')}
                    {header('version', 'Version')}
                    {header('state', 'Workflow')}
                    {header('quality', 'Quality')}
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((m) => {
                    const s = workflowSteps(m.status);
                    return (
                      <tr key={m.machine_id}>
                        <td>
                          <button className="ghost small machine-id" onClick={() => setSelected(m.machine_id)} aria-label={`Open ${m.machine_id}`}>
                            {breakable(m.machine_id)}
                          </button>
                        </td>
                        <td data-label="Category">{m.machine_type}</td>
                        <td className="num" data-label="Sensors">
                          {m.sensor_count}
                        </td>
                        <td className="num" data-label="Version">
                          v{m.version}
                        </td>
                        <td data-label="Workflow">
                          <StepDot name="seed" state={s.seed} /> <StepDot name="model" state={s.model} /> <StepDot name="dataset" state={s.dataset} />
                        </td>
                        <td data-label="Quality">
                          <QualityBadge score={m.status?.quality_overall} grade={m.status?.grade} />
                        </td>
                        <td>
                          <div className="card-actions">
                            <button className="secondary small" disabled={m.status?.running || pending(m.machine_id)} onClick={() => act(m, 'seed')}>
                              Seed<span className="sr-only"> {m.machine_id}</span>
                            </button>
                            <button
                              className="secondary small"
                              disabled={m.status?.running || s.seed !== 'done' || pending(m.machine_id)}
                              onClick={() => act(m, 'train')}
                            >
                              Train<span className="sr-only"> {m.machine_id}</span>
                            </button>
                            <button
                              className="secondary small"
                              disabled={m.status?.running || s.model !== 'done' || pending(m.machine_id)}
                              onClick={() => act(m, 'generate')}
                            >
                              Generate<span className="sr-only"> {m.machine_id}</span>
                            </button>
                            <button className="ghost small" disabled={pending(m.machine_id)} onClick={() => confirmDelete(m.machine_id)}>
                              Delete<span className="sr-only"> {m.machine_id}</span>
                            </button>
                          </div>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </>
        )}
      </Card>
      {sel && <MachineData key={sel.machine_id} machineId={sel.machine_id} />}
      {sel && <ProfileEditor key={`${sel.machine_id}-editor`} machine={sel} />}
      {sel && <Versions machine={sel} />}
      <dialog ref={dialog} aria-labelledby="del-title">
        <h2 id="del-title">Delete {toDelete}?</h2>
        <p>The machine and its profile versions are removed. Its files stay in the artifact store.</p>
        <div className="actions">
          <button className="secondary" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button className="danger" onClick={doDelete}>
            Delete
          </button>
        </div>
      </dialog>
    </>
  );
}
