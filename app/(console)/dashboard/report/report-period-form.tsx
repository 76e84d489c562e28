/** The period picker of the shift report: a plain GET form (no script), hidden when printing. */
export function ReportPeriodForm() {
  const field = 'min-h-11 rounded border border-slate-400 bg-white px-2 text-slate-900';
  return (
    <form method="get" className="mb-4 flex flex-wrap items-end gap-2 print:hidden" aria-label="Report period">
      <label className="flex flex-col text-xs">From (UTC, e.g. 2026-12-03T07:00:00Z)<input name="from" className={field} placeholder="2026-12-03T07:00:00Z" /></label>
      <label className="flex flex-col text-xs">To<input name="to" className={field} placeholder="now" /></label>
      <label className="flex flex-col text-xs">or last hours<input name="hours" type="number" min={1} max={744} className={`${field} w-24`} /></label>
      <button type="submit" className="min-h-11 rounded bg-slate-900 px-4 font-semibold text-white">Show</button>
      <span className="text-xs text-slate-600">Print (or save as PDF) from the browser: the page prints without the console around it.</span>
    </form>
  );
}
