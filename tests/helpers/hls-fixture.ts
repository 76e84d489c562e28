import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * How ffmpeg writes the recording: MPEG-TS segments; fMP4 segments with an init.mp4 (`-hls_segment_type fmp4`);
 * or fMP4 in one file addressed by byte ranges (`single_file`: EXT-X-MAP and every segment are EXT-X-BYTERANGEs).
 */
export type HlsLayout = 'mpegts' | 'fmp4' | 'fmp4-single';

export interface HlsFixture {
  url: string;
  dir: string;
  /** Requests served, by file name, with the Range header each carried. */
  requests: { name: string; range: string | null }[];
  /** The recording's media bytes as ffmpeg wrote them, in playlist order (init section first for fMP4). */
  expectedBytes(): Promise<Buffer>;
  stop(): Promise<void>;
}

/**
 * A real ffmpeg test-pattern HLS recording (3 s, 10 fps, H.264, with program date-times) served by a small local
 * HTTP server that honours Range requests (206) unless `ignoreRange` (then it answers 200 with the whole file,
 * as some servers do).
 */
export async function startHlsFixture(layout: HlsLayout = 'mpegts', opts: { ignoreRange?: boolean } = {}): Promise<HlsFixture> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `rtcc-hls-${layout}-`));
  const args = ['-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10', '-t', '3', '-c:v', 'libx264', '-g', '10', '-f', 'hls', '-hls_time', '1', '-hls_list_size', '0'];
  if (layout === 'mpegts') args.push('-hls_flags', 'program_date_time', '-hls_segment_filename', path.join(dir, 'seg%03d.ts'));
  if (layout === 'fmp4') args.push('-hls_segment_type', 'fmp4', '-hls_fmp4_init_filename', 'init.mp4', '-hls_flags', 'program_date_time', '-hls_segment_filename', path.join(dir, 'seg%03d.m4s'));
  if (layout === 'fmp4-single') args.push('-hls_segment_type', 'fmp4', '-hls_flags', 'program_date_time+single_file');
  await run('ffmpeg', [...args, path.join(dir, 'live.m3u8')]);

  const requests: HlsFixture['requests'] = [];
  const server = http.createServer((req, res) => {
    const name = path.basename(req.url ?? '');
    const range = req.headers.range ?? null;
    requests.push({ name, range });
    const type = name.endsWith('.m3u8') ? 'application/vnd.apple.mpegurl' : name.endsWith('.ts') ? 'video/mp2t' : 'video/mp4';
    fs.readFile(path.join(dir, name)).then(
      (b) => {
        const m = /^bytes=(\d+)-(\d+)$/.exec(range ?? '');
        if (!m || opts.ignoreRange) return res.writeHead(200, { 'content-type': type, 'accept-ranges': opts.ignoreRange ? 'none' : 'bytes' }).end(b);
        const [from, to] = [Number(m[1]), Math.min(Number(m[2]), b.length - 1)];
        res.writeHead(206, { 'content-type': type, 'content-range': `bytes ${from}-${to}/${b.length}` }).end(b.subarray(from, to + 1));
      },
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/live.m3u8`,
    dir,
    requests,
    async expectedBytes() {
      const names = (await fs.readdir(dir)).filter((n) => !n.endsWith('.m3u8')).sort();
      // init.mp4 sorts before seg*.m4s; the single file already holds init + fragments in order.
      return Buffer.concat(await Promise.all(names.map((n) => fs.readFile(path.join(dir, n)))));
    },
    async stop() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
