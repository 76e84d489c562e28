import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { AppError } from '@/lib/platform/errors/app-error';
import { allowList, checkUrl, resolveChecked } from '@/lib/platform/outbound/outbound-fetch';
import type { Runtime } from '@/lib/platform/runtime';
import { noteFailure, noteFrame } from '../video-health-store';
import { CameraRestream, type RestreamState } from './camera-restream';
import { startRtspGuard } from './rtsp-guard';

/**
 * Every managed restream of this node, by camera: created when a viewer first asks, swept once nobody has asked for
 * RESTREAM_IDLE_SECONDS (process ended, files removed), capped at RESTREAM_MAX_CAMERAS processes. Shared through
 * globalThis because Next.js bundles route handlers apart from server.ts.
 */
export class RestreamManager {
  private readonly all = new Map<string, CameraRestream>();
  private readonly sweep: ReturnType<typeof setInterval>;
  /** Starts and restarts of restreams already swept away, so the Prometheus counters never go down. */
  private retired = { starts: 0, restarts: 0 };

  constructor(private readonly rt: Pick<Runtime, 'env' | 'pool'>, private readonly log: (line: string) => void = console.log) {
    this.sweep = setInterval(() => void this.tick(), 1000);
    this.sweep.unref();
    this.root = path.resolve(rt.env.DATA_DIR, 'restream', String(process.pid));
    removeOrphans(path.dirname(this.root));
  }
  /** This process's restream files: `DATA_DIR/restream/<pid>/<camera>` (nodes and test servers may share DATA_DIR). */
  private readonly root: string;

  /** The restream of a camera, started if it is not running; a changed URL replaces the old process. */
  open(cameraId: string, url: string, viewer: string): CameraRestream {
    let r = this.all.get(cameraId);
    if (r && r.url !== url) {
      void this.retire(cameraId, r);
      r = undefined;
    }
    if (!r) {
      const max = this.rt.env.RESTREAM_MAX_CAMERAS;
      if (this.all.size >= max) throw new AppError('UNAVAILABLE', `No signal: this server already restreams ${max} cameras (RESTREAM_MAX_CAMERAS)`);
      r = new CameraRestream(cameraId, url, path.join(this.root, cameraId), {
        connect: (u, onEnded) => guardedInput(this.rt, u, onEnded),
        onFrame: () => noteFrame(this.rt.pool as pg.Pool, cameraId),
        onFailure: (reason) => noteFailure(this.rt.pool as pg.Pool, cameraId, reason),
        log: this.log,
        ffmpeg: this.rt.env.RESTREAM_FFMPEG,
        segmentSeconds: this.rt.env.RESTREAM_SEGMENT_SECONDS,
      });
      this.all.set(cameraId, r);
    }
    r.touch(viewer);
    return r;
  }

  get(cameraId: string): CameraRestream | undefined {
    return this.all.get(cameraId);
  }

  private async tick(now = Date.now()): Promise<void> {
    const idleMs = this.rt.env.RESTREAM_IDLE_SECONDS * 1000;
    for (const [id, r] of this.all) {
      if (now - r.lastAccess > idleMs) await this.retire(id, r);
      else r.watchdog(now);
    }
  }

  private async retire(id: string, r: CameraRestream): Promise<void> {
    if (this.all.get(id) === r) this.all.delete(id);
    this.retired.starts += r.starts;
    this.retired.restarts += r.restarts;
    const wasRunning = r.running;
    await r.stop();
    if (wasRunning) this.log(`[restream] camera ${id}: nobody watching, stopped`);
  }

  /** Figures for /metrics: processes running, restreams by state, viewers, starts and restarts since boot. */
  stats(now = Date.now()): { processes: number; states: Map<RestreamState, number>; viewers: number; starts: number; restarts: number } {
    const states = new Map<RestreamState, number>([['starting', 0], ['live', 0], ['retrying', 0], ['stopped', 0]]);
    let processes = 0;
    let viewers = 0;
    let { starts, restarts } = this.retired;
    for (const r of this.all.values()) {
      if (r.running) processes++;
      states.set(r.state, (states.get(r.state) ?? 0) + 1);
      viewers += r.viewerCount(now);
      starts += r.starts;
      restarts += r.restarts;
    }
    return { processes, states, viewers, starts, restarts };
  }

  async stopAll(): Promise<void> {
    clearInterval(this.sweep);
    await Promise.all([...this.all].map(([id, r]) => this.retire(id, r)));
  }
}

/**
 * The camera URL ffmpeg is given: rtsp(s) only, its host checked against the outbound-address policy on every
 * address it resolves to, and ffmpeg pointed at a guard on loopback that connects to the first checked address and
 * refuses redirects (rtsp-guard.ts): a name cannot resolve elsewhere when ffmpeg connects, and a camera cannot send
 * it elsewhere. Credentials, path and query stay as entered. `close` ends the guard with the process.
 */
export async function guardedInput(rt: Pick<Runtime, 'env'>, url: string, onEnded: (why: string) => void): Promise<{ input: string; close: () => void }> {
  const u = new URL(url);
  const allow = allowList(rt);
  checkUrl(u, allow, ['rtsp:', 'rtsps:']);
  const addrs = await resolveChecked(u.hostname, allow);
  const hostname = u.hostname.replace(/^\[(.*)\]$/, '$1');
  const protocol = u.protocol === 'rtsps:' ? 'rtsps:' : 'rtsp:';
  const port = Number(u.port) || (protocol === 'rtsps:' ? RTSPS_PORT : RTSP_PORT);
  const guard = await startRtspGuard({ protocol, address: addrs[0] ?? hostname, port, hostname }, onEnded);
  const input = new URL(u.href);
  input.protocol = 'rtsp:';
  input.hostname = '127.0.0.1';
  input.port = String(guard.port);
  return { input: input.href, close: guard.close };
}

const RTSP_PORT = 554;
const RTSPS_PORT = 322;

/**
 * Files of restreamers whose server died without stopping them (killed): removed, which also ends an orphaned
 * ffmpeg at its next segment (it cannot write it). Directories of live processes (another node) are left alone.
 */
function removeOrphans(dir: string): void {
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === process.pid || alive(pid)) continue;
    fs.rmSync(path.join(dir, name), { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const KEY = Symbol.for('rtcc.restreams');
type Holder = { [KEY]?: RestreamManager };

export function restreamManager(rt: Pick<Runtime, 'env' | 'pool'>, log?: (line: string) => void): RestreamManager {
  const g = globalThis as Holder;
  return (g[KEY] ??= new RestreamManager(rt, log));
}

/** Ends every restream (server shutdown) and forgets the manager. */
export async function stopRestreams(): Promise<void> {
  const g = globalThis as Holder;
  const m = g[KEY];
  g[KEY] = undefined;
  await m?.stopAll();
}
