import type { Runtime } from '@/lib/platform/runtime';
import { setAdminAllowList } from '@/lib/platform/outbound/outbound-fetch';
import { startTestPattern, upsertStreamCamera } from './test-pattern';

/**
 * With TEST_STREAMS=1: one ffmpeg test pattern (`demo`) and a camera of the demo agency playing it, at City Hall,
 * so a fresh `npm run dev` has a camera that plays without any camera network. Returns the shutdown.
 */
export async function startTestStreams(rt: Pick<Runtime, 'env' | 'pool'>, baseUrl: string, log: (line: string) => void = console.log): Promise<{ stop: () => Promise<void> }> {
  if (!rt.env.TEST_STREAMS) return { stop: async () => {} };
  const { rows } = await rt.pool.query<{ id: string }>(`SELECT id FROM agency WHERE slug = 'sf-demo'`);
  const agencyId = rows[0]?.id;
  if (!agencyId) return { stop: async () => {} };
  // The test pattern is served by this very server: its host must be reachable through the outbound policy.
  setAdminAllowList(rt, [new URL(baseUrl).hostname]);
  const pattern = startTestPattern(rt.env.DATA_DIR, 'demo', log);
  const id = await upsertStreamCamera(rt.pool, agencyId, {
    externalId: 'test-pattern-demo',
    name: 'Test pattern (City Hall)',
    lat: 37.77927,
    lon: -122.41924,
    heading: null, // sees all around: any incident within range gets it
    streamUrl: `${baseUrl}/streams/demo/index.m3u8`,
  });
  // Wait for the first segments so the camera plays at once; a failure (no ffmpeg) is logged, not fatal.
  await pattern.ready.catch((err: Error) => log(`[video] ${err.message}`));
  log(`[video] TEST_STREAMS: test pattern camera ${id} at ${baseUrl}/streams/demo/index.m3u8`);
  return { stop: pattern.stop };
}
