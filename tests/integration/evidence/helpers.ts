import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export const sha256 = (b: Uint8Array | string) => crypto.createHash('sha256').update(b).digest('hex');

/** Every stored evidence file under DATA_DIR/evidence (excluding the in-progress tmp dir). */
export async function storedFiles(dataDir: string): Promise<string[]> {
  const root = path.join(dataDir, 'evidence');
  const out: string[] = [];
  for (const d of await fs.readdir(root).catch(() => [] as string[])) {
    if (d === 'tmp') continue;
    for (const f of await fs.readdir(path.join(root, d)).catch(() => [] as string[])) out.push(path.join(root, d, f));
  }
  return out.sort();
}

export async function tmpFiles(dataDir: string): Promise<string[]> {
  return fs.readdir(path.join(dataDir, 'evidence', 'tmp')).catch(() => []);
}

export function uploadForm(bytes: Uint8Array, mime: string, filename: string, title?: string): FormData {
  const form = new FormData();
  if (title) form.append('title', title);
  form.append('file', new Blob([new Uint8Array(bytes)], { type: mime }), filename);
  return form;
}

/** An ffmpeg test-pattern HLS recording (with program date-times) served by a tiny local HTTP server. */
export async function startHlsFixture(): Promise<{ url: string; segments: () => Promise<Buffer>; stop: () => Promise<void> }> {
  const { execFile } = await import('node:child_process');
  const http = await import('node:http');
  const os = await import('node:os');
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rtcc-hls-'));
  await new Promise<void>((resolve, reject) =>
    execFile(
      'ffmpeg',
      ['-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10', '-t', '3', '-c:v', 'libx264', '-g', '10', '-f', 'hls', '-hls_time', '1',
        '-hls_list_size', '0', '-hls_flags', 'program_date_time', '-hls_segment_filename', path.join(dir, 'seg%03d.ts'), path.join(dir, 'live.m3u8')],
      (err) => (err ? reject(err) : resolve()),
    ),
  );
  const server = http.createServer((req, res) => {
    const name = path.basename(req.url ?? '');
    fs.readFile(path.join(dir, name)).then(
      (b) => res.writeHead(200, { 'content-type': name.endsWith('.m3u8') ? 'application/vnd.apple.mpegurl' : 'video/mp2t' }).end(b),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/live.m3u8`,
    async segments() {
      const names = (await fs.readdir(dir)).filter((n) => n.endsWith('.ts')).sort();
      return Buffer.concat(await Promise.all(names.map((n) => fs.readFile(path.join(dir, n)))));
    },
    async stop() {
      await new Promise((r) => server.close(r));
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
