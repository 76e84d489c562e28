import { ZCameraSeed, type CameraSeed } from '@/lib/domain/camera';
import { CAMERA_OWNER_WORDS, type CameraMapping } from '@/lib/domain/source-mapping';
import { compileLocation, compileRule, type Refusal } from './compile-mapping';
import { normaliseCode } from '@/lib/ingest/adapters/code-map';

export type MappedCamera = { ok: true; camera: CameraSeed } | Refusal;

/**
 * A camera list row → a camera of the registry. The place is required (a camera is a place); the stream is not:
 * community and business lists say where cameras are, and a stream is added later in admin.
 */
export function compileCameraMapping(spec: CameraMapping): (rec: Record<string, unknown>) => MappedCamera {
  const externalId = compileRule(spec.externalId);
  const name = compileRule(spec.name);
  const place = compileLocation(spec.location);
  const owner = spec.owner ? compileRule(spec.owner) : null;
  const stream = spec.streamUrl ? compileRule(spec.streamUrl) : null;
  const heading = spec.heading ? compileRule(spec.heading) : null;
  return (rec) => {
    const id = externalId(rec);
    if (!id) return { ok: false, field: 'externalId', reason: 'no id' };
    const p = place(rec);
    if ('ok' in p) return p;
    if (p.lat === null || p.lon === null) return { ok: false, field: 'lat', reason: 'a camera needs a location' };
    const ownerWord = owner?.(rec) ?? '';
    const ownerKind = ownerWord ? CAMERA_OWNER_WORDS[normaliseCode(ownerWord)] : 'city';
    if (!ownerKind) return { ok: false, field: 'owner', reason: `"${ownerWord}" is not one of ${Object.keys(CAMERA_OWNER_WORDS).join(', ')}` };
    const url = stream?.(rec) || null;
    let streamKind: CameraSeed['streamKind'] = null;
    if (url) {
      if (!/^https?:\/\//i.test(url)) return { ok: false, field: 'streamUrl', reason: 'only http(s) stream URLs' };
      streamKind = /\.m3u8(\?|$)/i.test(url) ? 'hls' : 'jpeg';
    }
    const h = heading?.(rec);
    const seed = {
      externalId: id,
      name: name(rec) || id,
      lat: p.lat,
      lon: p.lon,
      heading: h ? Number(h) % 360 : null,
      fovDeg: 60,
      rangeM: 150,
      ptz: false,
      streamKind,
      streamUrl: url,
      owner: ownerKind,
    };
    const parsed = ZCameraSeed.safeParse(seed);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return { ok: false, field: issue.path.join('.') || 'camera', reason: issue.message };
    }
    return { ok: true, camera: parsed.data };
  };
}
