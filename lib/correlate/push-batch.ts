import type { IncidentDto } from '@/lib/domain/incident';
import { ROLES } from '@/lib/domain/roles';
import { liveRoom } from '@/lib/realtime/gateway';
import type { Runtime } from '@/lib/platform/runtime';

type CorrelatorRuntime = Pick<Runtime, 'io'>;
import type { BatchOutput } from './engine';
import { incidentStateToDto } from './incident-dto';

const AGENCY_ROLES = ROLES.filter((r) => r !== 'partner_viewer');

export const roleRoom = (agencyId: string, role: string) => `agency:${agencyId}:role:${role}`;

/** Emit committed incident changes to each agency's live room (no-op until start-server sets runtime.io). */
export function pushIncidents(rt: CorrelatorRuntime, byAgency: Map<string, IncidentDto[]>): void {
  const io = rt.io;
  if (!io) return;
  for (const [agencyId, incidents] of byAgency) if (incidents.length) io.to(liveRoom(agencyId)).emit('incidents', { incidents });
}

/** After COMMIT only: incidents, rule notices and wall presets of one batch. */
export function pushBatch(rt: CorrelatorRuntime, out: BatchOutput): void {
  const io = rt.io;
  if (!io) return;
  const at = new Date();
  const byAgency = new Map<string, IncidentDto[]>();
  for (const inc of out.incidents) {
    const list = byAgency.get(inc.agencyId) ?? [];
    list.push(incidentStateToDto(inc, at));
    byAgency.set(inc.agencyId, list);
  }
  pushIncidents(rt, byAgency);
  // Wall-preset pushes are applied (stored, audited, sent to the agency's walls) by lib/wall/apply-rule-presets.ts.
  for (const p of out.pushes) {
    if (p.type !== 'notice') continue;
    // Agency-wide: the agency's own role rooms, not its live room, which partner agencies' viewers share.
    const rooms = p.role ? [roleRoom(p.agencyId, p.role)] : AGENCY_ROLES.map((r) => roleRoom(p.agencyId, r));
    io.to(rooms).emit('ruleNotice', { ruleId: p.ruleId, ruleName: p.ruleName, message: p.message, reason: p.reason, role: p.role, incidentId: p.incidentId, seq: p.seq.toString() });
  }
}
