import type { Metadata } from 'next';
import { listDistricts } from '@/lib/agencies/agency-geography';
import { selectAgencies } from '@/lib/agencies/agency-rows';
import { requirePageUser } from '@/lib/policy/require-page-user';
import { runtime } from '@/lib/platform/runtime';
import { PageHeader } from '../_ui/page-header';
import { AgencySettings } from './agency-settings';

export const metadata: Metadata = { title: 'Agency' };

export default async function AgencyPage() {
  const user = await requirePageUser('/admin/agency');
  const pool = runtime().pool;
  const [[agency], districts] = await Promise.all([selectAgencies(pool, user.agencyId), listDistricts(pool, user.agencyId)]);
  return (
    <div className="h-full overflow-auto p-6">
      <PageHeader title={`Agency: ${agency!.name}`}>
        Its time zone (local times of its sources), the view every user&apos;s map opens on, its jurisdiction (events outside its extent, or near
        0°, 0°, are stored but kept out of live views) and its districts or beats.
      </PageHeader>
      <AgencySettings agency={agency!} districts={districts} />
    </div>
  );
}
