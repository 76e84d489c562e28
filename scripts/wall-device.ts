// `npx tsx scripts/wall-device.ts <agency-slug> "<wall name>"`: register a video-wall kiosk and print its device
// token, once (only its hash is stored). Uses DATABASE_URL, or the embedded PostgreSQL under DATA_DIR (console
// stopped: one PostgreSQL per data directory).
import { audit } from '../lib/audit/audit';
import { createWallDevice } from '../lib/auth/wall-device';
import { runWithDatabase } from './support/cli-db';

const [slug, name] = process.argv.slice(2);
if (!slug || !name) {
  console.error('usage: npx tsx scripts/wall-device.ts <agency-slug> "<wall name>"');
  process.exit(2);
}

runWithDatabase('wall-device', async (pool) => {
  const { rows } = await pool.query<{ id: string }>('SELECT id FROM agency WHERE slug = $1', [slug]);
  if (!rows[0]) {
    console.error(`no agency with slug ${slug}`);
    return 1;
  }
  const device = await createWallDevice(pool, rows[0].id, name);
  await audit(pool, { actorLabel: 'cli:wall-device', agencyId: rows[0].id, action: 'admin.wall_device.create', targetType: 'wall_device', targetId: device.id, outcome: 'allow', details: { name } });
  console.log(`wall device "${name}" registered (${device.id}). Device token (shown once):\n${device.token}`);
  return 0;
});
