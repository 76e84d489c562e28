// `npm run bench`: every benchmark in turn, each in its own process; prints each one's closing JSON line.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const BENCHES = ['ingest', 'correlate', 'search', 'e2e', 'audit', 'map', 'console', 'map-floor', 'dashboard', 'import', 'video'].filter((b) => fs.existsSync(`tests/bench/${b}.ts`));
const results: Record<string, unknown> = {};
for (const name of BENCHES) {
  console.log(`\n━━ bench:${name} ━━`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', `tests/bench/${name}.ts`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  process.stdout.write(r.stdout);
  const last = r.stdout.trim().split('\n').pop() ?? '';
  try {
    results[name] = JSON.parse(last);
  } catch {
    results[name] = { error: `exit ${r.status}` };
  }
}
console.log('\n━━ summary ━━');
console.log(JSON.stringify(results));
