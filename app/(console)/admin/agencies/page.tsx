import type { Metadata } from 'next';
import { selectAgencies } from '@/lib/agencies/agency-rows';
import { requirePageUser } from '@/lib/policy/require-page-user';
import { runtime } from '@/lib/platform/runtime';
import { PageHeader } from '../_ui/page-header';
import { AgenciesManager } from './agencies-manager';

export const metadata: Metadata = { title: 'Agencies' };

export default async function AgenciesPage() {
  await requirePageUser('/admin/agencies');
  const agencies = await selectAgencies(runtime().pool);
  return (
    <div className="h-full overflow-auto p-6">
      <PageHeader title="Agencies">
        Every agency this deployment hosts (a regional centre holds several). Each has its own users, sources, time zone, jurisdiction and the view its
        map opens on; agencies see each other&apos;s data only through shares they make.
      </PageHeader>
      <AgenciesManager agencies={agencies} />
    </div>
  );
}
