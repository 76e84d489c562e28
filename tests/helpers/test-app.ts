import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import type { Role } from '@/lib/domain/roles';
import { makeAgency, makeUser, type TestUser } from './factories';
import { createTestDb, type TestDb } from './test-db';
import { waitForServerReady } from '../../scripts/support/server-ready';

/** Per-source ingest rate limits out of the way, for tests that post in tight loops on purpose. */
export const UNLIMITED = { INGEST_RATE_PER_SEC: '1000000', INGEST_BURST: '1000000' } as const;

export interface TestApp {
  url: string;
  db: TestDb;
  proc: ChildProcess;
  /** Everything the server printed, for assertions and failure messages. */
  output: () => string;
  /** Sign in through the real API; returns the Cookie header value. */
  login: (username: string, password: string) => Promise<string>;
  /**
   * A new user of `role` signed in, in `agencyId` or (left out) in a new agency: the user (with its password), its
   * agency and its Cookie header value. The usual start of an API test.
   */
  signIn: (role: Role, agencyId?: string) => Promise<TestUser & { agencyId: string; cookie: string }>;
  stop: () => Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * The real server process (server.ts: built Next.js + Socket.IO + ingest) on a fresh database.
 * Needs a production build (`npm test` makes one first).
 */
export async function startTestApp(env: Record<string, string> = {}, db?: TestDb): Promise<TestApp> {
  const database = db ?? (await createTestDb());
  const port = await freePort();
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      RTCC_EXIT_WITH_PARENT: '1',
      NEXT_TELEMETRY_DISABLED: '1',
      // The app runs as a role that neither owns the tables nor is superuser; migrations run as the owner.
      DATABASE_URL: database.appUrl,
      MIGRATION_DATABASE_URL: database.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      DEMO: '0',
      ADMIN_PASSWORD: 'admin-password-for-tests',
      // Test cameras and feeds are local HTTP servers; the outbound-policy tests pass their own list.
      OUTBOUND_ALLOW: '127.0.0.1,localhost',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { output } = await waitForServerReady(proc, 60_000);
  const url = `http://127.0.0.1:${port}`;
  const login = async (username: string, password: string) => {
    const res = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
    const cookie = res.headers.get('set-cookie') ?? '';
    return cookie.split(';')[0]!;
  };
  return {
    url,
    db: database,
    proc,
    output,
    login,
    async signIn(role, agencyId) {
      const agency = agencyId ?? (await makeAgency(database.pool)).id;
      const user = await makeUser(database.pool, agency, role);
      return { ...user, agencyId: agency, cookie: await login(user.username, user.password) };
    },
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        await exited;
      }
      if (!db) await database.drop();
    },
  };
}
