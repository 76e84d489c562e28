// After `npm install`: put maplibre's worker where the browser can load it (git-ignored). Prisma is the schema and
// its migrations only (prisma/): no client is generated, queries go through `pg` in each table's owner module.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

function run(cmd, args, extraEnv = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...extraEnv } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (existsSync('scripts/copy-maplibre-worker.mjs')) run(process.execPath, ['scripts/copy-maplibre-worker.mjs']);
