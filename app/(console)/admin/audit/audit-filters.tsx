import { Button } from '@/components/ui/button';

const FIELD = 'rounded-md border border-line bg-panel-raised px-2 py-1 text-sm';

/** A plain GET form: filtering works without client JavaScript and the URL is shareable between admins. */
export function AuditFilters({ values }: { values: Record<string, string | undefined> }) {
  return (
    <form method="get" className="mt-4 flex flex-wrap items-end gap-3 text-sm">
      <label className="flex flex-col gap-1">
        Action (prefix)
        <input name="action" defaultValue={values.action ?? ''} placeholder="auth." className={FIELD} />
      </label>
      <label className="flex flex-col gap-1">
        Actor
        <input name="actor" defaultValue={values.actor ?? ''} placeholder="username" className={FIELD} />
      </label>
      <label className="flex flex-col gap-1">
        Outcome
        <select name="outcome" defaultValue={values.outcome ?? ''} className={FIELD}>
          <option value="">any</option>
          <option value="allow">allow</option>
          <option value="deny">deny</option>
          <option value="error">error</option>
        </select>
      </label>
      <label className="flex flex-col gap-1">
        From (ISO time)
        <input name="from" defaultValue={values.from ?? ''} placeholder="2026-11-01T00:00:00Z" className={FIELD} />
      </label>
      <label className="flex flex-col gap-1">
        To (ISO time)
        <input name="to" defaultValue={values.to ?? ''} className={FIELD} />
      </label>
      <Button type="submit">Filter</Button>
    </form>
  );
}
