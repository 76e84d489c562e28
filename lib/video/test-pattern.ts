import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { REFERENCE_CHANGED_CHANNEL } from '@/lib/correlate/channels';

/**
 * ffmpeg test-pattern HLS streams for development and tests: no camera network needed. Files go to
 * `${DATA_DIR}/streams/<name>/index.m3u8` and the app serves them at `/streams/<name>/…`
 * (app/streams/[name]/[...path]/route.ts), because Next serves only public/ files present at build time.
 */
export const STREAM_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

export interface TestPattern {
  name: string;
  dir: string;
  playlist: string;
  /** Resolves once the first playlist is on disk (ffmpeg encodes in real time: ~1–2 s). */
  ready: Promise<void>;
  stop: () => Promise<void>;
}

export function streamsDir(dataDir: string): string {
  return path.resolve(dataDir, 'streams');
}

/** What a generated stream looks like: a test pattern, optionally with a name and the clock burnt in. */
export interface PatternLook {
  /** Burnt in at the bottom with the local clock (letters, digits, spaces and `.,()&-` only). */
  label?: string;
  size?: string;
  rate?: number;
  /** Time zone of the burnt-in clock. */
  timeZone?: string;
}

/** Streams that cannot run on this machine, with the reason a viewer is told (shared across Next's bundles). */
const PROBLEMS = Symbol.for('rtcc.testStreamProblems');
export function streamProblems(): Map<string, string> {
  const g = globalThis as { [PROBLEMS]?: Map<string, string> };
  return (g[PROBLEMS] ??= new Map());
}

function videoFilter(look: PatternLook): string[] {
  if (!look.label) return [];
  const label = look.label.replace(/[^A-Za-z0-9 .()&-]/g, ' ');
  return ['-vf', `drawtext=text='${label}  %{localtime}':fontcolor=white:fontsize=16:box=1:boxcolor=black@0.65:boxborderw=4:x=8:y=h-th-12`];
}

export function startTestPattern(dataDir: string, name: string, log: (line: string) => void = console.log, look: PatternLook = {}): TestPattern {
  if (!STREAM_NAME.test(name)) throw new Error(`invalid stream name ${name}`);
  const dir = path.join(streamsDir(dataDir), name);
  const playlist = path.join(dir, 'index.m3u8');
  let proc: ChildProcess | null = null;
  let stopped = false;
  const started = fs.rm(dir, { recursive: true, force: true }).then(() => fs.mkdir(dir, { recursive: true })).then(() => {
    if (stopped) return;
    // -re paces to real time so the playlist is live like a camera's; a small list keeps the disk use bounded.
    proc = spawn('ffmpeg', [
      '-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', `testsrc=size=${look.size ?? '640x360'}:rate=${look.rate ?? 25}`,
      ...videoFilter(look),
      '-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-g', String(look.rate ?? 25), '-pix_fmt', 'yuv420p',
      '-f', 'hls', '-hls_time', '1', '-hls_list_size', '5', '-hls_flags', 'delete_segments',
      '-hls_segment_filename', path.join(dir, 'seg-%d.ts'), playlist,
    ], { stdio: ['ignore', 'ignore', 'pipe'], env: look.timeZone ? { ...process.env, TZ: look.timeZone } : process.env });
    proc.stderr!.on('data', (d: Buffer) => log(`[video] ffmpeg ${name}: ${d.toString().trim()}`));
    proc.on('error', (err) => log(`[video] ffmpeg ${name} could not start: ${err.message}`));
    // The encoder yields the CPU to the live path: on a busy box a dropped frame of a test pattern costs nothing, a
    // late push to the consoles does. Raising one's own child's niceness needs no privilege.
    if (proc.pid) {
      try {
        os.setPriority(proc.pid, 10);
      } catch {
        // not allowed here (some containers): it runs at the server's priority
      }
    }
  });
  const ready = started.then(async () => {
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && !stopped) {
      if (await fs.stat(playlist).then(() => true, () => false)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    if (!stopped) throw new Error(`test stream ${name} produced no playlist in 20 s (is ffmpeg installed?)`);
  });
  return {
    name,
    dir,
    playlist,
    ready,
    async stop() {
      stopped = true;
      await started.catch(() => {});
      const p = proc as ChildProcess | null;
      if (p && p.exitCode === null) {
        const exited = new Promise((r) => p.once('exit', r));
        p.kill('SIGTERM');
        await exited;
      }
    },
  };
}

/** Register (or re-point) a camera of `agencyId` at a stream URL; returns its id. */
export async function upsertStreamCamera(
  pool: pg.Pool,
  agencyId: string,
  c: { externalId: string; name: string; lat: number; lon: number; heading: number | null; streamUrl: string; fovDeg?: number; rangeM?: number; status?: string },
): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO camera (id, agency_id, external_id, name, lat, lon, heading, fov_deg, range_m, ptz, stream_kind, stream_url, owner, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $9, $10, false, 'hls', $8, 'city', $11)
     ON CONFLICT (agency_id, external_id) DO UPDATE SET stream_url = EXCLUDED.stream_url, name = EXCLUDED.name, lat = EXCLUDED.lat,
       lon = EXCLUDED.lon, heading = EXCLUDED.heading, fov_deg = EXCLUDED.fov_deg, range_m = EXCLUDED.range_m, status = EXCLUDED.status
     RETURNING id`,
    [crypto.randomUUID(), agencyId, c.externalId, c.name, c.lat, c.lon, c.heading, c.streamUrl, c.fovDeg ?? 90, c.rangeM ?? 200, c.status ?? 'online'],
  );
  // The correlator holds cameras in memory: tell it to reload so new incidents here get this camera.
  await pool.query('SELECT pg_notify($1, $2)', [REFERENCE_CHANGED_CHANNEL, 'cameras']);
  return rows[0]!.id;
}
