import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { listSources } from '@/lib/sources/list-sources';
import { getSourceMapping } from '@/lib/sources/source-mapping-store';
import { listImportJobs } from '@/lib/sources/import-jobs';
import { requirePageUser } from '@/lib/policy/require-page-user';
import { runtime } from '@/lib/platform/runtime';
import { PageHeader } from '../../_ui/page-header';
import { MappingEditor } from './mapping-editor';
import { SourceSettings } from './source-settings';

export const metadata: Metadata = { title: 'Source' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function SourcePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser('/admin/sources/[id]');
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const pool = runtime().pool;
  const [source] = await listSources(pool, user.agencyId, id);
  if (!source) notFound();
  const [mapping, jobs] = await Promise.all([getSourceMapping(pool, user.agencyId, id), listImportJobs(pool, user.agencyId, id)]);
  const env = runtime().env;
  const mqtt = { port: env.MQTT_PORT, external: !!env.MQTT_URL };
  return (
    <div className="h-full overflow-auto p-6">
      <p className="mb-2 text-sm">
        <a href="/admin/sources" className="text-accent hover:underline">
          ← Sources
        </a>
      </p>
      <PageHeader title={`${source.name} (${source.kind})`}>
        Onboard this source without code: a saved mapping turns its CSV, NDJSON or JSON records into events (or cameras). The same
        mapping serves file uploads here, <code>POST /api/ingest/import</code> with the source&apos;s key, and{' '}
        <code>npm run replay -- --source &quot;{source.name}&quot; &lt;file&gt;</code>.
      </PageHeader>
      <div className="flex flex-col gap-5">
        <SourceSettings source={source} agencyTimeZone={mapping.timeZone} mqtt={mqtt} />
        <MappingEditor sourceId={id} kind={source.kind} saved={mapping.spec} timeZone={mapping.timeZone} jobs={jobs} />
      </div>
    </div>
  );
}
