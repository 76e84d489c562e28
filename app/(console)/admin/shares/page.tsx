import type { Metadata } from 'next';
import { listAgencyShares } from '@/lib/agencies/agency-shares';
import { requirePageUser } from '@/lib/policy/require-page-user';
import { runtime } from '@/lib/platform/runtime';
import { PageHeader } from '../_ui/page-header';
import { SharesManager } from './shares-manager';

export const metadata: Metadata = { title: 'Agency shares' };

export default async function SharesPage() {
  const user = await requirePageUser('/admin/shares');
  const pool = runtime().pool;
  const [shares, partners] = await Promise.all([
    listAgencyShares(pool, user.agencyId),
    pool.query<{ id: string; name: string }>('SELECT id, name FROM agency WHERE id <> $1 ORDER BY name', [user.agencyId]).then((r) => r.rows),
  ]);
  return (
    <div className="h-full overflow-auto p-6">
      <PageHeader title="Agency shares">
        What {user.agencyName} lets the other agencies of this centre see (map layers, camera list, live video, recordings), and for how long; and what
        they share with it. Revoking cuts the partner&apos;s open connections at once.
      </PageHeader>
      <SharesManager shares={shares} partners={partners} ownAgencyId={user.agencyId} />
    </div>
  );
}
