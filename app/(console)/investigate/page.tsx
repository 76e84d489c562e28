import { requirePageUser } from '@/lib/policy/require-page-user';
import { InvestigateSearch } from './investigate-search';

export const dynamic = 'force-dynamic';

/** Search the past (time window, area, kinds, text), export it, and open a case from the hits. */
export default async function InvestigatePage() {
  await requirePageUser('/investigate');
  return (
    <div className="h-full overflow-auto p-6">
      <h1 className="text-xl font-semibold">Investigate</h1>
      <InvestigateSearch />
    </div>
  );
}
