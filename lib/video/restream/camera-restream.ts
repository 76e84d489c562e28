import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { failureReason, isPlaylistWrite, PLAYLIST, restreamArgs, videoCodecIn } from './ffmpeg-args';

export type RestreamState = 'starting' | 'live' | 'retrying' | 'stopped';

export interface RestreamDeps {
  /**
   * Check the camera's address against the outbound policy and open the way to it: the URL ffmpeg connects to, and
   * `close` once the process has ended. `onEnded`: the way ended the connection on the camera's side (a redirect
   * refused, no answer, the camera hung up), and why.
   */
  connect: (url: string, onEnded: (why: string) => void) => Promise<{ input: string; close: () => void }>;
  onFrame: () => void;
  onFailure: (reason: string) => void;
  log: (line: string) => void;
  ffmpeg: string;
  segmentSeconds: number;
}

const BACKOFF_FIRST_MS = 1000;
const BACKOFF_MAX_MS = 30_000;
/** After a failure, the next attempt waits 1, 2, 4 … 30 s: a dead camera costs one connection attempt per pause. */
export const restartDelay = (failures: number) => Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** Math.max(0, failures - 1));
/** Running this long without a failure clears the back-off (a camera that keeps dropping does not reconnect at 1 Hz). */
const STABLE_MS = 30_000;
/** A process with no new segment for this long is hung on a camera that stalls without closing: killed, restarted. */
const stallMs = (segmentSeconds: number) => Math.max(10_000, segmentSeconds * 8000);
const CONNECT_MS = 20_000;
const VIEWER_WINDOW_MS = 10_000;

/**
 * One camera's managed restream: at most one ffmpeg process (one RTSP connection to the camera) however many
 * viewers, started on first use, restarted with back-off when it dies, stopped by the manager once idle.
 */
export class CameraRestream {
  state: RestreamState = 'stopped';
  lastAccess = 0;
  lastFrameAt: number | null = null;
  error: string | null = null;
  /** Processes started, and the ones that ended without being asked to (counted into Prometheus). */
  starts = 0;
  restarts = 0;
  private failures = 0;
  private transcode = false;
  private switching = false;
  private closing = false;
  private proc: ChildProcess | null = null;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private spawnedAt = 0;
  private tail: string[] = [];
  /** Why the way to the camera ended this process's connection (a redirect, no answer): told before ffmpeg's. */
  private endedWhy: string | null = null;
  /** The loopback address ffmpeg was given (its messages name it), told as the camera's. */
  private wayHost: string | null = null;
  private readonly viewers = new Map<string, number>();
  private waiters: (() => void)[] = [];
  /**
   * Every viewer reads the same files: the newest segments are read from disk once and served from memory (a
   * segment never changes once listed: ffmpeg renames it into place), the playlist at most every 250 ms.
   */
  private readonly segments = new Map<string, Promise<Buffer<ArrayBuffer> | null>>();
  private playlist: { at: number; text: Promise<string | null> } | null = null;

  constructor(
    readonly cameraId: string,
    readonly url: string,
    readonly dir: string,
    private readonly deps: RestreamDeps,
  ) {}

  get running(): boolean {
    return this.proc !== null;
  }

  /** A viewer asked for the playlist or a segment: keeps the restream alive, starts it when it is not running. */
  touch(viewer: string, now = Date.now()): void {
    this.lastAccess = now;
    this.viewers.set(viewer, now);
    if (this.state === 'stopped' && !this.closing) void this.launch();
  }

  viewerCount(now = Date.now()): number {
    for (const [k, at] of this.viewers) if (now - at > VIEWER_WINDOW_MS) this.viewers.delete(k);
    return this.viewers.size;
  }

  /** Waits (at most `timeoutMs`) for video; throws the reason a viewer is told when there is none. */
  async ready(timeoutMs: number): Promise<void> {
    if (this.state === 'live') return;
    if (this.state === 'retrying') throw new Error(this.error ?? 'the camera did not answer');
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(t);
        resolve();
      };
      const t = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== done);
        resolve();
      }, timeoutMs);
      this.waiters.push(done);
    });
    if ((this.state as RestreamState) !== 'live') throw new Error(this.error ?? 'the camera has sent no video yet');
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  private async launch(): Promise<void> {
    this.state = 'starting';
    let way: { input: string; close: () => void };
    this.endedWhy = null;
    try {
      await fs.rm(this.dir, { recursive: true, force: true });
      await fs.mkdir(this.dir, { recursive: true });
      way = await this.deps.connect(this.url, (why) => (this.endedWhy ??= why));
    } catch (err) {
      this.fail((err as Error).message);
      return;
    }
    if (this.closing) {
      way.close();
      return;
    }
    this.wayHost = new URL(way.input).host;
    this.spawnedAt = Date.now();
    this.tail = [];
    this.segments.clear();
    this.playlist = null;
    this.starts++;
    const args = restreamArgs({ input: way.input, dir: this.dir, segmentSeconds: this.deps.segmentSeconds, transcode: this.transcode });
    const p = spawn(this.deps.ffmpeg, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    this.proc = p;
    let partial = '';
    p.stderr!.on('data', (d: Buffer) => {
      const lines = (partial + d.toString()).split(/\r?\n/);
      partial = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) this.onLine(line);
    });
    p.on('error', (err) => this.tail.push(`ffmpeg could not start: ${err.message}`));
    p.on('close', () => {
      way.close();
      this.exited(p);
    });
  }

  private onLine(line: string): void {
    this.tail.push(line);
    if (this.tail.length > 12) this.tail.shift();
    const codec = videoCodecIn(line);
    if (codec && codec !== 'h264' && !this.transcode) {
      // Browsers play H.264 everywhere; anything else is transcoded from now on (costs a core share per camera).
      this.deps.log(`[restream] camera ${this.cameraId} sends ${codec}: transcoding to H.264`);
      this.transcode = true;
      this.switching = true;
      this.proc?.kill('SIGKILL');
      return;
    }
    if (!isPlaylistWrite(line)) return;
    const now = Date.now();
    this.lastFrameAt = now;
    if (this.state !== 'live') {
      this.state = 'live';
      this.error = null;
      this.wake();
    }
    if (now - this.spawnedAt > STABLE_MS) this.failures = 0;
    this.deps.onFrame();
  }

  private exited(p: ChildProcess): void {
    if (this.proc !== p) return;
    this.proc = null;
    if (this.closing) return;
    if (this.switching) {
      this.switching = false;
      void this.launch();
      return;
    }
    this.restarts++;
    const why = this.endedWhy ?? this.told(failureReason(this.tail, this.url));
    this.fail(this.state === 'live' ? `the stream ended (${why})` : why);
  }

  /** ffmpeg's words with the camera's address where they name the guard's. */
  private told(text: string): string {
    return this.wayHost ? text.split(this.wayHost).join(new URL(this.url).host) : text;
  }

  private fail(reason: string): void {
    this.error = reason;
    this.state = 'retrying';
    this.failures++;
    this.deps.onFailure(reason);
    this.wake();
    const delay = restartDelay(this.failures);
    this.deps.log(`[restream] camera ${this.cameraId}: ${reason}; next attempt in ${delay / 1000} s while someone watches`);
    clearTimeout(this.retry);
    this.retry = setTimeout(() => {
      if (!this.closing && this.state === 'retrying') void this.launch();
    }, delay);
    this.retry.unref();
  }

  /** A segment's bytes (null: gone from disk), read once for all viewers. */
  segment(name: string): Promise<Buffer<ArrayBuffer> | null> {
    let s = this.segments.get(name);
    if (!s) {
      s = fs.readFile(path.join(this.dir, name)).catch(() => null);
      this.segments.set(name, s);
      // Six are listed at a time; a few more cover viewers a little behind.
      if (this.segments.size > 10) this.segments.delete(this.segments.keys().next().value!);
    }
    return s;
  }

  /** The current playlist text (null: not on disk yet). */
  playlistText(now = Date.now()): Promise<string | null> {
    if (this.playlist && now - this.playlist.at < 250) return this.playlist.text;
    const text = fs.readFile(path.join(this.dir, PLAYLIST), 'utf8').catch(() => null);
    this.playlist = { at: now, text };
    return text;
  }

  /** Called every second by the manager: a hung process (no segment lately, or never connected) is killed. */
  watchdog(now = Date.now()): void {
    if (!this.proc) return;
    const since = this.state === 'live' ? now - (this.lastFrameAt ?? this.spawnedAt) : now - this.spawnedAt;
    const limit = this.state === 'live' ? stallMs(this.deps.segmentSeconds) : CONNECT_MS;
    if (since <= limit) return;
    this.tail.push(`no video for ${Math.round(since / 1000)} s`);
    this.proc.kill('SIGKILL');
  }

  /** Ends the process (SIGTERM, then SIGKILL), removes its files; a later touch starts it again. */
  async stop(): Promise<void> {
    this.closing = true;
    clearTimeout(this.retry);
    const p = this.proc;
    if (p) {
      const closed = new Promise((r) => p.once('close', r));
      p.kill('SIGTERM');
      const force = setTimeout(() => p.kill('SIGKILL'), 3000);
      await closed;
      clearTimeout(force);
    }
    this.proc = null;
    this.state = 'stopped';
    this.wake();
    await fs.rm(this.dir, { recursive: true, force: true }).catch(() => {});
    this.closing = false;
  }
}
