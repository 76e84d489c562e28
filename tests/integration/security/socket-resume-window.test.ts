import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgency, makeEvent, makeSource, makeUser } from '../../helpers/factories';
import { LiveClient } from '../../helpers/live-client';
import { startTestApp, type TestApp } from '../../helpers/test-app';

/** The live socket is a live view, not a history search: resume is bounded to the live window. */
let app: TestApp;
let lpr: { id: string; key: string };
let operator: string;
let detective: string;
let agencyId: string;

async function ingest(events: Record<string, unknown>[]): Promise<string[]> {
  const res = await fetch(`${app.url}/api/ingest/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${lpr.key}` },
    body: JSON.stringify({ events }),
  });
  expect(res.status).toBe(202);
  return ((await res.json()).results as { seq: string }[]).map((r) => r.seq);
}

const plateRead = () => makeEvent({ kind: 'lpr', typeCode: 'plate_read', title: 'Plate 7ABC123', payload: { plate: '7ABC123' } });

let oldSeqs: string[];
let freshSeqs: string[];

beforeAll(async () => {
  app = await startTestApp();
  const agency = await makeAgency(app.db.pool);
  agencyId = agency.id;
  lpr = await makeSource(app.db.pool, agency.id, 'lpr');
  const op = await makeUser(app.db.pool, agency.id, 'operator');
  const det = await makeUser(app.db.pool, agency.id, 'detective');
  operator = await app.login(op.username, op.password);
  detective = await app.login(det.username, det.password);
  // Two days old: stored, searchable with a purpose, never part of a live view.
  oldSeqs = await ingest([plateRead(), plateRead()]);
  await app.db.pool.query(`UPDATE event SET received_at = now() - interval '2 days', occurred_at = now() - interval '2 days' WHERE seq = ANY($1::bigint[])`, [oldSeqs]);
  freshSeqs = await ingest([plateRead()]);
  // A resume replays up to what the server's event tail has read and leaves anything newer to the live push, which
  // may come after `synced`; under load the tail can trail the 202. Wait until a console has the fresh event, so
  // every resume below starts with the tail past it.
  const watcher = new LiveClient(app.url, operator, null);
  await watcher.waitFor((x) => x.events.some((e) => e.seq === freshSeqs[0]));
  watcher.close();
});
afterAll(async () => app?.stop());

async function resumeFrom(cookie: string, afterSeq: string | null, purpose?: string): Promise<LiveClient> {
  const c = new LiveClient(app.url, cookie, afterSeq);
  if (purpose) {
    // Re-issue the resume with a purpose (the helper's own resume carries none).
    c.socket.off('connect');
    c.socket.on('connect', () => c.socket.emit('resume', { afterSeq, purpose } as never, () => {}));
  }
  await c.waitFor((x) => x.syncedCount === 1);
  return c;
}

describe('socket resume is bounded to the live window', () => {
  it('an operator resuming from seq 0 gets recent events but no plate reads from days ago', async () => {
    const c = await resumeFrom(operator, '0');
    const got = c.events.map((e) => e.seq);
    expect(got).toEqual(expect.arrayContaining(freshSeqs));
    expect(got.some((s) => oldSeqs.includes(s))).toBe(false);
    c.close();
  });

  it('a fresh snapshot (no seq) holds no old plate reads either', async () => {
    const c = await resumeFrom(operator, null);
    expect(c.events.some((e) => oldSeqs.includes(e.seq))).toBe(false);
    expect(c.events.map((e) => e.seq)).toEqual(expect.arrayContaining(freshSeqs));
    c.close();
  });

  it('a detective without a purpose gets the live window only; with one, the replay beyond it is audited as a search', async () => {
    const plain = await resumeFrom(detective, '0');
    expect(plain.events.some((e) => oldSeqs.includes(e.seq))).toBe(false);
    plain.close();

    const withPurpose = await resumeFrom(detective, '0', 'offense:robbery');
    expect(withPurpose.events.map((e) => e.seq)).toEqual(expect.arrayContaining([...oldSeqs, ...freshSeqs]));
    withPurpose.close();
    const { rows } = await app.db.pool.query<{ action: string; purpose: string; agency_id: string }>(
      `SELECT action, purpose, agency_id FROM audit_log WHERE target_type = 'search' AND target_id = 'live.replay' ORDER BY id`,
    );
    expect(rows).toEqual([expect.objectContaining({ action: 'search.run', purpose: 'offense:robbery', agency_id: agencyId })]);
  });
});
