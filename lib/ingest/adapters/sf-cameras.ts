import { z } from 'zod';
import { ZCameraSeed, type CameraSeed } from '../../domain/camera';

/**
 * Caltrans / OpenTrafficCamMap camera list ({State: {County: [camera…]}}) → camera seeds.
 *
 * The upstream list is crowdsourced and not clean: across California it holds rtsp:// URLs with a
 * username and password to private 10.x addresses, two cameras sharing one stream URL, and URLs with a
 * trailing space. Entries that cannot be a safe, distinct, placeable camera are skipped, not repaired.
 */

const ZCaltransCamera = z.object({
  description: z.string(),
  direction: z.string().optional(),
  latitude: z.number(),
  longitude: z.number(),
  url: z.string(),
  format: z.string().optional(),
});

const ZCaltransFile = z.record(z.string(), z.record(z.string(), z.array(z.unknown())));

const POINTS_16 = [
  'N', 'NNE', 'NE', 'ENE', 'E', 'ESE', 'SE', 'SSE', 'S', 'SSW', 'SW', 'WSW', 'W', 'WNW', 'NW', 'NNW',
];
const WORDS: Record<string, string> = { NORTH: 'N', EAST: 'E', SOUTH: 'S', WEST: 'W' };

/**
 * Compass point → degrees clockwise from north. Caltrans' `direction` is the traffic direction the camera
 * watches, the best hint of where it points; 'Median' (looks across the road) and blanks give null.
 */
export function compassToHeading(direction: string | undefined): number | null {
  if (direction === undefined) return null;
  const d = direction.trim().toUpperCase().replace(/BOUND$/, '');
  const point = WORDS[d] ?? d;
  const index = POINTS_16.indexOf(point);
  return index === -1 ? null : index * 22.5;
}

/** Stable id from host + path: list positions and descriptions change between crawls, stream paths rarely. */
function externalIdFor(url: URL): string {
  return `${url.hostname}${url.pathname}`;
}

function httpUrl(text: string): URL | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  // Credentials in a URL would be stored, shown and logged; a camera needing them is configured by hand.
  if (url.username !== '' || url.password !== '') return null;
  if (url.pathname === '/' || url.pathname === '') return null;
  return url;
}

function validPoint(lat: number, lon: number): boolean {
  const inRange = Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
  return inRange && !(lat === 0 && lon === 0);
}

/** Parse the JSON text. Bad entries are skipped; a file that is not the expected shape throws. */
export function parseCaltransCameras(jsonText: string): CameraSeed[] {
  const file = ZCaltransFile.parse(JSON.parse(jsonText.replace(/^\uFEFF/, '')));
  const seen = new Set<string>();
  const cameras: CameraSeed[] = [];
  for (const counties of Object.values(file)) {
    for (const entries of Object.values(counties)) {
      for (const entry of entries) {
        const cam = ZCaltransCamera.safeParse(entry);
        if (!cam.success || !validPoint(cam.data.latitude, cam.data.longitude)) continue;
        const url = httpUrl(cam.data.url);
        if (!url) continue;
        const externalId = externalIdFor(url);
        if (seen.has(externalId)) continue; // same stream listed twice: the first listing wins
        const isHls = cam.data.format?.toUpperCase() === 'M3U8' || url.pathname.toLowerCase().endsWith('.m3u8');
        const seed = ZCameraSeed.safeParse({
          externalId,
          name: cam.data.description.trim().replace(/\s+/g, ' '),
          lat: cam.data.latitude,
          lon: cam.data.longitude,
          heading: compassToHeading(cam.data.direction),
          // Caltrans publishes no optics; 60° / 200 m is a typical fixed highway camera, drawn as a cone.
          fovDeg: 60,
          rangeM: 200,
          ptz: false,
          streamKind: isHls ? 'hls' : 'jpeg',
          streamUrl: url.href,
          owner: 'city',
        });
        if (!seed.success) continue;
        seen.add(externalId);
        cameras.push(seed.data);
      }
    }
  }
  return cameras;
}
