// npm run bench:import — a 200,000-row CSV through a saved mapping into the real server.
//  1. embedded PostgreSQL in a temp dir (fsync on), the real server process (built Next.js, DEMO=0, CORRELATOR=0: an
//     ingest node, as bench:ingest's headline);
//  2. a CSV in the Chicago ShotSpotter layout (local times in America/Chicago, WKT points), 200,000 rows of which
//     1 in 50 has no place (refused), split as `npm run replay` splits it (5,000 rows a request) and POSTed to
//     /api/ingest/import with two requests in flight; every row must come back accepted or refused → rowsPerSec;
//  3. 50,000 rows that are all refused (impossible dates) the same way → rejectedRowsPerSec.
// Last line: {"rowsPerSec": …, "rejectedRowsPerSec": …, "rows": …, "accepted": …, "refused": …}. BENCH_ROWS tunes it.
import crypto from 'node:crypto';
import { newApiKey } from '@/lib/ingest/api-keys';
import { ZMappingSpec } from '@/lib/domain/source-mapping';
import { splitFile } from '@/lib/sources/replay/file-chunks';
import { postImportWithRetry } from '@/lib/sources/replay/post-import';
import { CHICAGO_SHOTS } from '../fixtures/onboarding/mappings';
import { benchDatabase, benchServer } from './support/bench-env';

const ROWS = Number(process.env.BENCH_ROWS ?? 200_000);
const CHUNK = 5000;
const IN_FLIGHT = 2;
const TYPES = ['MULTIPLE GUNSHOTS', 'SINGLE GUNSHOT', 'GUNSHOT OR FIRECRACKER', 'Multiple Gunshots'];

const SPEC = CHICAGO_SHOTS;

function csv(rows: number, bad: (i: number) => boolean, badDate = false): string {
  const lines = ['ID,DATE,BLOCK,ZIP_CODE,BEAT,INCIDENT_TYPE_DESCRIPTION,ROUNDS,LATITUDE,LONGITUDE,LOCATION'];
  const t0 = Date.UTC(2017, 0, 1);
  const p = (n: number) => String(n).padStart(2, '0');
  for (let i = 0; i < rows; i++) {
    const d = new Date(t0 + i * 97_000);
    const h = d.getUTCHours();
    const date = badDate ? `13/45/2017 99:00:00 AM` : `${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}/${d.getUTCFullYear()} ${p(h % 12 || 12)}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
    const lat = (41.65 + ((i * 7919) % 3700) / 10000).toFixed(5);
    const lon = (-87.9 + ((i * 104729) % 3600) / 10000).toFixed(5);
    const place = bad(i) ? ',,' : `${lat},${lon},POINT (${lon} ${lat})`;
    lines.push(`b-${badDate ? 'x' : ''}${i},${date},${(i % 120) * 100} S STATE ST,606${p(i % 50)},${1000 + (i % 300)},${TYPES[i % TYPES.length]},${1 + (i % 9)},${place}`);
  }
  return lines.join('\n');
}

async function run(url: string, key: string, text: string): Promise<{ secs: number; accepted: number; refused: number; duplicates: number; rows: number }> {
  const split = splitFile(text, 'csv');
  const n = split.records.length;
  const tally = { accepted: 0, refused: 0, duplicates: 0 };
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < n) {
        const from = next;
        next = Math.min(n, next + CHUNK);
        const out = await postImportWithRetry(url, key, split.chunk(from, next));
        if (!('report' in out)) throw new Error(`rows ${from}–${next}: ${out.status} ${'error' in out ? out.error : ''}`);
        tally.accepted += out.report.accepted;
        tally.refused += out.report.refused;
        tally.duplicates += out.report.duplicates;
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  if (tally.accepted + tally.refused + tally.duplicates !== n) throw new Error(`rows unaccounted for: ${JSON.stringify(tally)} of ${n}`);
  return { secs, rows: n, ...tally };
}

async function main(): Promise<void> {
  const env = await benchDatabase();
  const agencyId = crypto.randomUUID();
  const sourceId = crypto.randomUUID();
  const k = newApiKey();
  await env.pool.query(`INSERT INTO agency (id, slug, name, time_zone) VALUES ($1, 'bench-city', 'Bench City', 'America/Chicago')`, [agencyId]);
  await env.pool.query(`INSERT INTO source (id, agency_id, kind, name, api_key_hash, api_key_hint) VALUES ($1, $2, 'gunshot', 'bench shots', $3, $4)`, [sourceId, agencyId, k.hash, k.hint]);
  await env.pool.query('INSERT INTO source_mapping (source_id, spec) VALUES ($1, $2)', [sourceId, JSON.stringify(ZMappingSpec.parse(SPEC))]);
  const server = await benchServer(env.db.url, { CORRELATOR: '0' });
  try {
    const good = await run(server.url, k.key, csv(ROWS, (i) => i % 50 === 49));
    console.log(`[bench:import] ${good.rows} rows in ${good.secs.toFixed(1)} s: ${good.accepted} accepted, ${good.refused} refused, ${good.duplicates} duplicates`);
    const bad = await run(server.url, k.key, csv(Math.round(ROWS / 4), () => false, true));
    console.log(`[bench:import] ${bad.rows} all-refused rows in ${bad.secs.toFixed(1)} s`);
    const { rows } = await env.pool.query<{ n: string }>('SELECT count(*) AS n FROM event WHERE source_id = $1', [sourceId]);
    if (Number(rows[0]!.n) !== good.accepted) throw new Error(`stored ${rows[0]!.n}, reported ${good.accepted}`);
    console.log(JSON.stringify({ rowsPerSec: Math.round(good.rows / good.secs), rejectedRowsPerSec: Math.round(bad.rows / bad.secs), rows: good.rows, accepted: good.accepted, refused: good.refused }));
  } finally {
    await server.stop();
    await env.close();
  }
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
