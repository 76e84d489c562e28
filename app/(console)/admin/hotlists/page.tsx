import type { Metadata } from 'next';
import { listHotlist } from '@/lib/lpr/hotlist-entries';
import { requirePageUser } from '@/lib/policy/require-page-user';
import { runtime } from '@/lib/platform/runtime';
import { PageHeader } from '../_ui/page-header';
import { HotlistManager } from './hotlist-manager';

export const metadata: Metadata = { title: 'Hotlists' };

export default async function HotlistsPage() {
  const user = await requirePageUser('/admin/hotlists');
  const { entries, total } = await listHotlist(runtime().pool, user.agencyId, { limit: 500 });
  return (
    <div className="h-full overflow-auto p-6">
      <PageHeader title="LPR hotlist">
        Plates the agency is looking for: a read of one of them (same plate, state equal or unknown, not expired) raises an alert. Upload replaces the
        whole list; one plate can be added or removed here.
      </PageHeader>
      <HotlistManager entries={entries} total={total} />
    </div>
  );
}
