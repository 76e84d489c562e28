import crypto from 'node:crypto';
import type pg from 'pg';
import type { SessionUser } from '@/lib/auth/session-user';
import { AppError, invalid } from '@/lib/platform/errors/app-error';
import { toCaseDto } from './case-rows';
import { appendCustody, userActor, withTx } from './custody';
import { findAgencyEvents, linkEvents } from './link-events';
import { auditSearch } from '@/lib/audit/record';
import { requireAuditedPurpose } from '@/lib/search/purpose-gate';
import { assertCan } from '@/lib/policy/assert-can';
import type { EvidenceStorage } from './storage';
import { ZCreateCase, type CaseDto, type ItemDto } from './types';

/**
 * Open a case, from an incident (its linked events become items) or from a search (the chosen events). Picking
 * events is a search: it needs a stated purpose and leaves a search row. Everything is checked before the case
 * row is written: an unknown event or a missing purpose leaves nothing behind.
 */
export async function createCase(
  pool: pg.Pool,
  storage: EvidenceStorage,
  user: SessionUser,
  input: unknown,
  ip: string | null,
): Promise<{ case: CaseDto; items: ItemDto[] }> {
  const me = assertCan(user, 'case.write');
  const parsed = ZCreateCase.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error, 'case');
  const body = parsed.data;
  let title = body.title;
  let sourceRef: string | null = body.searchRef ? `search:${body.searchRef}` : null;
  let seqs = body.eventSeqs ?? [];
  if (seqs.length) {
    const purpose = await requireAuditedPurpose(pool, me, body.purpose, { endpoint: 'case-from-events', ip });
    await findAgencyEvents(pool, me.agencyId, seqs);
    await auditSearch(pool, { user: me, ip, purpose, kind: 'case-from-events', details: { events: [...new Set(seqs)].slice(0, 500) } });
  }
  if (body.incidentId) {
    const inc = await pool.query<{ number: string; title: string }>('SELECT number, title FROM incident WHERE id = $1 AND agency_id = $2', [
      body.incidentId,
      me.agencyId,
    ]);
    if (!inc.rows[0]) throw new AppError('BAD_REQUEST', 'Unknown incident', [{ path: 'incidentId', message: 'not an incident of your agency' }]);
    title ??= `${inc.rows[0].number} ${inc.rows[0].title}`;
    sourceRef = `incident:${body.incidentId}`;
    const linked = await pool.query<{ seq: string }>('SELECT event_seq::text AS seq FROM incident_event WHERE incident_id = $1 ORDER BY event_seq', [
      body.incidentId,
    ]);
    seqs = [...new Set([...linked.rows.map((r) => r.seq), ...seqs])].slice(0, 500);
  }
  if (seqs.length) await findAgencyEvents(pool, me.agencyId, seqs);
  const who = userActor(me, ip);
  const row = await withTx(pool, async (client) => {
    const { rows: n } = await client.query<{ n: string }>(`SELECT nextval('evidence_case_number_seq')::text AS n`);
    const number = `${new Date().getUTCFullYear()}-${n[0]!.n.padStart(6, '0')}`;
    const id = crypto.randomUUID();
    const { rows } = await client.query(
      `INSERT INTO evidence_case (id, agency_id, number, title, source_ref, created_by) VALUES ($1,$2,$3,$4,$5,$6) RETURNING *`,
      [id, me.agencyId, number, title!, sourceRef, me.id],
    );
    await appendCustody(client, who, { caseId: id, action: 'created', details: { number, title: title!, sourceRef } });
    return rows[0];
  });
  const c = toCaseDto(row);
  const items = seqs.length ? await linkEvents(pool, storage, { id: c.id, agencyId: me.agencyId }, who, me.id, seqs) : [];
  return { case: c, items };
}
