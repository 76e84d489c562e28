import type pg from 'pg';
import type { RuleDto } from '@/lib/domain/rule';
import { RULE_COLUMNS, ruleRowToDto, type RuleRow } from './rule-rows';

export async function listRules(pool: pg.Pool, agencyId: string): Promise<RuleDto[]> {
  const { rows } = await pool.query<RuleRow>(`SELECT ${RULE_COLUMNS} FROM rule WHERE agency_id = $1 ORDER BY created_at, id`, [agencyId]);
  return rows.map(ruleRowToDto);
}
