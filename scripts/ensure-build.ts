// Build the web app when there is no build, or when a source file is newer than it, so a newcomer never runs a
// build by hand and `npm start` after a `git pull` does not serve stale pages.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOTS = ['app', 'components', 'lib', 'public', 'next.config.ts', 'postcss.config.mjs', 'package-lock.json'];

function newestMtime(p: string): number {
  const st = fs.statSync(p, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of fs.readdirSync(p)) {
    if (name === 'generated' || name.startsWith('.')) continue;
    max = Math.max(max, newestMtime(path.join(p, name)));
  }
  return max;
}

export function ensureBuild(log: (m: string) => void = console.log): void {
  const built = fs.statSync(`${process.env.NEXT_DIST_DIR || '.next'}/BUILD_ID`, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const source = Math.max(...ROOTS.map(newestMtime));
  if (built && built >= source) return;
  log(built ? '[rtcc] sources changed since the last build: building…' : '[rtcc] first start: building the web app (≈ 30–60 s, once)…');
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
  });
  if (r.status !== 0) throw new Error(`next build failed (exit ${r.status})`);
  log(`[rtcc] built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

if (import.meta.url === `file://${process.argv[1]}`) ensureBuild();
