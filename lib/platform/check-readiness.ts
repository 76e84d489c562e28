import fs from 'node:fs/promises';
import path from 'node:path';
import type { Runtime } from '@/lib/platform/runtime';

export interface Readiness {
  ready: boolean;
  /** True while this node drains before it exits (never ready again). */
  draining: boolean;
  database: 'ok' | 'unreachable';
  migrations: 'ok' | 'pending' | 'unknown';
  tailLagMs: number | null;
  /** How far the correlator is behind the log (ms); null when this node is not the correlator. */
  correlatorLagMs: number | null;
}

/** Readiness: the database answers, every shipped migration is applied. Public: no data, only states. */
export async function checkReadiness(rt: Runtime): Promise<Readiness> {
  let database: Readiness['database'] = 'ok';
  let migrations: Readiness['migrations'] = 'unknown';
  try {
    const { rows } = await rt.pool.query<{ n: string }>(
      'SELECT count(*) AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    const shipped = (await fs.readdir(path.resolve('prisma/migrations'), { withFileTypes: true })).filter((d) => d.isDirectory()).length;
    migrations = Number(rows[0]!.n) >= shipped ? 'ok' : 'pending';
  } catch {
    database = 'unreachable';
  }
  const tailLagMs = rt.health?.tailLagMs() ?? null;
  const correlatorLagMs = rt.health?.correlatorLagMs?.() ?? null;
  const draining = rt.draining === true;
  return { ready: !draining && database === 'ok' && migrations === 'ok', draining, database, migrations, tailLagMs, correlatorLagMs };
}
