import type { Metadata } from 'next';
import { EVENT_KINDS } from '@/lib/domain/event';
import { listSources } from '@/lib/sources/list-sources';
import { requirePageUser } from '@/lib/policy/require-page-user';
import { runtime } from '@/lib/platform/runtime';
import { PageHeader } from '../_ui/page-header';
import { SourcesManager } from './sources-manager';

export const metadata: Metadata = { title: 'Sources & API keys' };

export default async function SourcesPage() {
  const user = await requirePageUser('/admin/sources');
  const rt = runtime();
  const sources = await listSources(rt.pool, user.agencyId);
  return (
    <div className="h-full overflow-auto p-6">
      <PageHeader title="Sources & API keys">
        Systems that send data in (CAD, gunshot sensors, LPR, AVL…). Each authenticates with its own API key: the key is
        shown once when created or rotated, only its first characters afterwards. A disabled source is refused (401).
      </PageHeader>
      <SourcesManager
        sources={sources}
        kinds={[...EVENT_KINDS]}
        rateLimit={{ perSec: rt.env.INGEST_RATE_PER_SEC, burst: rt.env.INGEST_BURST }}
      />
    </div>
  );
}
