import { withoutCredentials } from '@/lib/domain/camera';

/**
 * Reads what a camera sends on its RTSP control connection (RFC 2326 §10.12: text responses and requests, and
 * RTP/RTCP interleaved as `$`, channel, 16-bit length, packet) just far enough to find each message's status. Only
 * status lines are looked at; bodies and packets are skipped by their lengths, so a stream of video costs a few
 * comparisons per packet. Pure: tests/unit/rtsp-scanner.test.ts.
 */

/** An RTSP message head larger than this is not a camera talking RTSP. */
const MAX_HEAD_BYTES = 16 * 1024;
const HEAD_END = Buffer.from('\r\n\r\n');
const EMPTY = Buffer.alloc(0);

export type ScanResult = { ok: true } | { ok: false; why: string };

export class RtspResponseScanner {
  /** Bytes of a packet or body still to pass over. */
  private skip = 0;
  /** Bytes of an unfinished message head or interleave header. */
  private pending: Buffer = EMPTY;

  /** The next chunk from the camera; `ok: false` once it sent something the guard refuses (then stop feeding). */
  feed(chunk: Buffer): ScanResult {
    let buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = EMPTY;
    while (buf.length) {
      if (this.skip) {
        const n = Math.min(this.skip, buf.length);
        this.skip -= n;
        buf = buf.subarray(n);
        continue;
      }
      if (buf[0] === 0x24) {
        if (buf.length < 4) break;
        this.skip = 4 + buf.readUInt16BE(2);
        continue;
      }
      const end = buf.indexOf(HEAD_END);
      if (end < 0) {
        if (buf.length > MAX_HEAD_BYTES) return { ok: false, why: `the camera sent a message head over ${MAX_HEAD_BYTES} bytes` };
        break;
      }
      const head = buf.subarray(0, end).toString('latin1');
      const status = /^RTSP\/\d\.\d (\d{3})/.exec(head);
      if (status && status[1]!.startsWith('3')) {
        const to = /^Location:[ \t]*(\S+)/im.exec(head)?.[1];
        return { ok: false, why: `the camera answered with a redirect${to ? ` to ${withoutCredentials(to)!.slice(0, 200)}` : ''}, which is not followed: enter the address it redirects to as the camera's URL` };
      }
      const length = Number(/^Content-Length:[ \t]*(\d{1,9})[ \t]*$/im.exec(head)?.[1] ?? 0);
      this.skip = end + HEAD_END.length + length;
    }
    // Most chunks end inside a packet, whose rest is counted in `skip`: nothing to keep then.
    if (buf.length) this.pending = Buffer.from(buf);
    return { ok: true };
  }
}
