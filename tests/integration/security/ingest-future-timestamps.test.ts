import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_KINDS } from '@/lib/domain/event';
import { makeAgency, makeEvent, makeSource, uid } from '../../helpers/factories';
import { startTestApp, UNLIMITED, type TestApp } from '../../helpers/test-app';

/** LPR retention cannot be dodged by a source: no far-future timestamps, no forged hotlist-hit siblings. */
let app: TestApp;
let source: { id: string; key: string };

beforeAll(async () => {
  app = await startTestApp(UNLIMITED);
  const agency = await makeAgency(app.db.pool);
  source = await makeSource(app.db.pool, agency.id, 'lpr');
});
afterAll(async () => app?.stop());

const post = async (events: Record<string, unknown>[]) => {
  const res = await fetch(`${app.url}/api/ingest/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${source.key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ events }),
  });
  return { status: res.status, body: (await res.json()) as { issues?: { path: string }[] } };
};
const stored = async (externalId: string) =>
  (await app.db.pool.query('SELECT 1 FROM event WHERE source_id = $1 AND external_id = $2', [source.id, externalId])).rowCount;

describe('ingest refuses timestamps far in the future', () => {
  it.each(EVENT_KINDS)('%s dated 2099 → 400, nothing stored', async (kind) => {
    const e = makeEvent({ kind, occurredAt: '2099-01-01T00:00:00Z' });
    const res = await post([e]);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('occurredAt');
    expect(await stored(e.externalId as string)).toBe(0);
  });

  it('an hour ahead is refused, a minute ahead (clock skew) is accepted', async () => {
    expect((await post([makeEvent({ occurredAt: new Date(Date.now() + 3600_000).toISOString() })])).status).toBe(400);
    expect((await post([makeEvent({ occurredAt: new Date(Date.now() + 60_000).toISOString() })])).status).toBe(202);
  });
});

describe('hotlist hits are the server’s own', () => {
  it('a source cannot send a "<read id>:hit" sibling to keep a read past retention', async () => {
    const read = uid('read');
    const res = await post([
      makeEvent({ externalId: read, kind: 'lpr', typeCode: 'plate_read' }),
      makeEvent({ externalId: `${read}:hit`, kind: 'alert', typeCode: 'lpr_hotlist_hit' }),
    ]);
    expect(res.status).toBe(400);
    expect(await stored(`${read}:hit`)).toBe(0);
    expect(await stored(read)).toBe(0);
  });
});
