import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '@/app/api/registry';
import { openApiPath } from '@/lib/api/build-openapi';
import { parseCapXml } from '@/lib/ingest/adapters/cap-xml';
import { createCapPoller } from '@/lib/ingest/cap-feed-poller';
import { createBus } from '@/lib/platform/bus';
import { loadEnv } from '@/lib/platform/env';
import { VALID_CAP12 } from '../../fixtures/cap/cases';
import { makeAgency, makeSource } from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';
import { describeReport, eventCount, expectHealthy, generate, int, pick, send, UNICODE_JUNK, type FuzzCase, type Rand } from './fuzz-lib';

const DIR = path.resolve('tests/fixtures/cap');
const ALL_SAMPLES = ['google-cap-library', 'ibm-cap'].flatMap((d) =>
  fs.readdirSync(path.join(DIR, d)).filter((f) => !f.endsWith('.xsd')).map((f) => `${d}/${f}`),
);
const read = (f: string) => fs.readFileSync(path.join(DIR, f));

let app: TestApp;
let key: string;

async function postCap(body: BodyInit, contentType = 'application/cap+xml'): Promise<Response> {
  return fetch(`${app.url}/api/ingest/cap`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': contentType },
    body,
  });
}

beforeAll(async () => {
  app = await startTestApp({ INGEST_RATE_PER_SEC: '1000000', INGEST_BURST: '1000000' });
  const agency = await makeAgency(app.db.pool);
  key = (await makeSource(app.db.pool, agency.id, 'alert')).key;
});

afterAll(async () => {
  await app?.stop();
});

/** Every route a data source calls with its key, as declared. */
const ingestRoutes = () => ROUTES.filter((r) => r.policy.kind === 'sourceKey').map((r) => openApiPath(r.path));

describe('OpenAPI', () => {
  it('serves the generated document publicly: every ingest route and sign-in, bodies from the zod schemas', async () => {
    const res = await fetch(`${app.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> } }>>;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(doc.openapi).toBe('3.1.0');
    for (const route of [...ingestRoutes(), '/api/auth/login']) expect(Object.keys(doc.paths), route).toContain(route);
    const events = doc.paths['/api/ingest/events']!.post!.requestBody!.content['application/json']!.schema;
    expect(Object.keys(events.properties ?? {})).toEqual(['events']);
    expect(Object.keys(doc.components.securitySchemes)).toEqual(expect.arrayContaining(['apiKey', 'session']));
  });
});

describe('CAP 1.2 over HTTP', () => {
  it('accepts every valid CAP 1.2 sample and refuses every other file, storing nothing for those', async () => {
    for (const f of ALL_SAMPLES.filter((f) => !VALID_CAP12.includes(f))) {
      const before = await eventCount(app);
      const res = await postCap(read(f));
      expect(res.status, `${f}: ${await res.clone().text()}`).toBeGreaterThanOrEqual(400);
      expect(res.status, f).toBeLessThan(500);
      expect(await eventCount(app), f).toBe(before);
    }
    for (const f of VALID_CAP12) {
      const res = await postCap(read(f), f.endsWith('.xml') ? 'application/xml' : 'application/cap+xml');
      expect(res.status, `${f}: ${await res.clone().text()}`).toBe(202);
      const again = await postCap(read(f));
      expect(((await again.json()) as { duplicates: number }).duplicates, f).toBe(1);
    }
    const { rows } = await app.db.pool.query<{ kind: string; type_code: string; priority: number; lat: number | null; payload: { geometry: { type: string } | null } }>(
      `SELECT kind, type_code, priority, lat, payload FROM event WHERE external_id = 'KSTO@NWS.NOAA.GOV,KSTO1055887203'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'alert', type_code: 'SEVERE THUNDERSTORM', priority: 2 });
    expect(rows[0]!.payload.geometry?.type).toBe('Polygon');
    expect(rows[0]!.lat).toBeCloseTo(38.48, 1);
  });

  it('1000 malformed or hostile CAP documents → 4xx, nothing stored, server healthy', async () => {
    const bases = VALID_CAP12.map((f) => read(f).toString('latin1'));
    const asBytes = (c: FuzzCase): FuzzCase => ({ ...c, body: typeof c.body === 'string' ? Buffer.from(c.body, 'latin1') : c.body });
    const cases = generate(77, 1000, (r) => asBytes(mutateCap(r, pick(r, bases))), capAccepted);
    expect(new Set(cases.map((c) => c.kind)).size).toBeGreaterThanOrEqual(10);
    const before = await eventCount(app);
    const report = await send(app, '/api/ingest/cap', key, cases);
    expect(report.bad, describeReport(report)).toEqual([]);
    expect(await eventCount(app)).toBe(before);
    await expectHealthy(app);
  });

  it('polls a feed with ETag: embedded and linked alerts stored once, 304 afterwards', async () => {
    const thunder = read('google-cap-library/thunderstorm.cap');
    const amber = read('ibm-cap/cap_amber_alert_example.xml').toString('utf8').replace(/<\?xml[^>]*\?>/, '');
    let conditional = 0;
    const feed = http.createServer((req, res) => {
      if (req.url === '/alert.cap') return void res.writeHead(200, { 'content-type': 'application/cap+xml' }).end(thunder);
      if (req.headers['if-none-match'] === '"v1"') {
        conditional += 1;
        return void res.writeHead(304).end();
      }
      res.writeHead(200, { 'content-type': 'application/atom+xml', etag: '"v1"' }).end(
        `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><id>t</id>
         <entry><id>1</id><link href="/alert.cap" type="application/cap+xml"/></entry>
         <entry><id>2</id><content type="text/xml">${amber}</content></entry></feed>`,
      );
    });
    await new Promise<void>((r) => feed.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(feed.address() as { port: number }).port}/feed.atom`;
    const bus = await createBus(null);
    try {
      const logs: string[] = [];
      const poller = createCapPoller({ pool: app.db.pool, bus, env: loadEnv({ NODE_ENV: 'test', OUTBOUND_ALLOW: '127.0.0.1' }) }, [url], (l) => logs.push(l));
      const [first] = await poller.pollOnce();
      expect(first, logs.join('\n')).toMatchObject({ status: 200, refused: 0 });
      expect(first!.stored + first!.duplicates).toBe(2);
      const [second] = await poller.pollOnce();
      expect(second).toMatchObject({ status: 304, stored: 0 });
      expect(conditional).toBe(1);
      const { rows } = await app.db.pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM event e JOIN source s ON s.id = e.source_id WHERE s.name = $1`,
        [`CAP feed ${url}`],
      );
      expect(Number(rows[0]!.n)).toBe(2);
    } finally {
      await bus.close();
      await new Promise((r) => feed.close(r));
    }
  });
});

function capAccepted(c: FuzzCase): boolean {
  if (!/^(application\/(cap\+)?xml|text\/xml)\s*(;|$)/i.test(c.contentType)) return false;
  try {
    parseCapXml(typeof c.body === 'string' ? Buffer.from(c.body, 'utf8') : c.body);
    return true;
  } catch {
    return false;
  }
}

const REQUIRED = ['identifier', 'sender', 'sent', 'status', 'msgType', 'scope', 'info', 'category', 'event', 'urgency', 'severity', 'certainty', 'areaDesc', 'area'];
const HOSTILE = [
  '<!DOCTYPE alert [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
  '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>',
  '<!doctype alert SYSTEM "http://127.0.0.1:1/x.dtd">',
  '<!ENTITY % p SYSTEM "http://127.0.0.1:1/">',
  '<?xml-stylesheet type="text/xsl" href="http://127.0.0.1:1/x.xsl"?><!DOCTYPE a []>',
];

/** One malformed or hostile CAP document derived from a valid one (latin1 strings keep bytes 1:1). */
function mutateCap(r: Rand, base: string): FuzzCase {
  const xml = 'application/cap+xml';
  const kind = pick(r, [
    'dtd-entity', 'entity-ref', 'remove-required', 'bad-enum', 'bad-date', 'truncated', 'wrong-content-type', 'deep-nesting',
    'bad-polygon', 'old-namespace', 'binary', 'duplicate', 'unknown-element', 'unicode-junk', 'not-alert',
  ]);
  const tag = (name: string) => new RegExp(`<((?:\\w+:)?${name})>([\\s\\S]*?)</\\1>`);
  const replaceText = (name: string, value: string) => base.replace(tag(name), (_m, q: string) => `<${q}>${value}</${q}>`);
  switch (kind) {
    case 'dtd-entity': {
      const decl = pick(r, HOSTILE);
      return { kind, contentType: xml, body: base.replace(/(<\?xml[^>]*\?>)?/, (d) => `${d}${decl}`).replace(tag('event'), (_m, q: string) => `<${q}>&xxe;&lol2;</${q}>`) };
    }
    case 'entity-ref':
      return { kind, contentType: xml, body: replaceText(pick(r, ['headline', 'event', 'areaDesc', 'sender']), pick(r, ['&xxe;', '&nbsp;', '&#0;', '&#xD800;', 'a & b', '&#99999999;'])) };
    case 'remove-required':
      return { kind, contentType: xml, body: base.replace(tag(pick(r, REQUIRED)), '') };
    case 'bad-enum':
      return { kind, contentType: xml, body: replaceText(pick(r, ['status', 'msgType', 'scope', 'urgency', 'severity', 'certainty', 'category']), pick(r, ['', 'actual', 'Very Likely', 'X', '1', 'Public Private'])) };
    case 'bad-date':
      return { kind, contentType: xml, body: replaceText(pick(r, ['sent', 'effective', 'expires', 'onset']), pick(r, ['2003-06-17T14:57:00Z', 'yesterday', '2003-13-45T99:00:00-07:00', '2003-06-17 14:57:00', ''])) };
    case 'truncated':
      return { kind, contentType: xml, body: base.slice(0, int(r, 0, base.length - 10)) };
    case 'wrong-content-type':
      return { kind, contentType: pick(r, ['application/json', 'text/plain', '', 'application/x-www-form-urlencoded', 'application/cap+json']), body: base };
    case 'deep-nesting': {
      const d = int(r, 65, 5000);
      return { kind, contentType: xml, body: replaceText('headline', `${'<a>'.repeat(d)}x${'</a>'.repeat(d)}`) };
    }
    case 'bad-polygon':
      return { kind, contentType: xml, body: base.replace(/<\/areaDesc>/, `</areaDesc><polygon>${pick(r, ['1,1 2,2 3,3', '91,0 1,1 2,2 91,0', '1,1 2,2 3,3 4,4', 'a,b c,d e,f a,b', ''])}</polygon>`) };
    case 'old-namespace':
      return { kind, contentType: xml, body: base.replace('urn:oasis:names:tc:emergency:cap:1.2', pick(r, ['urn:oasis:names:tc:emergency:cap:1.1', 'urn:oasis:names:tc:emergency:cap:1.0', 'http://evil.example/', ''])) };
    case 'binary': {
      const n = int(r, 1, 3000);
      let s = '';
      for (let i = 0; i < n; i++) s += String.fromCharCode(int(r, 0, 255));
      return { kind, contentType: xml, body: s };
    }
    case 'duplicate': {
      const name = pick(r, ['identifier', 'sender', 'sent', 'status', 'msgType', 'scope', 'event', 'urgency']);
      return { kind, contentType: xml, body: base.replace(tag(name), (m) => m + m) };
    }
    case 'unknown-element':
      return { kind, contentType: xml, body: base.replace(/<\/((?:\w+:)?identifier)>/, (m) => `${m}<${pick(r, ['__proto__', 'constructor', 'script', 'x'])}>1</${pick(r, ['__proto__', 'constructor', 'script', 'x'])}>`) };
    case 'unicode-junk':
      // \u0000 and lone surrogates cannot be encoded as UTF-8; as latin1 bytes they are invalid UTF-8 or NUL.
      return { kind, contentType: xml, body: replaceText(pick(r, ['identifier', 'sender', 'status', 'sent']), Array.from({ length: 3 }, () => pick(r, UNICODE_JUNK)).join('')) };
    default:
      return { kind: 'not-alert', contentType: xml, body: pick(r, ['', ' ', '<alert/>', '<feed/>', '<?xml version="1.0"?>', '<a><b></a>', '{"alert":1}', '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"></alert>']) };
  }
}
