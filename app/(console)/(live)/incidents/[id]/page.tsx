import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { IncidentWorkspace } from '@/components/incident/incident-workspace';
import { auditIncidentRead } from '@/lib/audit/record';
import { AppError } from '@/lib/platform/errors/app-error';
import { clientIp } from '@/lib/platform/http/request-meta';
import { getIncident } from '@/lib/incidents/get-incident';
import { ACTION_ROLES } from '@/lib/policy/actions';
import { requirePageUser } from '@/lib/policy/require-page-user';
import { runtime } from '@/lib/platform/runtime';

export const metadata: Metadata = { title: 'Incident' };

export default async function IncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser('/incidents/[id]');
  const { id } = await params;
  const { pool } = runtime();
  let detail;
  try {
    detail = await getIncident(pool, user.agencyId, id);
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') notFound();
    throw err;
  }
  await auditIncidentRead(pool, { user, ip: clientIp(await headers()), incidentId: detail.incident.id });
  const can = (roles: readonly string[]) => roles.includes(user.role);
  return (
    <IncidentWorkspace
      initial={detail}
      canUpdate={can(ACTION_ROLES['incident.update'])}
      canControlWall={can(ACTION_ROLES['wall.control'])}
      teamwork={{
        selfId: user.id,
        canUpdate: can(ACTION_ROLES['incident.update']),
        canBrief: can(ACTION_ROLES['brief.manage']),
        canReport: can(ACTION_ROLES['incident.report']),
      }}
    />
  );
}
