import { describe, expect, it } from 'vitest';
import { proxyPathFor, rewritePlaylist, upstreamUrlFor } from '@/lib/video/hls-urls';

const STREAM = 'https://cams.example.org/D4/cam1.stream/playlist.m3u8';
const P = '/api/cameras/c1/stream/';

describe('HLS proxy URL mapping', () => {
  it('maps the entry path to the stream URL and other paths relative to its directory', () => {
    expect(upstreamUrlFor(STREAM, ['_live.m3u8'], '')!.href).toBe(STREAM);
    expect(upstreamUrlFor(STREAM, ['chunklist_w1.m3u8'], '?t=1')!.href).toBe('https://cams.example.org/D4/cam1.stream/chunklist_w1.m3u8?t=1');
    expect(upstreamUrlFor(STREAM, ['_', 'other', 'seg.ts'], '')!.href).toBe('https://cams.example.org/other/seg.ts');
  });

  it('refuses traversal, empty paths and non-http streams', () => {
    expect(upstreamUrlFor(STREAM, ['..', 'x.ts'], '')).toBeNull();
    expect(upstreamUrlFor(STREAM, ['a/b'], '')).toBeNull();
    expect(upstreamUrlFor(STREAM, [], '')).toBeNull();
    expect(upstreamUrlFor('file:///etc/passwd', ['_live.m3u8'], '')).toBeNull();
    expect(upstreamUrlFor(STREAM, ['_blocked'], '')).toBeNull();
  });

  it('rewrites media lines and URI attributes, and never points the server at another origin', () => {
    const text = [
      '#EXTM3U',
      '#EXT-X-KEY:METHOD=AES-128,URI="key.bin"',
      '#EXTINF:1.0,',
      'seg-1.ts',
      'https://cams.example.org/elsewhere/seg-2.ts?sig=abc',
      'https://evil.example.net/seg-3.ts',
      'file:///etc/passwd',
    ].join('\n');
    const out = rewritePlaylist(text, new URL(STREAM), new URL(STREAM), P).split('\n');
    expect(out[1]).toBe(`#EXT-X-KEY:METHOD=AES-128,URI="${P}key.bin"`);
    expect(out[3]).toBe(`${P}seg-1.ts`);
    expect(out[4]).toBe(`${P}_/elsewhere/seg-2.ts?sig=abc`);
    expect(out[5]).toBe(`${P}_blocked`);
    expect(out[6]).toBe(`${P}_blocked`);
    expect(proxyPathFor(STREAM, new URL(STREAM), new URL(STREAM), P)).toBe(`${P}_live.m3u8`);
  });
});
