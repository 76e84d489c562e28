import net from 'node:net';
import tls from 'node:tls';
import { RtspResponseScanner } from './rtsp-scanner';

/**
 * What stands between ffmpeg and a camera. ffmpeg follows an RTSP 3xx redirect to any address the camera names (no
 * option turns that off), which would take the restreamer past the outbound-address policy: a camera someone else
 * controls (a community camera) could point it at hosts inside the network and read their answers back from the
 * failure reason viewers see. So ffmpeg connects only to this guard on loopback, and the guard connects to the
 * camera's checked address and relays both ways, refusing the connection as soon as the camera answers with a
 * redirect (lib/video/restream/rtsp-scanner.ts). ffmpeg never learns another address to go to.
 *
 * rtsps: the guard speaks TLS to the camera (server name = the camera's host name) and plain RTSP to ffmpeg on
 * loopback, so it can read the answers. Certificates are not verified, as ffmpeg did not verify them (cameras carry
 * self-signed ones); the address is still the checked one.
 */
export interface GuardTarget {
  protocol: 'rtsp:' | 'rtsps:';
  /** The address the outbound policy checked. */
  address: string;
  port: number;
  /** The camera's host name (TLS server name). */
  hostname: string;
}

export interface RtspGuard {
  /** The loopback port ffmpeg connects to. */
  port: number;
  close: () => void;
}

/** `onEnded`: why a connection ended on the camera's side (a redirect refused, no answer, a hang-up); the first one counts. */
export async function startRtspGuard(target: GuardTarget, onEnded: (why: string) => void): Promise<RtspGuard> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const camera =
      target.protocol === 'rtsps:'
        ? tls.connect({ host: target.address, port: target.port, servername: net.isIP(target.hostname) ? undefined : target.hostname, rejectUnauthorized: false })
        : net.connect({ host: target.address, port: target.port });
    for (const s of [client, camera]) {
      sockets.add(s);
      s.setNoDelay(true);
      s.on('close', () => sockets.delete(s));
    }
    const end = () => {
      client.destroy();
      camera.destroy();
    };
    // Why the camera side ended, told once and only when the camera ended it (not ffmpeg, not a stop): before any
    // answer it "did not answer" (refused, reset or closed at once), after one it "ended the connection".
    let answered = false;
    let clientGone = false;
    const cameraEnded = (cause: string) => {
      if (clientGone) return;
      onEnded(answered ? `the camera ended the connection (${cause})` : `the camera did not answer at ${target.address}:${target.port} (${cause})`);
    };
    camera.on('error', (err: NodeJS.ErrnoException) => {
      cameraEnded(err.code ?? err.message);
      end();
    });
    camera.on('close', () => {
      cameraEnded('connection closed');
      end();
    });
    client.on('error', end);
    client.on('close', () => {
      clientGone = true;
      end();
    });
    client.pipe(camera);
    const scanner = new RtspResponseScanner();
    camera.on('data', (chunk: Buffer) => {
      answered = true;
      const seen = scanner.feed(chunk);
      if (!seen.ok) {
        onEnded(seen.why);
        end();
        return;
      }
      if (!client.write(chunk)) camera.pause();
    });
    client.on('drain', () => camera.resume());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    close() {
      server.close();
      for (const s of sockets) s.destroy();
    },
  };
}
