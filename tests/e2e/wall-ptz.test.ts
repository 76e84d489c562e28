import crypto from 'node:crypto';
import { expect, it } from 'vitest';
import { upsertStreamCamera } from '@/lib/video/test-pattern';
import { startOnvifSimulator } from '../support/onvif-simulator';
import { ADMIN_PASSWORD } from './support/app-process';
import { ConsolePage, screenshot } from './support/browser';
import { e2eSuite } from './support/e2e-suite';

/** The wall's tile controls in Chromium: pick a tile's camera from the list, then drive its PTZ against the simulator. */
const t = e2eSuite({ DEMO: '0', TEST_STREAMS: '1' });

async function adminCookie(): Promise<string> {
  const login = await fetch(`${t.app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
  return (login.headers.get('set-cookie') ?? '').split(';')[0]!;
}

it('a camera chosen from the tile list lands on the wall and in its preset; a PTZ preset called from the tile reaches the camera', async () => {
  const sim = await startOnvifSimulator({ presets: [{ token: '1', name: 'North street', pan: 0, tilt: 0 }, { token: '2', name: 'South corner', pan: 0.5, tilt: -0.1 }] });
  try {
    const { rows } = await t.app.pool.query<{ id: string; agency_id: string; stream_url: string }>(`SELECT id, agency_id, stream_url FROM camera WHERE external_id = 'test-pattern-demo'`);
    const live = rows[0]!;
    const tag = crypto.randomBytes(3).toString('hex');
    const dome = await upsertStreamCamera(t.app.pool, live.agency_id, { externalId: `dome-${tag}`, name: `PTZ Dome ${tag}`, lat: 37.7793, lon: -122.4193, heading: 90, streamUrl: live.stream_url });
    const cookie = await adminCookie();
    const json = { cookie, 'content-type': 'application/json' };
    const set = await fetch(`${t.app.url}/api/admin/cameras/${dome}/onvif`, { method: 'PUT', headers: json, body: JSON.stringify({ url: sim.url, username: 'ptz-operator', password: 'sim-secret-42', ptz: true }) });
    expect(set.status).toBe(200);
    expect((await fetch(`${t.app.url}/api/wall`, { method: 'POST', headers: json, body: JSON.stringify({ layout: 2, mode: 'manual', cameraIds: [live.id] }) })).status).toBe(200);

    const page = await t.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await new ConsolePage(page, t.app.url).signIn('admin', ADMIN_PASSWORD);
    await page.goto(`${t.app.url}/wall`);
    await page.locator(`[data-testid="wall-tile"][data-tile="0"][data-camera-id="${live.id}"]`).waitFor();

    // The list path: the empty second tile's "Camera ▾", search by name, pick.
    const tile1 = page.locator('[data-testid="wall-tile"][data-tile="1"]');
    await tile1.hover();
    await page.getByRole('button', { name: 'Choose the camera of tile 2' }).click();
    const picker = page.getByRole('dialog', { name: 'Choose the camera of tile 2' });
    await picker.getByRole('searchbox', { name: 'Search cameras' }).fill(tag);
    await expect.poll(() => picker.getByRole('listitem').count()).toBe(1);
    await picker.getByRole('button', { name: new RegExp(`PTZ Dome ${tag}`) }).click();
    await page.locator(`[data-testid="wall-tile"][data-tile="1"][data-camera-id="${dome}"]`).waitFor();
    const wall = (await (await fetch(`${t.app.url}/api/wall`, { headers: { cookie } })).json()) as { cameraIds: string[]; mode: string };
    expect(wall).toMatchObject({ cameraIds: [live.id, dome], mode: 'manual' });
    // Saved with the wall: a preset saved now holds the picked camera in its tile.
    const saved = await fetch(`${t.app.url}/api/wall/presets`, { method: 'POST', headers: json, body: JSON.stringify({ name: `Picked ${tag}` }) });
    expect(((await saved.json()) as { preset: { cameraIds: string[] } }).preset.cameraIds).toEqual([live.id, dome]);

    // PTZ from the tile: open its controls, call a preset, then press and hold "Pan right".
    await tile1.hover();
    await page.getByRole('button', { name: `PTZ controls of PTZ Dome ${tag}` }).click();
    const controls = tile1.getByTestId('ptz-controls');
    const presetSelect = controls.getByRole('combobox', { name: `Preset of PTZ Dome ${tag}` });
    // The presets arrive from the camera, or the tile says why not (shown in the failure).
    await page.waitForFunction(() => {
      const el = document.querySelector('[data-testid="ptz-controls"]');
      return !!el && (el.querySelectorAll('option').length === 3 || !!el.querySelector('[role="status"]'));
    }, undefined, { timeout: 15_000 });
    expect(await controls.getByRole('status').allTextContents()).toEqual([]);
    expect(await presetSelect.locator('option').count()).toBe(3);
    await screenshot(page, 'wall-ptz-1920x1080');
    const before = sim.calls.length;
    await presetSelect.selectOption('2');
    const goto = await sim.waitFor((c) => c.action === 'GotoPreset' && sim.calls.indexOf(c) >= before);
    expect(goto).toMatchObject({ user: 'ptz-operator', params: { preset: '2' } });
    expect(sim.position.pan).toBe(0.5);

    const right = controls.getByRole('button', { name: 'Pan right' });
    const box = (await right.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await sim.waitFor((c) => c.action === 'ContinuousMove' && c.params.pan === 0.5);
    expect(sim.position.moving).toBe(true);
    await page.mouse.up();
    await sim.waitFor((c) => c.action === 'Stop');
    await expect.poll(() => sim.position.moving).toBe(false);
    expect(sim.refused).toEqual([]);

    // The tablet size: the same tile controls at 768×1024 (on touch screens they show without hover: pointer-coarse).
    await page.setViewportSize({ width: 768, height: 1024 });
    await controls.waitFor();
    await screenshot(page, 'wall-ptz-768x1024');
    expect(errors).toEqual([]);
    await page.close();
  } finally {
    await sim.close();
  }
});
