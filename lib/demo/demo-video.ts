import { spawnSync } from 'node:child_process';
import type pg from 'pg';
import type { EventInput } from '@/lib/domain/event';
import { selectWall, upsertWall } from '@/lib/wall/wall-sql';
import { startTestPattern, streamProblems, upsertStreamCamera, type TestPattern } from '@/lib/video/test-pattern';

/**
 * The demo's cameras: four invented cameras where the replayed week is busiest (three where CAD calls cluster,
 * one where gunshot detections do), each aimed at its cluster, playing a generated live stream (ffmpeg test
 * pattern with the camera's name and the San Francisco clock burnt in). Without ffmpeg the cameras are still
 * there and their tiles say why they show nothing.
 */

export interface DemoCamera {
  externalId: string;
  name: string;
  lat: number;
  lon: number;
  heading: number;
  /** Where the camera looks: the middle of its cluster. */
  target: [number, number];
}

const CELL_DEG = 0.003; // ≈ 300 m
const MIN_APART_M = 1200;
const SETBACK_M = 120;
const RANGE_M = 350;
const FOV_DEG = 100;
const LOOK = { size: '480x270', rate: 10, timeZone: 'America/Los_Angeles' } as const;

function metres(a: [number, number], b: [number, number]): number {
  const k = Math.PI / 180;
  const x = (b[1] - a[1]) * k * Math.cos(((a[0] + b[0]) / 2) * k);
  return Math.hypot((b[0] - a[0]) * k, x) * 6_371_000;
}

/** The `n` busiest ~300 m cells of `events`, at least 1.2 km apart (and from `taken`), with a name for each. */
export function busiestPlaces(events: EventInput[], n: number, taken: [number, number][] = []): { at: [number, number]; place: string }[] {
  const cells = new Map<string, { lat: number; lon: number; count: number; names: Map<string, number> }>();
  for (const e of events) {
    if (e.lat === null || e.lon === null) continue;
    const key = `${Math.floor(e.lat / CELL_DEG)}:${Math.floor(e.lon / CELL_DEG)}`;
    const c = cells.get(key) ?? { lat: 0, lon: 0, count: 0, names: new Map<string, number>() };
    c.lat += e.lat;
    c.lon += e.lon;
    c.count++;
    const p = e.payload as { neighborhood?: unknown };
    const name = typeof p.neighborhood === 'string' ? p.neighborhood : (e.address?.split(',')[0]?.replace(/^\d+\s+(Block of\s+)?/i, '') ?? '');
    if (name) c.names.set(name, (c.names.get(name) ?? 0) + 1);
    cells.set(key, c);
  }
  const out: { at: [number, number]; place: string }[] = [];
  const used = [...taken];
  for (const c of [...cells.values()].sort((a, b) => b.count - a.count)) {
    const at: [number, number] = [c.lat / c.count, c.lon / c.count];
    if (used.some((u) => metres(u, at) < MIN_APART_M)) continue;
    const place = [...c.names].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'San Francisco';
    out.push({ at, place });
    used.push(at);
    if (out.length === n) break;
  }
  return out;
}

/** Cameras set back from each busy place, looking at it (north-facing from the south side). */
export function placeDemoCameras(cad: EventInput[], gunshots: EventInput[]): DemoCamera[] {
  const calls = busiestPlaces(cad, 3);
  const shots = busiestPlaces(gunshots, 1, calls.map((c) => c.at));
  return [...calls, ...shots].map(({ at, place }, i) => ({
    externalId: `demo-video-${i + 1}`,
    name: `Demo cam ${i + 1} · ${titleCase(place)} (generated video)`,
    lat: at[0] - SETBACK_M / 111_320,
    lon: at[1],
    heading: 0,
    target: at,
  }));
}

function titleCase(s: string): string {
  return s.toLowerCase().replace(/\b[a-z]/g, (c) => c.toUpperCase()).slice(0, 40);
}

export function ffmpegMissing(): string | null {
  const probe = spawnSync('ffmpeg', ['-hide_banner', '-version'], { stdio: 'ignore', timeout: 10_000 });
  return probe.error ? 'demo video needs ffmpeg, which is not installed on this server: install it and restart' : null;
}

/**
 * Register the cameras (the correlator reloads them at once) and start their streams; a fresh wall shows them.
 * Returns the shutdown.
 */
export async function startDemoVideo(
  pool: pg.Pool,
  agencyId: string,
  cameras: DemoCamera[],
  opts: { dataDir: string; baseUrl: string; video: boolean; log: (line: string) => void },
): Promise<{ ids: string[]; playing: boolean; stop: () => Promise<void> }> {
  const missing = opts.video ? ffmpegMissing() : 'demo video is off (DEMO_VIDEO=0)';
  const patterns: TestPattern[] = [];
  const ids: string[] = [];
  for (const c of cameras) {
    const stream = c.externalId;
    if (missing) streamProblems().set(stream, missing);
    else {
      streamProblems().delete(stream);
      patterns.push(startTestPattern(opts.dataDir, stream, opts.log, { ...LOOK, label: c.name.replace(' (generated video)', '') }));
    }
    ids.push(
      await upsertStreamCamera(pool, agencyId, {
        externalId: c.externalId,
        name: c.name,
        lat: c.lat,
        lon: c.lon,
        heading: c.heading,
        fovDeg: FOV_DEG,
        rangeM: RANGE_M,
        status: missing ? 'offline' : 'online',
        streamUrl: `${opts.baseUrl}/streams/${stream}/index.m3u8`,
      }),
    );
  }
  // A wall nobody has set yet shows the demo cameras (an operator's later choice is kept).
  const wall = await selectWall(pool, agencyId);
  if (wall.version === 0) await upsertWall(pool, agencyId, { layout: 2, mode: 'manual', incidentId: null, cameraIds: ids.slice(0, 4) }, null);
  await Promise.all(patterns.map((p) => p.ready.catch((err: Error) => opts.log(`[demo] ${err.message}`))));
  opts.log(missing ? `[demo] ${cameras.length} demo cameras without video: ${missing}` : `[demo] ${cameras.length} demo cameras playing generated video`);
  return { ids, playing: !missing, stop: async () => void (await Promise.all(patterns.map((p) => p.stop()))) };
}
