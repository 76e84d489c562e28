import type pg from 'pg';

/** The agency's source ids: events carry their source, not their agency. */
export async function agencySourceIds(pool: pg.Pool, agencyId: string): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>('SELECT id FROM source WHERE agency_id = $1', [agencyId]);
  return rows.map((r) => r.id);
}
