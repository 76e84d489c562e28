import crypto from 'node:crypto';
import type pg from 'pg';
import { hashPassword } from '@/lib/auth/password';
import type { Role } from '@/lib/domain/roles';
import { newApiKey } from '@/lib/ingest/api-keys';

/** Unique data per call, so test files can share a database and run in parallel. */
export const uid = (prefix = 't') => `${prefix}-${crypto.randomBytes(4).toString('hex')}`;

export async function makeAgency(pool: pg.Pool, name = uid('agency')): Promise<{ id: string; slug: string; name: string }> {
  const { rows } = await pool.query<{ id: string; slug: string; name: string }>(
    'INSERT INTO agency (id, slug, name) VALUES ($1, $2, $3) RETURNING id, slug, name',
    [crypto.randomUUID(), name, name],
  );
  return rows[0]!;
}

export async function makeSource(
  pool: pg.Pool,
  agencyId: string,
  kind = 'cad',
): Promise<{ id: string; key: string; agencyId: string }> {
  const { key, hash, hint } = newApiKey();
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO source (id, agency_id, kind, name, api_key_hash, api_key_hint) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
    [crypto.randomUUID(), agencyId, kind, uid('source'), hash, hint],
  );
  return { id: rows[0]!.id, key, agencyId };
}

export interface TestUser {
  id: string;
  username: string;
  password: string;
}

export async function makeUser(pool: pg.Pool, agencyId: string, role: Role = 'operator', password = 'correct horse battery staple'): Promise<TestUser> {
  const username = uid(role);
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO app_user (id, agency_id, username, display_name, role, password_hash) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
    [crypto.randomUUID(), agencyId, username, `Test ${role}`, role, await hashPassword(password)],
  );
  return { id: rows[0]!.id, username, password };
}

/** A well-formed event input; override any field. */
export function makeEvent(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    externalId: uid('ev'),
    kind: 'cad',
    typeCode: 'Medical Incident',
    occurredAt: new Date().toISOString(),
    lat: 37.7749,
    lon: -122.4194,
    priority: 2,
    title: 'Medical Incident',
    address: '100 Block of MARKET ST',
    payload: {},
    ...over,
  };
}
