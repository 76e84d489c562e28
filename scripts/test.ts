// `npm test`: lint, typecheck, unit, build, integration (real PostgreSQL, broker, sockets), e2e (real Chromium).
// Prints one closing line "N passed, N failed, N skipped" counted from the runners' own reports.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { ensureBuild } from './ensure-build';

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}

const only = process.argv.slice(2);
const want = (step: string) => only.length === 0 || only.includes(step);
const totals = { passed: 0, failed: 0, skipped: 0 };
const timings: string[] = [];
const failedSteps: string[] = [];

function step(name: string, fn: () => boolean): void {
  if (!want(name)) return;
  const t0 = Date.now();
  console.log(`\n━━ ${name} ━━`);
  const ok = fn();
  timings.push(`${name} ${((Date.now() - t0) / 1000).toFixed(1)} s${ok ? '' : ' (FAILED)'}`);
  if (!ok) failedSteps.push(name);
}

function run(cmd: string, args: string[], env: Record<string, string> = {}): boolean {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env } });
  return r.status === 0;
}

function vitest(project: string): boolean {
  fs.mkdirSync('tests/.artifacts', { recursive: true });
  const out = `tests/.artifacts/${project}.json`;
  fs.rmSync(out, { force: true });
  const ok = run(process.execPath, [
    'node_modules/vitest/vitest.mjs', 'run', '--project', project,
    '--reporter=default', '--reporter=json', `--outputFile.json=${out}`,
  ]);
  if (fs.existsSync(out)) {
    const j = JSON.parse(fs.readFileSync(out, 'utf8')) as VitestJson;
    totals.passed += j.numPassedTests;
    totals.failed += j.numFailedTests;
    totals.skipped += j.numPendingTests + j.numTodoTests;
    // The runner's own count decides too: a test that failed fails the step even if something reset the exit code.
    return ok && j.numFailedTests === 0;
  }
  totals.failed += 1;
  return false;
}

const started = Date.now();
step('lint', () => run(process.execPath, ['node_modules/eslint/bin/eslint.js', '--max-warnings', '0', '.']));
step('typecheck', () => run(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit']));
step('unit', () => vitest('unit'));
step('build', () => {
  try {
    ensureBuild();
    return true;
  } catch (err) {
    console.error(err);
    return false;
  }
});
if (!failedSteps.includes('build')) {
  step('integration', () => vitest('integration'));
  step('e2e', () => vitest('e2e'));
}

console.log(`\n━━ summary (${((Date.now() - started) / 1000).toFixed(0)} s) ━━`);
for (const t of timings) console.log(`  ${t}`);
if (failedSteps.length) console.log(`  failed steps: ${failedSteps.join(', ')}`);
// Lint/typecheck/build failures count as failed tests so the closing line can never read green by accident.
const stepFailures = failedSteps.filter((s) => !['unit', 'integration', 'e2e'].includes(s)).length;
console.log(`${totals.passed} passed, ${totals.failed + stepFailures} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length ? 1 : 0);
