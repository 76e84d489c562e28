import { audit, type AuditActor, type AuditOutcome, type AuditTarget } from './audit';

/**
 * Helpers for the other domains, so every sensitive read and every change is recorded the same way.
 * Each awaits the write: a read whose audit row cannot be stored must fail rather than go unrecorded.
 */

export type SensitiveRead = 'incident.read' | 'video.view' | 'search.run' | 'export.create' | 'share.access';

interface Common {
  user: AuditActor | null;
  ip?: string | null;
  outcome?: AuditOutcome;
  details?: Record<string, unknown>;
  /** For share access by an outside party without a user account (attorney links). */
  actorLabel?: string;
  agencyId?: string | null;
}

export function auditIncidentRead(t: AuditTarget, o: Common & { incidentId: string }) {
  return write(t, 'incident.read', 'incident', o.incidentId, o);
}

export function auditVideoView(t: AuditTarget, o: Common & { cameraId: string; mode: 'live' | 'recorded' }) {
  return write(t, 'video.view', 'camera', o.cameraId, { ...o, details: { mode: o.mode, ...o.details } });
}

/** `purpose` is mandatory: a search without a stated purpose must not run (see lib/policy/search-purpose.ts). */
export function auditSearch(t: AuditTarget, o: Common & { purpose: string; kind: string }) {
  return write(t, 'search.run', 'search', o.kind, o, o.purpose);
}

export function auditExport(t: AuditTarget, o: Common & { targetType: string; targetId: string; purpose?: string }) {
  return write(t, 'export.create', o.targetType, o.targetId, o, o.purpose);
}

export function auditShareAccess(t: AuditTarget, o: Common & { shareId: string }) {
  return write(t, 'share.access', 'share', o.shareId, o);
}

/** Evidence reads and recordings: 'case.read' (a case opened), 'evidence.download', 'evidence.clip'. */
export function auditEvidence(
  t: AuditTarget,
  o: Common & { action: 'case.read' | 'evidence.download' | 'evidence.clip'; targetType: 'case' | 'evidence_item'; targetId: string },
) {
  return write(t, o.action, o.targetType, o.targetId, o);
}

/** Every admin change: `action` like 'admin.user.create', 'admin.camera.update'; before/after go in details. */
export function auditAdminChange(
  t: AuditTarget,
  o: Common & { action: `admin.${string}`; targetType: string; targetId: string },
) {
  return write(t, o.action, o.targetType, o.targetId, o);
}

function write(t: AuditTarget, action: string, targetType: string, targetId: string, o: Common, purpose?: string) {
  return audit(t, {
    actor: o.user,
    actorLabel: o.actorLabel,
    ...(o.agencyId !== undefined ? { agencyId: o.agencyId } : {}),
    action,
    targetType,
    targetId,
    ip: o.ip ?? null,
    outcome: o.outcome ?? 'allow',
    purpose: purpose ?? null,
    details: o.details,
  });
}
