/** Segment and key types by file extension, for cameras that label everything application/octet-stream. */
const BY_EXTENSION: Record<string, string> = {
  ts: 'video/mp2t',
  m4s: 'video/iso.segment',
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  aac: 'audio/aac',
  key: 'application/octet-stream',
};
const GENERIC = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

/**
 * The content type the video proxy answers a relayed segment with, or null to refuse it: a `video/*` or `audio/*`
 * type as the camera said (parameters dropped), or, for an unlabelled body, the type its extension implies. Text,
 * HTML, SVG, JSON, scripts and every other type are refused, so nothing a browser would render or run is served
 * from the console's origin.
 */
export function mediaTypeFor(contentType: string, pathname: string): string | null {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (/^(video|audio)\/[a-z0-9.+-]+$/.test(type)) return type;
  if (!GENERIC.has(type)) return null;
  const ext = /\.([a-z0-9]+)$/i.exec(pathname)?.[1]?.toLowerCase() ?? '';
  return BY_EXTENSION[ext] ?? null;
}
