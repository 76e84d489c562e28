import type pg from 'pg';
import { REFERENCE_CHANGED_CHANNEL } from '@/lib/correlate/channels';
import { ZAction, ZPremise, type RuleDto } from '@/lib/domain/rule';

export interface RuleRow {
  id: string;
  name: string;
  enabled: boolean;
  premise: unknown;
  actions: unknown;
  created_at: Date;
  updated_at: Date;
}

export const RULE_COLUMNS = 'id, name, enabled, premise, actions, created_at, updated_at';

/** Stored rules were validated on the way in; parse again so a hand-edited row cannot reach a client malformed. */
export function ruleRowToDto(r: RuleRow): RuleDto {
  return {
    id: r.id,
    name: r.name,
    enabled: r.enabled,
    premise: ZPremise.parse(r.premise),
    actions: ZAction.array().parse(r.actions),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

/** Tell the correlator (on whichever node holds the lock) to reload rules and geofences. */
export async function notifyReferenceChanged(db: Pick<pg.Pool, 'query'>): Promise<void> {
  await db.query('SELECT pg_notify($1, $2)', [REFERENCE_CHANGED_CHANNEL, 'rules']);
}
