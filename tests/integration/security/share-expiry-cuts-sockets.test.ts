import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgency, makeEvent, makeSource, makeUser } from '../../helpers/factories';
import { LiveClient } from '../../helpers/live-client';
import { startTestApp, type TestApp } from '../../helpers/test-app';

/** An agency share that reaches its end cuts the partner's open sockets, as a revocation does. */
let app: TestApp;
let sourceA: { key: string };
let partner: string;
let shareEnds: number;

beforeAll(async () => {
  app = await startTestApp();
  const a = await makeAgency(app.db.pool);
  const b = await makeAgency(app.db.pool);
  sourceA = await makeSource(app.db.pool, a.id);
  const adminA = await makeUser(app.db.pool, a.id, 'admin');
  partner = (await app.signIn('partner_viewer', b.id)).cookie;
  shareEnds = Date.now() + 4000;
  await app.db.pool.query(
    `INSERT INTO agency_share (id, from_agency_id, to_agency_id, scope, starts_at, ends_at, created_by) VALUES ($1, $2, $3, $4, now(), $5, $6)`,
    [crypto.randomUUID(), a.id, b.id, ['layers'], new Date(shareEnds), adminA.id],
  );
});
afterAll(async () => app?.stop());

async function ingestA(): Promise<string> {
  const res = await fetch(`${app.url}/api/ingest/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${sourceA.key}` },
    body: JSON.stringify({ events: [makeEvent()] }),
  });
  expect(res.status).toBe(202);
  return ((await res.json()).results as { seq: string }[])[0]!.seq;
}

describe('agency share expiry', () => {
  it("a partner's socket sees the sharing agency's events until endsAt, and is cut then", async () => {
    const c = new LiveClient(app.url, partner);
    await c.waitFor((x) => x.syncedCount === 1);
    const during = await ingestA();
    await c.waitFor((x) => x.events.some((e) => e.seq === during));
    let disconnectedAt = 0;
    c.socket.on('disconnect', () => (disconnectedAt = Date.now()));
    await new Promise((r) => setTimeout(r, Math.max(0, shareEnds - Date.now()) + 2000));
    const after = await ingestA();
    await new Promise((r) => setTimeout(r, 1000));
    expect(c.events.some((e) => e.seq === after)).toBe(false);
    expect(c.socket.connected).toBe(false);
    expect(disconnectedAt).toBeGreaterThanOrEqual(shareEnds - 50);
    c.close();
  });
});
