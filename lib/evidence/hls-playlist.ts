import { Parser } from 'm3u8-parser';

/** A byte range of a resource (EXT-X-BYTERANGE, or EXT-X-MAP's BYTERANGE). */
export interface ByteRange {
  offset: number;
  length: number;
}

/** One resource to fetch: a whole file, or a byte range of it. */
export interface HlsPart {
  uri: string;
  range: ByteRange | null;
}

/** A media segment with its wall-clock span (from EXT-X-PROGRAM-DATE-TIME or inferred). */
export interface HlsSegment extends HlsPart {
  start: number;
  duration: number;
  /** The fMP4 initialisation section in force (EXT-X-MAP); null for MPEG-TS segments. */
  init: HlsPart | null;
  /** Whether the segment is encrypted (EXT-X-KEY other than NONE): its bytes are not footage by themselves. */
  encrypted: boolean;
}

export interface MediaPlaylist {
  segments: HlsSegment[];
  targetDuration: number;
  ended: boolean;
}

/** What a playlist is: a master (the variant to follow) or a media playlist. */
export type Playlist = { kind: 'master'; variant: string } | ({ kind: 'media' } & MediaPlaylist);

/** Same resource and same bytes: how the recorder tells that segments share one init section. */
export const samePart = (a: HlsPart | null, b: HlsPart | null): boolean =>
  a === b || (!!a && !!b && a.uri === b.uri && a.range?.offset === b.range?.offset && a.range?.length === b.range?.length);

function rangeOf(r: { length: number; offset?: number } | undefined): ByteRange | null {
  if (!r || !Number.isFinite(r.length) || r.length <= 0) return null;
  // A BYTERANGE without an offset on EXT-X-MAP starts at 0 (RFC 8216 §4.3.2.5); m3u8-parser fills the segments' own.
  return { offset: Number.isFinite(r.offset) ? r.offset! : 0, length: r.length };
}

/**
 * Parse a playlist with m3u8-parser (the maintained parser hls tooling shares), then place its segments on the wall
 * clock. Segments without a program date-time are placed by their neighbours; with none at all, a live playlist is
 * assumed to end now (`fetchedAt`), which is what a live camera's window means.
 */
export function parsePlaylist(text: string, base: string, fetchedAt: number): Playlist {
  if (!text.startsWith('#EXTM3U')) throw new Error('not an HLS playlist');
  const parser = new Parser();
  parser.push(text);
  parser.end();
  const m = parser.manifest;
  const variant = m.playlists?.find((p) => p.uri)?.uri;
  if (variant) return { kind: 'master', variant: new URL(variant, base).toString() };

  const segs = m.segments.map((s) => {
    const pdt = s.dateTimeString ? Date.parse(s.dateTimeString) : NaN;
    const duration = Number.isFinite(s.duration) && s.duration! > 0 ? s.duration! : 0;
    return {
      uri: new URL(s.uri, base).toString(),
      range: rangeOf(s.byterange),
      init: s.map?.uri ? { uri: new URL(s.map.uri, base).toString(), range: rangeOf(s.map.byterange) } : null,
      encrypted: !!s.key && s.key.method.toUpperCase() !== 'NONE',
      duration,
      pdt: Number.isFinite(pdt) ? pdt : null,
    };
  });
  const out: HlsSegment[] = new Array(segs.length);
  const place = (i: number, start: number) => {
    const { pdt: _pdt, ...s } = segs[i]!;
    out[i] = { ...s, start };
  };
  const anchor = segs.findIndex((s) => s.pdt !== null);
  if (anchor < 0) {
    let end = fetchedAt;
    for (let i = segs.length - 1; i >= 0; i--) {
      end -= segs[i]!.duration * 1000;
      place(i, end);
    }
  } else {
    let t = segs[anchor]!.pdt!;
    for (let i = anchor; i < segs.length; i++) {
      t = segs[i]!.pdt ?? t;
      place(i, t);
      t += segs[i]!.duration * 1000;
    }
    t = segs[anchor]!.pdt!;
    for (let i = anchor - 1; i >= 0; i--) {
      t -= segs[i]!.duration * 1000;
      place(i, t);
    }
  }
  const targetDuration = Number.isFinite(m.targetDuration) && m.targetDuration! > 0 ? m.targetDuration! : 2;
  return { kind: 'media', segments: out, targetDuration, ended: m.endList === true };
}
