import type { Metadata } from 'next';
import { requirePageUser } from '@/lib/policy/require-page-user';
import { agencyPlace } from '@/lib/agencies/agency-extent';
import { listRules } from '@/lib/rules/list-rules';
import { runtime } from '@/lib/platform/runtime';
import { PageHeader } from '../_ui/page-header';
import { RulesManager } from './rules-manager';

export const metadata: Metadata = { title: 'Rules' };

export default async function RulesPage() {
  const user = await requirePageUser('/admin/rules');
  const [rules, place] = await Promise.all([listRules(runtime().pool, user.agencyId), agencyPlace(runtime().pool, user.agencyId)]);
  return (
    <div className="h-full overflow-auto p-6">
      <PageHeader title="Rules">
        Correlation rules: when an event matches the premise (kind, conditions, geofence, time of day), the actions run —
        raise the incident&apos;s priority, open an alert, attach cameras, notify, switch the wall. The correlator reloads
        rules as soon as they are saved. Preview a rule to see what it would have matched among the latest events.
      </PageHeader>
      <RulesManager rules={rules} zone={place.timeZone} />
    </div>
  );
}
