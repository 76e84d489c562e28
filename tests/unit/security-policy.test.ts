import { describe, expect, it } from 'vitest';
import { auditRowHash, canonicalJson, GENESIS_HASH } from '@/lib/audit/canonical';
import { ROLES } from '@/lib/domain/roles';
import { ZAssignableRole } from '@/lib/domain/user-admin';
import { ACTION_ROLES, ACTIONS } from '@/lib/policy/actions';
import { authorize, visibleAgencies, type ShareGrant } from '@/lib/policy/authorize';
import { csrfRefusal } from '@/lib/policy/csrf';
import { createRouter } from '@/lib/api/dispatch';
import { defineRoute } from '@/lib/api/define-route';
import { pub } from '@/lib/policy/route-policy';
import { contentSecurityPolicy, securityHeaders } from '@/lib/policy/security-headers';

const h = (o: Record<string, string>) => ({ get: (k: string) => o[k.toLowerCase()] ?? null });
const A = 'agency-a';
const B = 'agency-b';
const user = (role: (typeof ROLES)[number], agencyId = A) => ({ id: 'u1', role, agencyId });
const grant = (over: Partial<ShareGrant> = {}): ShareGrant => ({
  id: 's1',
  fromAgencyId: B,
  toAgencyId: A,
  scope: ['layers', 'live'],
  startsAt: new Date(Date.now() - 60_000),
  endsAt: null,
  revokedAt: null,
  ...over,
});

describe('canonical JSON and row hash', () => {
  it('ignores key order at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe('{"a":{"d":[1,{"x":1,"y":2}]},"b":1}');
    expect(canonicalJson({ z: 1, a: 2 })).toBe(canonicalJson({ a: 2, z: 1 }));
  });
  it('changes when any field or the previous hash changes', () => {
    const row = { id: '1', at: '2026-01-01T00:00:00.000Z', actorUserId: null, actorLabel: 'x', agencyId: null, action: 'a', targetType: null, targetId: null, ip: null, outcome: 'allow' as const, purpose: null, details: {} };
    const h0 = auditRowHash(GENESIS_HASH, row);
    expect(h0).toMatch(/^[0-9a-f]{64}$/);
    expect(auditRowHash(GENESIS_HASH, { ...row, ip: '1.2.3.4' })).not.toBe(h0);
    expect(auditRowHash('1'.repeat(64), row)).not.toBe(h0);
  });
});

describe('authorize', () => {
  it('follows the role table for every action and role', () => {
    for (const action of ACTIONS) {
      for (const role of ROLES) {
        const d = authorize(user(role), action);
        expect(d.allow, `${role} ${action}`).toBe((ACTION_ROLES[action] as readonly string[]).includes(role));
      }
    }
    expect(authorize(null, 'console.view')).toMatchObject({ allow: false, status: 401 });
  });
  it('a platform administrator may do all an agency admin may, and only they manage the platform', () => {
    for (const action of ACTIONS) if (authorize(user('admin'), action).allow) expect(authorize(user('platform_admin'), action).allow, action).toBe(true);
    expect(ROLES.filter((r) => authorize(user(r), 'platform.manage').allow)).toEqual(['platform_admin']);
    // Being a platform administrator opens no other agency's data through the role gate.
    expect(authorize(user('platform_admin'), 'incident.read', { agencyId: B }).allow).toBe(false);
    expect(ZAssignableRole.safeParse('platform_admin').success).toBe(false);
  });
  it('limits users to their agency unless an active share grants the scope', () => {
    expect(authorize(user('operator'), 'incident.read', { agencyId: B })).toMatchObject({ allow: false, status: 403 });
    expect(authorize(user('partner_viewer'), 'incident.read', { agencyId: B }, [grant()])).toMatchObject({ allow: true, via: 'share' });
    expect(authorize(user('partner_viewer'), 'video.recorded', { agencyId: B }, [grant()]).allow).toBe(false); // scope lacks recorded
    expect(authorize(user('partner_viewer'), 'incident.read', { agencyId: B }, [grant({ revokedAt: new Date() })]).allow).toBe(false);
    expect(authorize(user('partner_viewer'), 'incident.read', { agencyId: B }, [grant({ endsAt: new Date(Date.now() - 1) })]).allow).toBe(false);
    expect(authorize(user('partner_viewer'), 'incident.read', { agencyId: B }, [grant({ startsAt: new Date(Date.now() + 60_000) })]).allow).toBe(false);
    // No share lets another agency change or search anything.
    expect(authorize(user('admin'), 'incident.update', { agencyId: B }, [grant({ scope: ['layers', 'cameras', 'live', 'recorded'] })]).allow).toBe(false);
    expect(authorize(user('detective'), 'search.run', { agencyId: B }, [grant()]).allow).toBe(false);
    expect(visibleAgencies(user('operator'), 'layers', [grant(), grant({ id: 's2', fromAgencyId: 'c', scope: ['cameras'] })])).toEqual([A, B]);
  });
});

describe('route dispatch matching', () => {
  const route = (method: 'GET' | 'POST', p: string) => defineRoute({ method, path: p, operationId: p, summary: p, policy: pub, handle: async () => p });
  const router = createRouter([
    route('GET', '/api/cases/[id]'),
    route('GET', '/api/cases/new'),
    route('POST', '/api/cases/[id]/notes'),
    route('GET', '/x/[...rest]'),
  ]);
  it('matches dynamic segments, prefers static ones, and takes the rest for a catch-all', () => {
    expect(router.resolve('GET', '/api/cases/42')?.params.id).toBe('42');
    expect(router.resolve('GET', '/api/cases/new')?.route.path).toBe('/api/cases/new');
    expect(router.resolve('GET', '/api/cases/42/notes')).toBeNull();
    expect(router.resolve('post', '/api/cases/42/notes')?.route.path).toBe('/api/cases/[id]/notes');
    expect(router.resolve('GET', '/x/a/b')?.params.rest).toEqual(['a', 'b']);
    expect(router.resolve('GET', '/x')).toBeNull();
    expect(router.resolve('GET', '/api/cases/%E0%A4%A')).toBeNull();
  });
  it('answers 405 with Allow for a known path and a wrong method, 404 for an unknown path', async () => {
    const r405 = await router.handle(new Request('http://x/api/cases/42/notes'));
    expect(r405.status).toBe(405);
    expect(r405.headers.get('allow')).toBe('POST');
    expect((await router.handle(new Request('http://x/api/nothing'))).status).toBe(404);
  });
  it('refuses a route declared twice', () => {
    expect(() => createRouter([route('GET', '/a'), route('GET', '/a')])).toThrow(/declared twice/);
  });
});

describe('CSRF check', () => {
  it('refuses cross-site cookie requests that change state, and nothing else', () => {
    const host = { host: 'rtcc.city.gov' };
    expect(csrfRefusal('POST', h({ ...host, origin: 'https://evil.example' }), true)).toMatch(/cross-origin/);
    expect(csrfRefusal('DELETE', h({ ...host, 'sec-fetch-site': 'cross-site' }), true)).toMatch(/cross-site/);
    expect(csrfRefusal('POST', h({ ...host, origin: 'null' }), true)).toMatch(/cross-origin/);
    expect(csrfRefusal('POST', h({ ...host, origin: 'https://rtcc.city.gov', 'sec-fetch-site': 'same-origin' }), true)).toBeNull();
    expect(csrfRefusal('POST', h(host), true)).toBeNull(); // not a browser
    expect(csrfRefusal('GET', h({ ...host, origin: 'https://evil.example' }), true)).toBeNull();
    expect(csrfRefusal('POST', h({ ...host, origin: 'https://evil.example' }), false)).toBeNull(); // API key, no cookie
  });
});

describe('security headers', () => {
  it('builds a strict CSP and adds HSTS only over TLS', () => {
    const csp = contentSecurityPolicy({ nonce: 'abc', dev: false, secure: false, mapOrigins: ['https://tiles.city.gov'] });
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).toContain("connect-src 'self' ws: wss: https://tiles.city.gov");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(contentSecurityPolicy({ nonce: 'n', dev: true, secure: true })).toContain("'unsafe-eval'");
    expect(securityHeaders({ nonce: 'n', dev: false, secure: false })['strict-transport-security']).toBeUndefined();
    expect(securityHeaders({ nonce: 'n', dev: false, secure: true })['strict-transport-security']).toContain('max-age=31536000');
  });
});
