import { describe, expect, it } from 'vitest';
import { firstVariant, parseMediaPlaylist } from '@/lib/evidence/hls-playlist';

const base = 'http://cam.example/live/index.m3u8';

describe('HLS playlist', () => {
  it('places segments by program date-time and resolves relative URIs', () => {
    const pl = parseMediaPlaylist(
      ['#EXTM3U', '#EXT-X-TARGETDURATION:2', '#EXT-X-PROGRAM-DATE-TIME:2026-11-25T10:00:00.000Z', '#EXTINF:2.0,', 'seg1.ts', '#EXTINF:2.0,', 'seg2.ts', '#EXT-X-ENDLIST'].join('\n'),
      base,
      0,
    );
    expect(pl.ended).toBe(true);
    expect(pl.segments).toEqual([
      { uri: 'http://cam.example/live/seg1.ts', start: Date.parse('2026-11-25T10:00:00Z'), duration: 2 },
      { uri: 'http://cam.example/live/seg2.ts', start: Date.parse('2026-11-25T10:00:02Z'), duration: 2 },
    ]);
  });

  it('without date-times, a live window ends at fetch time', () => {
    const pl = parseMediaPlaylist('#EXTM3U\n#EXTINF:1.5,\na.ts\n#EXTINF:1.5,\nb.ts\n', base, 10_000);
    expect(pl.segments.map((s) => s.start)).toEqual([7_000, 8_500]);
    expect(pl.ended).toBe(false);
  });

  it('follows the first variant of a master playlist', () => {
    expect(firstVariant('#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nlow/index.m3u8\n', base)).toBe('http://cam.example/live/low/index.m3u8');
    expect(firstVariant('#EXTM3U\n#EXTINF:1,\na.ts\n', base)).toBeNull();
  });
});
