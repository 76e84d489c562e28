import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/test-app';

// The share-link passcode throttle (10 tries per 15 minutes) holds under parallel guessing, and once the window
// has passed the recipient's right passcode opens the link again.
let app: TestApp;
let cookie: string;

beforeAll(async () => {
  app = await startTestApp();
  cookie = (await app.signIn('detective')).cookie;
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

const post = (p: string, body: unknown, headers: Record<string, string> = { cookie }) =>
  fetch(`${app.url}${p}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('share passcode throttle', () => {
  it('40 parallel wrong passcodes: at most 10 are evaluated; after the window the right passcode opens the link', async () => {
    const { case: c } = (await (await post('/api/cases', { title: 'Throttle case' })).json()) as { case: { id: string } };
    const share = (await (await post(`/api/cases/${c.id}/shares`, { recipientName: 'R. Recipient', passcode: 'the-right-one-42' })).json()) as { id: string; token: string };
    const guesses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => post(`/api/share/${share.token}/unlock`, { passcode: `wrong-guess-${i}` }, {}).then((r) => r.status)),
    );
    const evaluated = guesses.filter((s) => s === 403).length;
    expect(evaluated, guesses.join(',')).toBeLessThanOrEqual(10);
    expect(guesses.filter((s) => s === 429).length).toBe(40 - evaluated);
    const wrongRows = await app.db.pool.query(
      `SELECT count(*)::int AS n FROM custody_log WHERE case_id = $1 AND details->>'refused' = 'wrong passcode'`,
      [c.id],
    );
    expect(wrongRows.rows[0].n).toBe(evaluated);

    // Within the window even the right passcode waits (Retry-After says how long, at most the window).
    const locked = await post(`/api/share/${share.token}/unlock`, { passcode: 'the-right-one-42' }, {});
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeLessThanOrEqual(900);

    // The window ends 15 minutes after it began, whatever was tried during the lock: then the recipient gets in.
    await app.db.pool.query(
      `UPDATE share_link SET passcode_window_start = passcode_window_start - interval '16 minutes' WHERE id = $1`,
      [share.id],
    );
    const open = await post(`/api/share/${share.token}/unlock`, { passcode: 'the-right-one-42' }, {});
    expect(open.status, await open.clone().text()).toBe(200);
  });
});
