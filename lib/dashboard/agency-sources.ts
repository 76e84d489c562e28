import type pg from 'pg';

/** The agency's sources and the dashboard rollup's cursor now (a hint for pastCursorSql), in one round trip. */
export async function agencyScope(pool: pg.Pool, agencyId: string): Promise<{ sources: string[]; cursor: string }> {
  const { rows } = await pool.query<{ ids: string[]; cursor: string | null }>(
    'SELECT array(SELECT id FROM source WHERE agency_id = $1) AS ids, (SELECT seq::text FROM dashboard_rollup WHERE id = 1) AS cursor',
    [agencyId],
  );
  return { sources: rows[0]!.ids, cursor: rows[0]!.cursor ?? '0' };
}
