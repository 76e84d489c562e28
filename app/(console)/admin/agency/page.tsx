import type { Metadata } from 'next';
import { listDistricts } from '@/lib/agencies/agency-geography';
import { selectAgencies } from '@/lib/agencies/agency-rows';
import { getAgencyBasemap } from '@/lib/maps/agency-basemap';
import { requirePageUser } from '@/lib/policy/require-page-user';
import { runtime } from '@/lib/platform/runtime';
import { PageHeader } from '../_ui/page-header';
import { AgencySettings } from './agency-settings';
import { BasemapPanel } from './basemap-panel';

export const metadata: Metadata = { title: 'Agency' };

export default async function AgencyPage() {
  const user = await requirePageUser('/admin/agency');
  const pool = runtime().pool;
  const [[agency], districts, basemap] = await Promise.all([selectAgencies(pool, user.agencyId), listDistricts(pool, user.agencyId), getAgencyBasemap(pool, user.agencyId)]);
  return (
    <div className="h-full overflow-auto p-6">
      <PageHeader title={`Agency: ${agency!.name}`}>
        Its time zone (local times of its sources), the view every user&apos;s map opens on, its jurisdiction (events outside its extent, or near
        0°, 0°, are stored but kept out of live views), its districts or beats, its street map and the credit the map gives its data.
      </PageHeader>
      <div className="flex flex-col gap-5">
        <AgencySettings agency={agency!} districts={districts} />
        <BasemapPanel basemap={basemap} maxBytes={runtime().env.BASEMAP_MAX_BYTES} />
      </div>
    </div>
  );
}
