import type { Metadata } from 'next';
import { getDashboard } from '@/lib/dashboard/get-dashboard';
import { callsChartSvg, openChartSvg } from '@/lib/dashboard/report-charts';
import { ZPeriodQuery, type ResponseRow } from '@/lib/domain/dashboard';
import { AppError } from '@/lib/platform/errors/app-error';
import { runtime } from '@/lib/platform/runtime';
import { requirePageUser } from '@/lib/policy/require-page-user';
import { ReportPeriodForm } from './report-period-form';

export const metadata: Metadata = { title: 'Shift report' };

const fmt = (s: number | null) => (s === null ? '—' : s < 120 ? `${s} s` : `${(s / 60).toFixed(1)} min`);
const utc = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;
const TD = 'border-b border-slate-300 px-2 py-1';
const Times = ({ r }: { r: ResponseRow }) => (
  <>
    <td className={TD}>{r.calls}</td><td className={TD}>{fmt(r.dispatchP50)}</td><td className={TD}>{fmt(r.dispatchP90)}</td><td className={TD}>{fmt(r.onSceneP50)}</td><td className={TD}>{fmt(r.onSceneP90)}</td>
  </>
);
const TimesHead = ({ first }: { first: string }) => (
  <thead><tr className="text-left text-xs uppercase">{[first, 'Calls', 'Dispatch p50', 'p90', 'On scene p50', 'p90'].map((h) => <th key={h} className={TD}>{h}</th>)}</tr></thead>
);

/**
 * The shift report: the dashboard's figures for a chosen period as a document (light, print stylesheet, charts as
 * server-drawn SVG). Print it or save it as PDF from the browser.
 */
export default async function ShiftReportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser('/dashboard/report');
  const sp = await searchParams;
  const raw = Object.fromEntries(Object.entries(sp).filter(([k, v]) => ['hours', 'from', 'to'].includes(k) && typeof v === 'string' && v !== ''));
  const parsed = ZPeriodQuery.safeParse(raw);
  let data;
  let problem = parsed.success ? '' : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  if (parsed.success) {
    try {
      data = await getDashboard(runtime().pool, user.agencyId, parsed.data);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      problem = err.message;
    }
  }
  return (
    <div className="h-full overflow-y-auto bg-white text-slate-900 print:h-auto print:overflow-visible" data-testid="shift-report">
      <div className="mx-auto max-w-4xl p-6 print:max-w-none print:p-0">
        <ReportPeriodForm />
        {problem && <p role="alert" className="my-4 text-red-700">{problem}</p>}
        {data && (
          <article className="flex flex-col gap-4 text-sm">
            <header>
              <h1 className="text-2xl font-bold">Shift report · {user.agencyName}</h1>
              <p>{utc(data.from)} → {utc(data.to)} · prepared {utc(data.generatedAt)} for {user.displayName}</p>
            </header>
            <section className="break-inside-avoid">
              <h2 className="border-b-2 border-slate-900 font-bold uppercase">Open situations now: {data.open.total}</h2>
              <p>{data.open.byPriority.map((n, i) => `P${i + 1}: ${n}`).join(' · ')}</p>
              <div dangerouslySetInnerHTML={{ __html: openChartSvg(data.open) }} />
            </section>
            <section className="break-inside-avoid">
              <h2 className="border-b-2 border-slate-900 font-bold uppercase">Calls: {data.calls.total} (same hours last week: {data.calls.lastWeekTotal})</h2>
              <div dangerouslySetInnerHTML={{ __html: callsChartSvg(data.calls) }} />
            </section>
            <section className="break-inside-avoid">
              <h2 className="border-b-2 border-slate-900 font-bold uppercase">Response times (CAD)</h2>
              <table className="w-full"><TimesHead first="Priority" /><tbody>
                <tr className="font-semibold"><td className={TD}>All</td><Times r={data.response.overall} /></tr>
                {data.response.byPriority.map((r) => <tr key={r.priority}><td className={TD}>P{r.priority}</td><Times r={r} /></tr>)}
              </tbody></table>
              <table className="mt-2 w-full"><TimesHead first="District" /><tbody>
                {data.response.byDistrict.map((r) => <tr key={r.district}><td className={TD}>{r.district}</td><Times r={r} /></tr>)}
              </tbody></table>
            </section>
            <section className="break-inside-avoid">
              <h2 className="border-b-2 border-slate-900 font-bold uppercase">Units, cameras, sources</h2>
              <p>Units: {data.units.available} available · {data.units.committed} committed · {data.units.outOfService} out of service</p>
              <p>Cameras: {data.cameras.onlinePct ?? '—'} % online ({data.cameras.online} of {data.cameras.total}; {data.cameras.offline} offline, {data.cameras.unknown} never reported)</p>
              <table className="mt-2 w-full"><thead><tr className="text-left text-xs uppercase">{['Source', 'Last event', 'Events last hour', 'Lag p50', 'Refused requests'].map((h) => <th key={h} className={TD}>{h}</th>)}</tr></thead><tbody>
                {data.sources.map((s) => (
                  <tr key={s.id}><td className={TD}>{s.name} ({s.kind})</td><td className={TD}>{s.lastEventAt ? utc(s.lastEventAt) : 'none in 24 h'}</td><td className={TD}>{s.eventsLastHour}</td><td className={TD}>{s.lagP50Ms ?? '—'} ms</td><td className={TD}>{s.rejected} of {s.accepted + s.rejected}</td></tr>
                ))}
              </tbody></table>
            </section>
          </article>
        )}
      </div>
    </div>
  );
}
