import type { IncidentDto } from '@/lib/domain/incident';
import { liveRoom } from '@/lib/realtime/gateway';
import type { Runtime } from '@/lib/server/runtime';

type CorrelatorRuntime = Pick<Runtime, 'io'>;
import type { BatchOutput } from './engine';
import { incidentStateToDto } from './incident-dto';

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
  for (const p of out.pushes) {
    if (p.type === 'notice') {
      const room = p.role ? roleRoom(p.agencyId, p.role) : liveRoom(p.agencyId);
      io.to(room).emit('ruleNotice', { ruleId: p.ruleId, ruleName: p.ruleName, message: p.message, role: p.role, incidentId: p.incidentId, seq: p.seq.toString() });
    } else {
      io.to(liveRoom(p.agencyId)).emit('wallPreset', { ruleId: p.ruleId, preset: p.preset, incidentId: p.incidentId, seq: p.seq.toString() });
    }
  }
}
