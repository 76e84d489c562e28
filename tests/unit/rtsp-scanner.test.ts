import { describe, expect, it } from 'vitest';
import { RtspResponseScanner } from '@/lib/video/restream/rtsp-scanner';

const text = (s: string) => Buffer.from(s, 'latin1');
const packet = (channel: number, size: number) => Buffer.concat([Buffer.from([0x24, channel, size >> 8, size & 0xff]), Buffer.alloc(size, 0x52)]);
const ok200 = (body = '') => text(`RTSP/1.0 200 OK\r\nCSeq: 2\r\n${body ? `Content-Length: ${body.length}\r\n` : ''}\r\n${body}`);
const redirect = text('RTSP/1.0 302 Moved\r\nCSeq: 3\r\nLocation: rtsp://admin:pw@10.0.0.5:554/x\r\n\r\n');

/** Feeds `bytes` in pieces of `size` (1 = byte by byte); the first refusal, or ok. */
function feedIn(bytes: Buffer, size: number) {
  const s = new RtspResponseScanner();
  for (let i = 0; i < bytes.length; i += size) {
    const r = s.feed(bytes.subarray(i, i + size));
    if (!r.ok) return r;
  }
  return { ok: true as const };
}

describe('RtspResponseScanner', () => {
  // A body and packets that hold the bytes of a redirect must not be read as one: only message heads are looked at.
  const sdp = 'v=0\r\no=- 0 0 IN IP4 0.0.0.0\r\ns=RTSP/1.0 302 Moved\r\n\r\nLocation: rtsp://x/\r\n';
  const disguised = Buffer.concat([packet(0, 20), text('RTSP/1.0 302 x\r\n\r\n')]);
  disguised.writeUInt16BE(disguised.length - 4, 2);
  const session = Buffer.concat([ok200(), ok200(sdp), packet(0, 1400), packet(1, 60), text('GET_PARAMETER rtsp://cam/ RTSP/1.0\r\nCSeq: 9\r\n\r\n'), disguised, packet(0, 65535)]);

  for (const size of [1, 3, 7, 1000, session.length])
    it(`passes a whole session fed in ${size}-byte pieces`, () => expect(feedIn(session, size)).toEqual({ ok: true }));

  for (const size of [1, 5, 4096])
    it(`refuses a redirect after packets and responses (${size}-byte pieces), naming its target without credentials`, () => {
      const r = feedIn(Buffer.concat([session, redirect, packet(0, 100)]), size);
      expect(r).toEqual({ ok: false, why: expect.stringMatching(/^the camera answered with a redirect to rtsp:\/\/10\.0\.0\.5:554\/x, which is not followed/) });
      expect(JSON.stringify(r)).not.toContain('pw@');
    });

  it('refuses any 3xx, with or without Location', () => {
    expect(feedIn(text('RTSP/1.0 301 Moved Permanently\r\nCSeq: 1\r\n\r\n'), 10)).toMatchObject({ ok: false, why: expect.stringMatching(/redirect, which is not followed/) });
    expect(feedIn(text('RTSP/1.0 305 Use Proxy\r\nLocation: rtsp://p/\r\n\r\n'), 10)).toMatchObject({ ok: false });
  });

  it('refuses a message head that never ends', () => {
    expect(feedIn(Buffer.concat([text('RTSP/1.0 200 OK\r\n'), Buffer.alloc(20_000, 0x41)]), 512)).toMatchObject({ ok: false, why: expect.stringMatching(/message head over/) });
  });
});
