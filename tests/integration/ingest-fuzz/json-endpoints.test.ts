import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZEventBatch, type EventInput } from '@/lib/domain/event';
import { adaptAvlBatch, fixToEvent } from '@/lib/ingest/adapters/avl-osmand';
import { adaptCad } from '@/lib/ingest/adapters/cad-json';
import { adaptGunshots } from '@/lib/ingest/adapters/gunshot';
import { adaptLprReads, readToEvent } from '@/lib/ingest/adapters/lpr-webhook';
import { adaptEido } from '@/lib/ingest/adapters/nena-eido';
import { validateEvents } from '@/lib/ingest/receive-adapted';
import { makeAgency, makeEvent, makeSource } from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';
import { describeReport, eventCount, expectHealthy, generate, jsonAccepted, mutateJson, send } from './fuzz-lib';

/**
 * ≥ 1,000 generated malformed payloads per JSON ingest endpoint (fixed seeds): every one answered 4xx, no event
 * stored, the server healthy afterwards. One server for the file; 8 requests in flight.
 */
const COUNT = 1000;
const now = '2026-11-25T18:00:00Z';

interface Endpoint {
  path: string;
  kind: string;
  seed: number;
  template: unknown;
  /** Throws when the server would refuse the body (the server's own adapter and event validation). */
  adapt: (body: unknown) => unknown;
}

const ALL_ENDPOINTS: Endpoint[] = [
  {
    path: '/api/ingest/events',
    kind: 'cad',
    seed: 1,
    template: { events: [makeEvent({ payload: { note: 'x', n: 1 } }), makeEvent()] },
    adapt: (b) => {
      const p = ZEventBatch.safeParse(b);
      if (!p.success) throw p.error;
    },
  },
  {
    path: '/api/ingest/eido',
    kind: 'call911',
    seed: 2,
    template: JSON.parse(fs.readFileSync('tests/fixtures/eido/Sample call transfer EIDO.json', 'utf8')) as unknown,
    adapt: (b) => validateEvents(adaptEido(b)),
  },
  {
    path: '/api/ingest/cad',
    kind: 'cad',
    seed: 3,
    template: {
      incidents: [
        {
          incidentNumber: 'F-1',
          status: 'dispatched',
          statusAt: now,
          typeCode: 'FIRE',
          priority: 2,
          location: { lat: 37.77, lon: -122.41, address: '1 Main St' },
          units: [{ callSign: 'E1', status: 'dispatched' }],
        },
      ],
    },
    adapt: (b) => validateEvents(adaptCad(b, { codeMap: new Map(), jurisdiction: null }).events),
  },
  {
    path: '/api/ingest/avl',
    kind: 'avl',
    seed: 4,
    template: { positions: [{ unitId: 'E1', lat: 37.77, lon: -122.41, timestamp: now, speedKmh: 40, heading: 90 }] },
    adapt: (b) => validateEvents(adaptAvlBatch(b).map(fixToEvent)),
  },
  {
    path: '/api/ingest/gunshot',
    kind: 'gunshot',
    seed: 5,
    template: { detections: [{ incidentId: 'g-1', occurredAt: now, lat: 37.73, lon: -122.39, rounds: 3, confidence: 0.9 }] },
    adapt: (b) => validateEvents(adaptGunshots(b)),
  },
  {
    path: '/api/ingest/lpr',
    kind: 'lpr',
    seed: 6,
    template: { reads: [{ readId: 'r-1', plate: 'ABC123', state: 'CA', cameraId: 'cam-1', occurredAt: now, lat: 37.7, lon: -122.4, confidence: 91 }] },
    adapt: (b) => {
      const events: EventInput[] = adaptLprReads(b).map(readToEvent);
      if (events.length === 0) return; // an OpenALPR heartbeat: accepted, nothing to store
      validateEvents(events);
    },
  },
];
// Routes of the other ingest engineer are fuzzed once they exist; FUZZ_ONLY=<part of path> narrows a local run.
const ENDPOINTS = ALL_ENDPOINTS.filter((e) => fs.existsSync(`app${e.path}/route.ts`) && (!process.env.FUZZ_ONLY || e.path.includes(process.env.FUZZ_ONLY)));

let app: TestApp;
const keys = new Map<string, string>();

beforeAll(async () => {
  app = await startTestApp({ INGEST_RATE_PER_SEC: '1000000', INGEST_BURST: '1000000' });
  const agency = await makeAgency(app.db.pool);
  for (const e of ENDPOINTS) keys.set(e.path, (await makeSource(app.db.pool, agency.id, e.kind)).key);
});

afterAll(async () => {
  await app?.stop();
});

describe('ingest fuzz: JSON endpoints', () => {
  it.each(ENDPOINTS.map((e) => [e.path, e] as const))(`%s: ${COUNT} malformed payloads → 4xx, nothing stored`, async (_p, e) => {
    for (const c of [{ kind: 'template', contentType: 'application/json', body: JSON.stringify(e.template) }]) {
      expect(jsonAccepted(c, e.adapt), 'the template itself must be valid').toBe(true);
    }
    const cases = generate(e.seed, COUNT, (r) => mutateJson(r, e.template as never), (c) => jsonAccepted(c, e.adapt));
    const kinds = new Set(cases.map((c) => c.kind));
    expect(kinds.size).toBeGreaterThanOrEqual(10);
    const before = await eventCount(app);
    const report = await send(app, e.path, keys.get(e.path)!, cases);
    expect(report.bad, describeReport(report)).toEqual([]);
    expect(await eventCount(app)).toBe(before);
    await expectHealthy(app);
  });

  // ZEventInput accepts NUL in strings and unpaired surrogates in `payload`, which PostgreSQL refuses at INSERT:
  // that must be a 4xx (or a clean store), never a 500.
  it('schema-valid unicode junk (NUL, lone surrogates) is stored or refused, never a 5xx', async () => {
    const junk = ['\u0000', 'a\u0000b', '\ud800', '\udfff x', '\u202e', '\ufeff'];
    const statuses: number[] = [];
    for (const j of junk) {
      for (const over of [{ title: j }, { typeCode: `T${j}` }, { address: j }, { payload: { note: j } }, { payload: { [`k${j}`]: 1 } }, { externalId: `id-${j}-${Math.random()}` }]) {
        const res = await fetch(`${app.url}/api/ingest/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${keys.get('/api/ingest/events')!}`, 'content-type': 'application/json' },
          body: JSON.stringify({ events: [makeEvent(over)] }),
        });
        statuses.push(res.status);
      }
    }
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    await expectHealthy(app);
  });
});
