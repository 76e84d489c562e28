import fs from 'node:fs';
import path from 'node:path';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '@/lib/auth/sessions';
import { createWallDevice } from '@/lib/auth/wall-device';
import { ROLES, type Role } from '@/lib/domain/roles';
import { ACTION_ROLES } from '@/lib/policy/actions';
import { ROUTES } from '@/app/api/registry';
import { createRouter } from '@/lib/api/dispatch';
import { PAGE_POLICIES } from '@/lib/policy/page-policies';
import type { RoutePolicy } from '@/lib/policy/route-policy';
import { SOCKET_POLICIES } from '@/lib/policy/socket-policies';
import { makeAgency, makeSource, makeUser } from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';

const APP_DIR = path.resolve('app');

/** Every page.tsx under app/ as its URL path, and every route.ts file. */
function discoverAppFiles(): { pages: { path: string; file: string }[]; routeFiles: string[] } {
  const pages: { path: string; file: string }[] = [];
  const routeFiles: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('_')) walk(full); // _private folders are not routes
        continue;
      }
      const rel = path.relative(APP_DIR, dir).split(path.sep);
      // Route groups "(console)" and parallel-route slots "@x" do not appear in the URL.
      const urlPath = `/${rel.filter((s) => s && !/^\(.*\)$/.test(s) && !s.startsWith('@')).join('/')}`;
      if (/^page\.(tsx|ts|jsx|js)$/.test(entry.name)) pages.push({ path: urlPath, file: full });
      if (/^route\.(ts|js)$/.test(entry.name)) routeFiles.push(full);
    }
  };
  walk(APP_DIR);
  return { pages, routeFiles };
}

interface Entry {
  method: string;
  path: string;
  policy: RoutePolicy;
}

/** The registry's routes and the pages, as the matrix checks them. */
const ENTRIES: Entry[] = [
  ...ROUTES.map((r) => ({ method: r.method, path: r.path, policy: r.policy })),
  ...Object.entries(PAGE_POLICIES).map(([p, policy]) => ({ method: 'GET', path: p, policy: policy as RoutePolicy })),
];

type Principal = 'anonymous' | Role;
const PRINCIPALS: Principal[] = ['anonymous', ...ROLES];

describe('route × role matrix', () => {
  it('every page has a policy, every route.ts is a dispatcher of the registry, and every route is declared once', () => {
    const { pages, routeFiles } = discoverAppFiles();
    expect(pages.length).toBeGreaterThan(5);
    const missing = pages.filter((p) => !(p.path in PAGE_POLICIES));
    expect(missing.map((p) => `${p.path} (${path.relative(process.cwd(), p.file)})`), 'add these to lib/policy/page-policies.ts').toEqual([]);
    const stale = Object.keys(PAGE_POLICIES).filter((p) => !pages.some((x) => x.path === p));
    expect(stale).toEqual([]);
    // A route.ts that handles a request itself would bypass the wrapper: each one only hands requests to the router.
    const handRolled = routeFiles.filter((f) => !/createRouter\(ROUTES\)/.test(fs.readFileSync(f, 'utf8')));
    expect(handRolled.map((f) => path.relative(process.cwd(), f))).toEqual([]);
    const router = createRouter(ROUTES);
    expect(router.resolve('GET', '/api/admin/sources/123/code-map')).toBeNull();
    expect(router.resolve('PUT', '/api/admin/sources/123/code-map')?.route.path).toBe('/api/admin/sources/[id]/code-map');
    expect(new Set(ROUTES.map((r) => r.operationId)).size).toBe(ROUTES.length);
  });

  describe('against the real server', () => {
    let app: TestApp;
    const cookies = new Map<Principal, string>();
    const sourceKeys = new Map<string, string>();
    const userIds = new Map<Role, string>();
    const signInAll = async () => {
      for (const [role, userId] of userIds) cookies.set(role, `rtcc_session=${(await createSession(app.db.pool, userId, 12, {})).token}`);
    };

    beforeAll(async () => {
      app = await startTestApp({ LOGIN_RATE_PER_MIN: '100000', LOGIN_BURST: '100000' });
      const pool = app.db.pool;
      const agency = await makeAgency(pool);
      for (const role of ROLES) {
        userIds.set(role, role === 'wall_device' ? (await createWallDevice(pool, agency.id, 'Wall A')).userId : (await makeUser(pool, agency.id, role)).id);
      }
      await signInAll();
      cookies.set('anonymous', '');
      for (const kind of ['cad', 'avl', 'camera', 'alert', 'call911', 'gunshot', 'lpr']) sourceKeys.set(kind, (await makeSource(pool, agency.id, kind)).key);
    });
    afterAll(async () => {
      await app?.stop();
    });

    const call = (entry: Entry, cookie: string, extra: Record<string, string> = {}) => {
      const url = app.url + entry.path.replace(/\[\[?\.{0,3}[^\]]+\]\]?/g, '00000000-0000-4000-8000-000000000000');
      const body = entry.method === 'GET' ? undefined : '{}';
      return fetch(url, {
        method: entry.method,
        redirect: 'manual',
        headers: { ...(cookie ? { cookie } : {}), ...(body ? { 'content-type': 'application/json' } : {}), ...extra },
        body,
      });
    };

    it('answers every route as its policy says, for every role and for anonymous', async () => {
      const failures: string[] = [];
      // Sign-out ends the session it is sent with: check it last, with sessions of its own.
      const ordered = [...ENTRIES].sort((a, b) => Number(a.path === '/api/auth/logout') - Number(b.path === '/api/auth/logout'));
      for (const entry of ordered) {
        if (entry.path === '/api/auth/logout') await signInAll();
        const isPage = !entry.path.startsWith('/api/');
        // The principals of one route in parallel: each has its own session, and ~130 routes × 8 callers in series
        // took a minute on a loaded 2-core machine.
        await Promise.all(PRINCIPALS.map(async (who) => {
          const res = await call(entry, cookies.get(who)!);
          await res.arrayBuffer();
          const status = res.status;
          const loc = res.headers.get('location') ?? '';
          let allowed: boolean;
          if (entry.policy.kind === 'public') allowed = true;
          else if (entry.policy.kind === 'sourceKey' || entry.policy.kind === 'shareToken') allowed = false;
          else allowed = who !== 'anonymous' && (ACTION_ROLES[entry.policy.action] as readonly string[]).includes(who);
          const toLogin = status >= 300 && status < 400 && loc.includes('/login');
          let ok: boolean;
          // A share link's token is its only key: with an unknown token every caller, signed in or not, is refused alike.
          if (entry.policy.kind === 'shareToken') ok = isPage ? status < 500 && !toLogin : [400, 401, 403, 404, 410].includes(status);
          else if (allowed) ok = status !== 401 && status !== 403 && !toLogin && status < 500;
          else if (who === 'anonymous') ok = isPage ? toLogin || status === 401 : status === 401;
          // Pages answer 404 to a role that may not see them (no forbidden() without authInterrupts).
          else ok = entry.policy.kind === 'sourceKey' ? status === 401 : isPage ? status === 403 || status === 404 : status === 403;
          if (!ok) failures.push(`${entry.method} ${entry.path} as ${who}: ${status}${loc ? ` → ${loc}` : ''} (expected ${allowed ? 'allowed' : 'denied'})`);
        }));
        if (entry.policy.kind === 'sourceKey') {
          const kind = { avl: 'avl', cameras: 'camera', cap: 'alert', eido: 'call911', gunshot: 'gunshot', lpr: 'lpr' }[entry.path.split('/')[3] ?? ''] ?? 'cad';
          const res = await call(entry, '', { authorization: `Bearer ${sourceKeys.get(kind)}` });
          await res.arrayBuffer();
          if (res.status === 401 || res.status === 403 || res.status >= 500) failures.push(`${entry.method} ${entry.path} with a source key: ${res.status}`);
        }
      }
      expect(failures.sort()).toEqual([]);
    }, 180_000);

    it('socket: anonymous is refused at connect; each role may resume as SOCKET_POLICIES says', async () => {
      await signInAll(); // the route matrix ended with sign-outs
      const anon = connect(app.url, { transports: ['websocket'], reconnection: false });
      const err = await new Promise<string>((resolve) => {
        anon.on('connect_error', (e) => resolve(e.message));
        anon.on('connect', () => resolve('connected'));
      });
      anon.close();
      expect(err).toBe('unauthorized');

      for (const role of ROLES) {
        const s = connect(app.url, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie: cookies.get(role)! } });
        const result = await new Promise<{ ok: boolean }>((resolve) => {
          s.on('connect_error', () => resolve({ ok: false }));
          s.on('connect', () => s.emit('resume', { afterSeq: null }, (r: { ok: boolean }) => resolve(r)));
        });
        s.close();
        const allowed = (ACTION_ROLES[SOCKET_POLICIES.resume] as readonly string[]).includes(role);
        expect(result.ok, `resume as ${role}`).toBe(allowed);
      }
    });
  });
});
