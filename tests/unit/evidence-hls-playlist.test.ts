import { describe, expect, it } from 'vitest';
import { parsePlaylist, samePart, type MediaPlaylist } from '@/lib/evidence/hls-playlist';

const base = 'http://cam.example/live/index.m3u8';

function media(text: string, fetchedAt = 0): MediaPlaylist {
  const pl = parsePlaylist(text, base, fetchedAt);
  if (pl.kind !== 'media') throw new Error('expected a media playlist');
  return pl;
}

describe('HLS playlist (m3u8-parser)', () => {
  it('places MPEG-TS segments by program date-time and resolves relative URIs', () => {
    const pl = media(
      ['#EXTM3U', '#EXT-X-TARGETDURATION:2', '#EXT-X-PROGRAM-DATE-TIME:2026-11-25T10:00:00.000Z', '#EXTINF:2.0,', 'seg1.ts', '#EXTINF:2.0,', 'seg2.ts', '#EXT-X-ENDLIST'].join('\n'),
    );
    expect(pl.ended).toBe(true);
    expect(pl.targetDuration).toBe(2);
    expect(pl.segments).toEqual([
      { uri: 'http://cam.example/live/seg1.ts', range: null, init: null, encrypted: false, start: Date.parse('2026-11-25T10:00:00Z'), duration: 2 },
      { uri: 'http://cam.example/live/seg2.ts', range: null, init: null, encrypted: false, start: Date.parse('2026-11-25T10:00:02Z'), duration: 2 },
    ]);
  });

  it('without date-times, a live window ends at fetch time', () => {
    const pl = media('#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:1.5,\na.ts\n#EXTINF:1.5,\nb.ts\n', 10_000);
    expect(pl.segments.map((s) => s.start)).toEqual([7_000, 8_500]);
    expect(pl.ended).toBe(false);
  });

  it('fMP4: each segment carries its EXT-X-MAP init section; byte ranges with and without offsets', () => {
    const pl = media(
      [
        '#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-TARGETDURATION:1', '#EXT-X-MAP:URI="media.mp4",BYTERANGE="800"',
        '#EXTINF:1.0,', '#EXT-X-BYTERANGE:4000@800', 'media.mp4',
        '#EXTINF:1.0,', '#EXT-X-BYTERANGE:3000', 'media.mp4',
        '#EXT-X-MAP:URI="init2.mp4"', '#EXTINF:1.0,', 'seg3.m4s',
      ].join('\n'),
      10_000,
    );
    const [a, b, c] = pl.segments;
    expect(a).toMatchObject({ uri: 'http://cam.example/live/media.mp4', range: { offset: 800, length: 4000 }, init: { uri: 'http://cam.example/live/media.mp4', range: { offset: 0, length: 800 } } });
    expect(b!.range).toEqual({ offset: 4800, length: 3000 }); // continues where the previous range ended
    expect(c).toMatchObject({ uri: 'http://cam.example/live/seg3.m4s', range: null, init: { uri: 'http://cam.example/live/init2.mp4', range: null } });
    expect(samePart(a!.init, b!.init)).toBe(true);
    expect(samePart(b!.init, c!.init)).toBe(false);
  });

  it('marks encrypted segments', () => {
    const pl = media('#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXT-X-KEY:METHOD=AES-128,URI="k"\n#EXTINF:1,\na.ts\n#EXT-X-KEY:METHOD=NONE\n#EXTINF:1,\nb.ts\n');
    expect(pl.segments.map((s) => s.encrypted)).toEqual([true, false]);
  });

  it('follows the first variant of a master playlist, and refuses what is not a playlist', () => {
    expect(parsePlaylist('#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nlow/index.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=2\nhigh/index.m3u8\n', base, 0)).toEqual({
      kind: 'master',
      variant: 'http://cam.example/live/low/index.m3u8',
    });
    expect(() => parsePlaylist('<html>', base, 0)).toThrow('not an HLS playlist');
  });
});
