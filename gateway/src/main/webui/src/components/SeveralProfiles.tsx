// Several profile files at once: each is checked by the API (nothing is created yet), then the valid
// ones become machines with one click, optionally each going on to a dataset by itself.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorText, postJson, type Machine, type Profile, type Validation } from '../api';
import { checkProfile, NotAProfile } from '../logic/profiles';
import { askForNotifications } from '../live';
import { useUi } from '../store';
import { ErrorBox, Spinner, TableHead } from './ui';

interface Checked {
  /** the file's place in the list (two files may share a name) */
  index: number;
  name: string;
  /** why it was not sent (not a profile file) */
  refused?: string;
  validation?: Validation;
  error?: unknown;
}

async function checkOne(file: File, index: number): Promise<Checked> {
  try {
    return { index, name: file.name, validation: await checkProfile(file) };
  } catch (e) {
    return e instanceof NotAProfile ? { index, name: file.name, refused: e.message } : { index, name: file.name, error: e };
  }
}

const creatable = (c: Checked): c is Checked & { validation: Validation & { profile: Profile } } => !!c.validation?.valid && !!c.validation.profile;

function verdict(c: Checked, created?: Record<number, string | Error>) {
  const made = created?.[c.index];
  if (made instanceof Error) return <span role="alert">not created: {made.message}</span>;
  if (made) return <span className="badge tone-excellent">created {made}</span>;
  if (c.refused) return <span>{c.refused}</span>;
  if (c.error) return <span role="alert">could not be checked: {errorText(c.error)}</span>;
  const v = c.validation!;
  if (v.valid) return <span className="badge tone-excellent">valid</span>;
  const [first] = v.problems;
  return (
    <span>
      {v.problems.length} problem{v.problems.length === 1 ? '' : 's'}
      {first && (
        <>
          : <code>{first.field}</code> {first.message}
        </>
      )}
    </span>
  );
}

export function SeveralProfiles({ files, onClose }: { files: File[]; onClose: () => void }) {
  const qc = useQueryClient();
  const [auto, setAuto] = useState(false);
  const checked = useQuery({
    queryKey: ['several-profiles', files.map((f) => `${f.name}:${f.size}:${f.lastModified}`)],
    queryFn: () => Promise.all(files.map((f, i) => checkOne(f, i))),
    staleTime: Infinity,
    gcTime: 0,
  });
  const valid = (checked.data ?? []).filter(creatable);
  const create = useMutation({
    mutationFn: async () => {
      const out: Record<number, string | Error> = {};
      for (const c of valid) {
        try {
          out[c.index] = (await postJson<Machine>(`/machines${auto ? '?pipeline=auto' : ''}`, c.validation.profile)).machine_id;
        } catch (e) {
          out[c.index] = new Error(errorText(e));
        }
      }
      return out;
    },
    onMutate: () => auto && askForNotifications(),
    onSuccess: (out) => {
      qc.invalidateQueries({ queryKey: ['machines'] });
      const made = Object.values(out).filter((v) => typeof v === 'string').length;
      useUi.getState().toast(made > 0 ? 'success' : 'error', `${made} of ${valid.length} machines created`);
    },
  });
  return (
    <section aria-labelledby="several-title">
      <h3 id="several-title">{files.length} profiles, checked before anything is created</h3>
      {checked.isLoading && <Spinner label="Checking the profiles" />}
      <ErrorBox error={checked.error} title="Could not check the profiles" />
      {checked.data && (
        <div className="table-wrap">
          <table className="table cards" aria-label="Profiles to create">
            <TableHead columns={['File', 'Machine', 'Check']} />
            <tbody>
              {checked.data.map((c) => (
                <tr key={c.index}>
                  <td>{c.name}</td>
                  <td data-label="Machine">{c.validation?.profile?.machine_id ?? '—'}</td>
                  <td className="wrap" data-label="Check">
                    {verdict(c, create.data)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <label className="check" style={{ marginTop: 12 }}>
        <input type="checkbox" checked={auto} onChange={(e) => setAuto(e.target.checked)} /> then seed, train and generate a dataset for each by itself
      </label>
      <div className="actions">
        <button className="secondary" disabled={create.isPending} onClick={onClose}>
          Choose other files
        </button>
        <button data-primary="" disabled={valid.length === 0 || create.isPending || !!create.data} onClick={() => create.mutate()}>
          {create.isPending ? 'Creating…' : `Create ${valid.length} machine${valid.length === 1 ? '' : 's'}`}
        </button>
      </div>
    </section>
  );
}
