import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

/**
 * A small RTSP server (RFC 2326) for tests and the video bench: the machine has no IP camera and ffmpeg can only
 * PUBLISH over RTSP, so this plays the camera. A publisher (ffmpeg `-f rtsp`) sends OPTIONS, ANNOUNCE (its SDP),
 * SETUP per track and RECORD, then RTP/RTCP interleaved on its TCP connection (`$`, channel, length, packet);
 * readers send OPTIONS, DESCRIBE, SETUP (TCP interleaved only), PLAY and get those packets relayed on the channels
 * they asked for. It counts reader sessions per path, which is what "one camera connection" is measured by.
 */

interface Track {
  control: string;
}
interface Stream {
  sdp: string;
  tracks: Track[];
  publisher: net.Socket;
  readers: Set<Reader>;
}
interface Reader {
  socket: net.Socket;
  /** Track index → [rtp channel, rtcp channel] the reader asked for. */
  channels: Map<number, [number, number]>;
  playing: boolean;
}

export interface RtspServer {
  port: number;
  url: (path: string) => string;
  /** Readers in PLAY now, per path (the upstream connections a restreamer holds). */
  playing: (path: string) => number;
  /** Reader sessions ever started (PLAY) on a path. */
  sessionsStarted: (path: string) => number;
  /** Drop every reader of a path (a camera rebooting), leaving the publisher. */
  dropReaders: (path: string) => void;
  close: () => Promise<void>;
}

const STATUS: Record<number, string> = { 200: 'OK', 404: 'Not Found', 405: 'Method Not Allowed', 454: 'Session Not Found', 455: 'Method Not Valid in This State', 461: 'Unsupported Transport' };

function pathOf(uri: string): { path: string; rest: string } {
  const p = uri.replace(/^rtsps?:\/\/[^/]+/i, '').replace(/^\/+/, '');
  const [path = '', ...rest] = p.split('/');
  return { path, rest: rest.join('/') };
}

export async function startRtspServer(host = '127.0.0.1'): Promise<RtspServer> {
  const streams = new Map<string, Stream>();
  const started = new Map<string, number>();
  const sockets = new Set<net.Socket>();
  let nextSession = 1;

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    let buf: Buffer = Buffer.alloc(0);
    let published: { path: string; stream: Stream } | null = null;
    let reader: { path: string; r: Reader } | null = null;
    const session = String(100000 + nextSession++);

    const reply = (code: number, cseq: string, headers: Record<string, string> = {}, body = '') => {
      const lines = [`RTSP/1.0 ${code} ${STATUS[code] ?? 'Error'}`, `CSeq: ${cseq}`, 'Server: rtcc-test-rtsp', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
      if (body) lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
      socket.write(`${lines.join('\r\n')}\r\n\r\n${body}`);
    };

    const onRequest = (method: string, uri: string, h: Map<string, string>, body: string) => {
      const cseq = h.get('cseq') ?? '0';
      const { path, rest } = pathOf(uri);
      switch (method) {
        case 'OPTIONS':
          return reply(200, cseq, { Public: 'OPTIONS, DESCRIBE, ANNOUNCE, SETUP, PLAY, RECORD, TEARDOWN, GET_PARAMETER' });
        case 'GET_PARAMETER':
          return reply(200, cseq, { Session: session });
        case 'ANNOUNCE': {
          const controls = [...body.matchAll(/^a=control:(\S+)/gm)].map((m) => m[1]!).filter((c) => c !== '*');
          const stream: Stream = { sdp: body, tracks: controls.map((control) => ({ control })), publisher: socket, readers: new Set() };
          const old = streams.get(path);
          if (old) for (const r of old.readers) r.socket.destroy();
          streams.set(path, stream);
          published = { path, stream };
          return reply(200, cseq, { Session: session });
        }
        case 'DESCRIBE': {
          const s = streams.get(path);
          if (!s) return reply(404, cseq);
          return reply(200, cseq, { 'Content-Type': 'application/sdp', 'Content-Base': `rtsp://${h.get('host') ?? `${host}`}/${path}/` }, s.sdp);
        }
        case 'SETUP': {
          const transport = h.get('transport') ?? '';
          const inter = /interleaved=(\d+)-(\d+)/.exec(transport);
          if (!/RTP\/AVP\/TCP/i.test(transport) || !inter) return reply(461, cseq);
          if (published?.path === path) return reply(200, cseq, { Session: session, Transport: transport });
          const s = streams.get(path);
          if (!s) return reply(404, cseq);
          const idx = s.tracks.findIndex((t) => rest === t.control || rest.endsWith(`/${t.control}`) || uri.endsWith(t.control));
          if (idx < 0) return reply(404, cseq);
          if (!reader) {
            reader = { path, r: { socket, channels: new Map(), playing: false } };
            s.readers.add(reader.r);
          }
          reader.r.channels.set(idx, [Number(inter[1]), Number(inter[2])]);
          return reply(200, cseq, { Session: session, Transport: `RTP/AVP/TCP;unicast;interleaved=${inter[1]}-${inter[2]}` });
        }
        case 'RECORD':
          return published ? reply(200, cseq, { Session: session }) : reply(455, cseq);
        case 'PLAY':
          if (!reader) return reply(455, cseq);
          reader.r.playing = true;
          started.set(reader.path, (started.get(reader.path) ?? 0) + 1);
          return reply(200, cseq, { Session: session, Range: 'npt=0.000-' });
        case 'TEARDOWN':
          reply(200, cseq, { Session: session });
          return socket.end();
        default:
          return reply(405, cseq);
      }
    };

    /** A packet from the publisher on `channel` (2·track = RTP, 2·track+1 = RTCP) goes to every playing reader. */
    const relay = (channel: number, packet: Buffer) => {
      if (!published) return;
      const track = channel >> 1;
      for (const r of published.stream.readers) {
        const ch = r.channels.get(track);
        if (!r.playing || !ch) continue;
        // A reader that cannot keep up is cut, as a camera would: no unbounded queue in the test server.
        if (r.socket.writableLength > 8 * 1024 * 1024) {
          r.socket.destroy();
          continue;
        }
        const head = Buffer.from([0x24, ch[channel & 1]!, packet.length >> 8, packet.length & 255]);
        r.socket.write(Buffer.concat([head, packet]));
      }
    };

    socket.on('data', (chunk: Buffer) => {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      for (;;) {
        if (buf.length && buf[0] === 0x24) {
          if (buf.length < 4) return;
          const len = buf.readUInt16BE(2);
          if (buf.length < 4 + len) return;
          relay(buf[1]!, buf.subarray(4, 4 + len));
          buf = buf.subarray(4 + len);
          continue;
        }
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) {
          if (buf.length > 64 * 1024) socket.destroy();
          return;
        }
        const head = buf.subarray(0, end).toString('latin1').split('\r\n');
        const headers = new Map<string, string>();
        for (const line of head.slice(1)) {
          const i = line.indexOf(':');
          if (i > 0) headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
        }
        const len = Number(headers.get('content-length') ?? '0');
        if (buf.length < end + 4 + len) return;
        const body = buf.subarray(end + 4, end + 4 + len).toString('utf8');
        buf = buf.subarray(end + 4 + len);
        const [method = '', uri = ''] = head[0]!.split(' ');
        onRequest(method.toUpperCase(), uri, headers, body);
      }
    });
    const gone = () => {
      sockets.delete(socket);
      if (reader) streams.get(reader.path)?.readers.delete(reader.r);
      if (published && streams.get(published.path) === published.stream) {
        for (const r of published.stream.readers) r.socket.destroy();
        streams.delete(published.path);
      }
    };
    socket.on('close', gone);
    socket.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    url: (path) => `rtsp://${host}:${port}/${path}`,
    playing: (path) => [...(streams.get(path)?.readers ?? [])].filter((r) => r.playing).length,
    sessionsStarted: (path) => started.get(path) ?? 0,
    dropReaders: (path) => {
      for (const r of streams.get(path)?.readers ?? []) r.socket.destroy();
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** ffmpeg publishing a live test pattern (H.264, 1 s GOP; or another codec) to `url`, as a camera would stream. */
export function publishTestPattern(url: string, opts: { codec?: 'h264' | 'mpeg4'; size?: string; rate?: number } = {}): { proc: ChildProcess; stop: () => Promise<void> } {
  const rate = opts.rate ?? 25;
  const codec = opts.codec === 'mpeg4' ? ['-c:v', 'mpeg4', '-q:v', '5'] : ['-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p'];
  const proc = spawn('ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-nostdin', '-re', '-f', 'lavfi', '-i', `testsrc=size=${opts.size ?? '640x360'}:rate=${rate}`,
    ...codec, '-g', String(rate), '-f', 'rtsp', '-rtsp_transport', 'tcp', url,
  ], { stdio: ['ignore', 'ignore', 'inherit'] });
  return {
    proc,
    stop: async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await exited;
    },
  };
}

/** Resolves once a publisher is on `path` (its ANNOUNCE arrived and a reader can DESCRIBE it). */
export async function waitForPublisher(server: RtspServer, path: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(server.port, '127.0.0.1', () => s.write(`DESCRIBE ${server.url(path)} RTSP/1.0\r\nCSeq: 1\r\n\r\n`));
      s.once('data', (d) => {
        resolve(d.toString().startsWith('RTSP/1.0 200'));
        s.destroy();
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no publisher on ${path} after ${timeoutMs} ms`);
}
