import { invalid, AppError } from '@/lib/platform/errors/app-error';
import { ZSearchQuery, type SearchQuery } from './types';

function json(name: string, raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new AppError('BAD_REQUEST', `Invalid search: ${name} is not valid JSON`, [{ path: name, message: 'not valid JSON' }]);
  }
}

/**
 * Query-string form of a search: `from`, `to` (ISO), `bbox=w,s,e,n`, `polygon=<GeoJSON Polygon>`, `kinds=cad,lpr`,
 * `q`, `address`, `plate`, `phone`, `cursor`, `limit`. Same schema as a JSON body, so both validate alike.
 */
export function parseSearchParams(sp: URLSearchParams): SearchQuery {
  const get = (k: string) => sp.get(k) ?? undefined;
  const bbox = get('bbox');
  const polygon = get('polygon');
  const kinds = get('kinds');
  const limit = get('limit');
  const candidate = {
    from: get('from'),
    to: get('to'),
    bbox: bbox === undefined ? undefined : bbox.split(',').map((v) => (v.trim() === '' ? NaN : Number(v))),
    polygon: polygon === undefined ? undefined : json('polygon', polygon),
    kinds: kinds === undefined ? undefined : kinds.split(',').map((k) => k.trim()).filter(Boolean),
    q: get('q'),
    address: get('address'),
    plate: get('plate'),
    phone: get('phone'),
    cursor: get('cursor'),
    purpose: get('purpose'),
    limit: limit === undefined ? undefined : Number(limit),
  };
  const clean = Object.fromEntries(Object.entries(candidate).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ZSearchQuery.safeParse(clean);
  if (!parsed.success) throw invalid(parsed.error, 'search');
  return parsed.data;
}
