// After `npm install`: generate the Prisma client (wasm query compiler: nothing downloaded) and put maplibre's
// worker where the browser can load it. Both outputs are git-ignored.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

function run(cmd, args, extraEnv = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...extraEnv } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// `prisma generate` reads the config, which wants a URL; generation itself never connects.
run(process.execPath, ['node_modules/prisma/build/index.js', 'generate'], {
  DATABASE_URL: process.env.DATABASE_URL || 'postgresql://unused@127.0.0.1:1/unused',
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
});
if (existsSync('scripts/copy-maplibre-worker.mjs')) run(process.execPath, ['scripts/copy-maplibre-worker.mjs']);
