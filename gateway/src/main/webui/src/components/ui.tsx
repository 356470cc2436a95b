// Small shared pieces: cards, progress bars, error boxes, badges.
import type { ReactNode } from 'react';
import { errorText, type ApiError } from '../api';
import { verdictBand, type StepState } from '../logic/charts';
import { percent } from '../logic/progress';

export function Card({ title, children, actions, className }: { title?: ReactNode; children: ReactNode; actions?: ReactNode; className?: string }) {
  return (
    <section className={'card ' + (className ?? '')}>
      {(title || actions) && (
        <div className="card-head">
          {title && <h2>{title}</h2>}
          {actions && <div className="card-actions">{actions}</div>}
        </div>
      )}
      {children}
    </section>
  );
}

export function Progress({ value, label }: { value: number | undefined; label: string }) {
  const p = percent(value);
  return (
    <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={p}>
      <div className="progress-fill" style={{ width: `${p}%` }} />
    </div>
  );
}

export function Spinner({ label = 'Loading' }: { label?: string }) {
  return (
    <span className="spinner-wrap" role="status">
      <span className="spinner" aria-hidden="true" />
      <span>{label}…</span>
    </span>
  );
}

export function ErrorBox({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const details = (error as ApiError).details ?? [];
  return (
    <div className="error-box" role="alert">
      <strong>{title ?? 'Error'}:</strong> {errorText(error)}
      {details.length > 0 && (
        <ul>
          {details.map((d, i) => (
            <li key={i}>
              <code>{d.field}</code> {d.message}
              {d.fix && <span className="fix"> — fix: {d.fix}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function QualityBadge({ score, grade }: { score?: number | null; grade?: string }) {
  // the verdict: a dataset whose checks fail (utility, temporal, ...) is failed whatever its score
  const b = verdictBand(score, grade);
  return (
    <span
      className={`badge tone-${b.tone}`}
      title="Verdict: failed below 0.75 or when a check fails (utility, temporal, lifetimes, trend, discriminative); else acceptable < 0.85 ≤ good < 0.90 ≤ excellent"
    >
      {typeof score === 'number' && Number.isFinite(score) ? `${score.toFixed(3)} ${grade ?? b.label}` : 'no dataset'}
    </span>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const tone = status === 'succeeded' ? 'excellent' : status === 'failed' || status === 'refused' ? 'poor' : status === 'cancelled' ? 'acceptable' : 'info';
  return <span className={`badge tone-${tone}`}>{status}</span>;
}

const STEP_LABEL: Record<StepState, string> = { done: 'done', running: 'running', failed: 'failed', none: 'not started' };

export function StepDot({ name, state }: { name: string; state: StepState }) {
  return (
    <span className={`step-dot step-${state}`} title={`${name}: ${STEP_LABEL[state]}`}>
      <span className="dot" aria-hidden="true" />
      <span>{name}</span>
      <span className="sr-only">: {STEP_LABEL[state]}</span>
    </span>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/** A table's header row: one column header per name. */
export function TableHead({ columns }: { columns: string[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c) => (
          <th key={c} scope="col">
            {c}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/**
 * The numbered steps of a flow (the wizard, bringing data in): done steps ticked, the current one
 * marked for assistive technology, steps not yet reachable disabled.
 */
export function Steps({
  names,
  step,
  label,
  reachable,
  onStep,
}: {
  names: readonly string[];
  step: number;
  label: string;
  reachable: (i: number) => boolean;
  onStep: (i: number) => void;
}) {
  return (
    <ol className="stepper" aria-label={label}>
      {names.map((name, i) => (
        <li key={name} className={i < step ? 'done' : ''}>
          <button aria-current={i === step ? 'step' : undefined} disabled={!reachable(i)} onClick={() => onStep(i)}>
            <span className="n" aria-hidden="true">
              {i < step ? '✓' : i + 1}
            </span>
            <span className="sr-only">Step {i + 1}: </span>
            {name}
          </button>
        </li>
      ))}
    </ol>
  );
}
