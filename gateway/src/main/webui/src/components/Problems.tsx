// Validation problems with their suggested fixes; a fix that names a value is applied with one click.
import { ApiError, errorText, type ProblemDetail } from '../api';
import { concreteFix, fieldLabel } from '../logic/validation';

export function ProblemItem({ p, onApply, showField = true }: { p: ProblemDetail; onApply?: (field: string, value: unknown) => void; showField?: boolean }) {
  const fix = concreteFix(p.fix, p.field);
  const canApply = onApply && p.field && p.field !== '(file)';
  return (
    <div className="problem" data-field={p.field}>
      {showField && <span className="where">{fieldLabel(p.field)}: </span>}
      <span>{p.message}</span>
      {p.fix && (
        <div className="fixline">
          <span>Fix: {p.fix}</span>
          {canApply && fix?.kind === 'value' && (
            <button type="button" className="secondary small" onClick={() => onApply(p.field, fix.value)}>
              Apply “{String(fix.value)}”<span className="sr-only"> to {fieldLabel(p.field)}</span>
            </button>
          )}
          {canApply &&
            fix?.kind === 'choices' &&
            fix.values.slice(0, 6).map((v) => (
              <button type="button" key={v} className="secondary small" onClick={() => onApply(p.field, v)}>
                Use {v}
                <span className="sr-only"> for {fieldLabel(p.field)}</span>
              </button>
            ))}
        </div>
      )}
    </div>
  );
}

export function ProblemList({ problems, onApply }: { problems: ProblemDetail[]; onApply?: (field: string, value: unknown) => void }) {
  if (!problems.length) return null;
  return (
    <div role="alert" aria-label="Problems in the profile">
      <p>
        <strong>
          {problems.length} problem{problems.length === 1 ? '' : 's'} in the profile
        </strong>{' '}
        — each with its suggested fix:
      </p>
      {problems.map((p, i) => (
        <ProblemItem key={p.field + i} p={p} onApply={onApply} />
      ))}
    </div>
  );
}

/**
 * An API error as a box: what failed, the API's message and code, and each of its details: the
 * field (a column, an option), what is wrong (with the row, where the API names one) and the fix.
 */
export function ApiProblems({ error, title }: { error: unknown; title: string }) {
  if (!error) return null;
  const details: ProblemDetail[] = error instanceof ApiError ? error.details : [];
  return (
    <div className="error-box" role="alert">
      <strong>{title}:</strong> {errorText(error)}
      {details.map((p, i) => (
        <div key={p.field + i} className="problem" data-field={p.field}>
          {p.field && (
            <span className="where">
              <code>{p.field}</code>:{' '}
            </span>
          )}
          <span>{p.message}</span>
          {p.fix && (
            <div className="fixline">
              <span>Fix: {p.fix}</span>
            </div>
          )}
        </div>
      ))}
    </div>
  );
}
