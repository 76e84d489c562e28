/** A media segment of an HLS playlist with its wall-clock span (from EXT-X-PROGRAM-DATE-TIME or inferred). */
export interface HlsSegment {
  uri: string;
  start: number;
  duration: number;
}

export interface MediaPlaylist {
  segments: HlsSegment[];
  targetDuration: number;
  ended: boolean;
}

/** The first variant of a master playlist, or null when this already is a media playlist. */
export function firstVariant(text: string, base: string): string | null {
  if (!text.includes('#EXT-X-STREAM-INF')) return null;
  const lines = text.split(/\r?\n/);
  const i = lines.findIndex((l) => l.startsWith('#EXT-X-STREAM-INF'));
  const uri = lines.slice(i + 1).find((l) => l.trim() && !l.startsWith('#'));
  return uri ? new URL(uri.trim(), base).toString() : null;
}

/**
 * Parse a media playlist. Segments without a program date-time are placed by their neighbours; with none at
 * all, a live playlist is assumed to end now (`fetchedAt`), which is what a live camera's window means.
 */
export function parseMediaPlaylist(text: string, base: string, fetchedAt: number): MediaPlaylist {
  if (!text.startsWith('#EXTM3U')) throw new Error('not an HLS playlist');
  const segs: { uri: string; duration: number; pdt: number | null }[] = [];
  let duration = 0;
  let pdt: number | null = null;
  let targetDuration = 2;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('#EXT-X-TARGETDURATION:')) targetDuration = Number(line.split(':')[1]) || 2;
    else if (line.startsWith('#EXTINF:')) duration = parseFloat(line.slice(8));
    else if (line.startsWith('#EXT-X-PROGRAM-DATE-TIME:')) pdt = Date.parse(line.slice(25));
    else if (line && !line.startsWith('#')) {
      segs.push({ uri: new URL(line, base).toString(), duration: Number.isFinite(duration) ? duration : 0, pdt: Number.isFinite(pdt) ? pdt : null });
      duration = 0;
      pdt = null;
    }
  }
  const out: HlsSegment[] = new Array(segs.length);
  const anchor = segs.findIndex((s) => s.pdt !== null);
  if (anchor < 0) {
    let end = fetchedAt;
    for (let i = segs.length - 1; i >= 0; i--) {
      end -= segs[i]!.duration * 1000;
      out[i] = { uri: segs[i]!.uri, start: end, duration: segs[i]!.duration };
    }
  } else {
    let t = segs[anchor]!.pdt!;
    for (let i = anchor; i < segs.length; i++) {
      t = segs[i]!.pdt ?? t;
      out[i] = { uri: segs[i]!.uri, start: t, duration: segs[i]!.duration };
      t += segs[i]!.duration * 1000;
    }
    t = segs[anchor]!.pdt!;
    for (let i = anchor - 1; i >= 0; i--) {
      t -= segs[i]!.duration * 1000;
      out[i] = { uri: segs[i]!.uri, start: t, duration: segs[i]!.duration };
    }
  }
  return { segments: out, targetDuration, ended: text.includes('#EXT-X-ENDLIST') };
}
