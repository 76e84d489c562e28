import crypto from 'node:crypto';
import type pg from 'pg';
import { auditAdminChange } from '@/lib/audit/record';
import type { SessionUser } from '@/lib/auth/session-user';
import { ZRuleInput, type RuleDto } from '@/lib/domain/rule';
import { withTransaction } from '@/lib/platform/db/with-transaction';
import { AppError, invalid } from '@/lib/platform/errors/app-error';
import { notifyReferenceChanged, RULE_COLUMNS, ruleRowToDto, type RuleRow } from './rule-rows';

/** Create (id null) or replace a rule of the admin's agency; the correlator picks it up via NOTIFY. */
export async function saveRule(pool: pg.Pool, user: SessionUser, id: string | null, body: unknown, ip: string | null): Promise<RuleDto> {
  const parsed = ZRuleInput.safeParse(body);
  if (!parsed.success) throw invalid(parsed.error, 'rule');
  const r = parsed.data;
  return withTransaction(pool, async (client) => {
    const res = id === null
      ? await client.query<RuleRow>(
          `INSERT INTO rule (id, agency_id, name, enabled, premise, actions) VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb) RETURNING ${RULE_COLUMNS}`,
          [crypto.randomUUID(), user.agencyId, r.name, r.enabled, JSON.stringify(r.premise), JSON.stringify(r.actions)])
      : await client.query<RuleRow>(
          `UPDATE rule SET name = $3, enabled = $4, premise = $5::jsonb, actions = $6::jsonb, updated_at = now()
            WHERE id = $1 AND agency_id = $2 RETURNING ${RULE_COLUMNS}`,
          [id, user.agencyId, r.name, r.enabled, JSON.stringify(r.premise), JSON.stringify(r.actions)]);
    const row = res.rows[0];
    if (!row) throw new AppError('NOT_FOUND', 'No such rule');
    await auditAdminChange(client, { user, ip, action: id === null ? 'admin.rule.create' : 'admin.rule.update', targetType: 'rule', targetId: row.id, details: { name: r.name } });
    await notifyReferenceChanged(client);
    return ruleRowToDto(row);
  });
}
