import type { FieldIssue } from '@/lib/platform/errors/app-error';

/** The API's message and every field it names, next to the form that was sent. */
export function FormError({ error, issues = [], id }: { error: string | null; issues?: FieldIssue[]; id?: string }) {
  if (!error) return null;
  return (
    <div id={id} role="alert" className="rounded-md border border-danger/60 bg-danger/10 px-3 py-2 text-sm text-red-100">
      <p>{error}</p>
      {issues.length > 1 && (
        <ul className="mt-1 list-disc pl-5 font-mono text-xs" data-testid="form-issues">
          {issues.map((i, n) => (
            <li key={n}>
              {i.path ? <span className="text-red-200">{i.path}</span> : null}
              {i.path ? ': ' : ''}
              {i.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** One field's problems, shown under the input. */
export function FieldError({ issues }: { issues: FieldIssue[] }) {
  if (!issues.length) return null;
  return <span className="text-xs text-red-300">{issues.map((i) => i.message).join('; ')}</span>;
}
