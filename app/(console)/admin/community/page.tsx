import type { Metadata } from 'next';
import { listCommunityCameras, listFootageRequests, listOpenCases } from '@/lib/evidence/community/list-community';
import { requirePageUser } from '@/lib/policy/require-page-user';
import { runtime } from '@/lib/platform/runtime';
import { PageHeader } from '../_ui/page-header';
import { CommunityCameras } from './community-cameras';
import { FootageRequests } from './footage-requests';

export const metadata: Metadata = { title: 'Community cameras' };

export default async function CommunityPage() {
  const user = await requirePageUser('/admin/community');
  const pool = runtime().pool;
  const [cameras, requests, cases] = await Promise.all([listCommunityCameras(pool, user.agencyId), listFootageRequests(pool, user.agencyId), listOpenCases(pool, user.agencyId)]);
  return (
    <div className="h-full overflow-auto p-6">
      <PageHeader title="Community cameras">
        Cameras residents and businesses registered at <code>/community/register</code>: approve one and it shows on the map like any other camera
        (with the owner&apos;s consent: location only, footage on request, or live on alarm). Ask an owner for footage for a case: they answer and upload
        through the link you send them, and the file joins the case with its chain of custody.
      </PageHeader>
      <div className="flex flex-col gap-6">
        <CommunityCameras cameras={cameras} />
        <FootageRequests requests={requests} cameras={cameras.filter((c) => c.status === 'approved' && c.consent !== 'location_only')} cases={cases} />
      </div>
    </div>
  );
}
