// `npx tsx scripts/wall-device.ts <agency-slug> "<wall name>"`: register a video-wall kiosk and print its device
// token, once (only its hash is stored). Uses DATABASE_URL, or the embedded PostgreSQL under DATA_DIR (console
// stopped: one PostgreSQL per data directory).
import { audit } from '../lib/audit/audit';
import { createWallDevice } from '../lib/auth/wall-device';
import { startEmbeddedPostgres } from '../lib/platform/db/embedded';
import { createPool } from '../lib/platform/db/pool';

async function main(): Promise<number> {
  const [slug, name] = process.argv.slice(2);
  if (!slug || !name) {
    console.error('usage: npx tsx scripts/wall-device.ts <agency-slug> "<wall name>"');
    return 2;
  }
  const embedded = process.env.DATABASE_URL ? null : await startEmbeddedPostgres(process.env.DATA_DIR || '.data');
  const pool = createPool(process.env.DATABASE_URL || embedded!.url, 2);
  try {
    const { rows } = await pool.query<{ id: string }>('SELECT id FROM agency WHERE slug = $1', [slug]);
    if (!rows[0]) {
      console.error(`no agency with slug ${slug}`);
      return 1;
    }
    const device = await createWallDevice(pool, rows[0].id, name);
    await audit(pool, { actorLabel: 'cli:wall-device', agencyId: rows[0].id, action: 'admin.wall_device.create', targetType: 'wall_device', targetId: device.id, outcome: 'allow', details: { name } });
    console.log(`wall device "${name}" registered (${device.id}). Device token (shown once):\n${device.token}`);
    return 0;
  } finally {
    await pool.end();
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('wall-device failed:', err instanceof Error ? err.message : err);
    process.exit(2);
  },
);
