'use client';

import { useJoinIncident } from '@/components/presence/use-presence';
import type { IncidentDetailDto } from '@/lib/domain/incident';
import { BriefPanel } from './brief-panel';
import { HandoffButton } from './handoff-dialog';
import { NotesThread } from './notes-thread';
import { OwnerControl } from './owner-control';
import { PresenceLine } from './presence-line';
import { BTN } from './team-api';

export interface TeamworkRights {
  selfId: string;
  canUpdate: boolean;
  canBrief: boolean;
  canReport: boolean;
}

/**
 * The teamwork side of an incident: who is viewing it and who owns it (live), the owner, the notes thread, the
 * shift hand-off, responder briefs and the report. Mounting it makes this tab a viewer of the incident.
 */
export function IncidentTeamwork({ detail, rights }: { detail: IncidentDetailDto; rights: TeamworkRights }) {
  const { incident } = detail;
  useJoinIncident(incident.id);
  const closed = incident.status === 'closed' || incident.status === 'merged';
  const units = [...new Set([...detail.units.map((u) => u.callSign), ...detail.nearestUnits.map((u) => u.callSign)])];
  return (
    <div className="flex flex-col gap-3" data-testid="incident-teamwork">
      <section aria-label="Presence and owner" className="flex flex-col gap-2 rounded border border-line bg-panel p-3">
        <PresenceLine incidentId={incident.id} selfId={rights.selfId} />
        {rights.canUpdate && <OwnerControl incidentId={incident.id} selfId={rights.selfId} disabled={closed} />}
        {rights.canUpdate && <HandoffButton selfId={rights.selfId} />}
      </section>
      <NotesThread incidentId={incident.id} canWrite={rights.canUpdate} />
      {rights.canBrief && <BriefPanel incidentId={incident.id} units={units} disabled={closed} />}
      {rights.canReport && (
        <section aria-label="Report" className="flex flex-wrap gap-2">
          <a className={BTN} href={`/api/incidents/${incident.id}/report`} target="_blank" rel="noopener">Open report</a>
          <a className={BTN} href={`/api/incidents/${incident.id}/report?download=1`} download data-testid="download-report">Download report</a>
        </section>
      )}
    </div>
  );
}
