import type pg from 'pg';

/**
 * A seq bound for "received in the last `minutes`": events with seq >= it are those received since then (it may
 * fall in a gap, or one past the newest seq when none is that recent). Found by bisecting the primary key: seq
 * follows commit order and received_at is stamped in the same transaction, so received_at rises with seq (to within
 * the few milliseconds two ingest transactions may overlap). About 25 index probes instead of walking back through
 * every recent row: `event` has no index on received_at, and one would tax every ingest insert.
 */
export async function seqReceivedWithin(db: pg.Pool | pg.PoolClient, minutes: number): Promise<bigint> {
  const { rows } = await db.query<{ lo: string | null; hi: string | null }>('SELECT min(seq)::text AS lo, max(seq)::text AS hi FROM event');
  if (rows[0]?.lo == null || rows[0].hi == null) return 0n;
  // Invariant: every seq below lo was received earlier than the cut, every seq from hi up at or after it.
  let lo = BigInt(rows[0].lo);
  let hi = BigInt(rows[0].hi) + 1n;
  while (lo < hi) {
    const mid = lo + (hi - lo) / 2n;
    // The output column is named `at_seq`: were it `seq`, ORDER BY would sort by the text and scan the whole table.
    const probe = await db.query<{ at_seq: string; recent: boolean }>(
      `SELECT seq::text AS at_seq, received_at >= now() - make_interval(mins => $2) AS recent
         FROM event WHERE seq >= $1::bigint ORDER BY event.seq LIMIT 1`,
      [mid.toString(), Math.round(minutes)],
    );
    const row = probe.rows[0];
    // No row from mid up, or the first one is recent (seqs are not dense: rolled-back ones leave gaps).
    if (!row || row.recent) hi = mid;
    else lo = BigInt(row.at_seq) + 1n < hi ? BigInt(row.at_seq) + 1n : hi;
  }
  return lo;
}
