import { ZMappingSpec, type MappingSpec } from '@/lib/domain/source-mapping';
import { compileDate } from '../mapping/date-format';
import { compileRule } from '../mapping/compile-mapping';

export interface RemoteMapping {
  source: { name: string; kind: string };
  spec: MappingSpec | null;
  timeZone: string;
}

/** The calling source's saved mapping (GET /api/ingest/mapping with its key). */
export async function fetchMapping(baseUrl: string, apiKey: string): Promise<RemoteMapping> {
  let res: Response;
  try {
    res = await fetch(`${baseUrl}/api/ingest/mapping`, { headers: { authorization: `Bearer ${apiKey}` }, signal: AbortSignal.timeout(30_000) });
  } catch (err) {
    throw new Error(`cannot reach ${baseUrl}: ${(err as Error).message}`);
  }
  if (res.status === 401) throw new Error('the API key was refused: check --key / RTCC_API_KEY');
  if (!res.ok) throw new Error(`${baseUrl} answered ${res.status} for the mapping`);
  const body = (await res.json()) as { source: RemoteMapping['source']; spec: unknown; timeZone: string };
  const spec = body.spec ? ZMappingSpec.safeParse(body.spec) : null;
  return { source: body.source, spec: spec?.success ? spec.data : null, timeZone: body.timeZone };
}

/** Each record's mapped time (epoch ms, null when it has none), to pace a replay by the file's own clock. */
export function recordTimes(spec: MappingSpec, timeZone: string, records: { fields: Record<string, unknown> | null }[]): (number | null)[] {
  if (spec.target !== 'event') return records.map(() => null);
  // Only the time is needed: the same rule and date reader the server uses, without the rest of the mapping.
  const when = compileRule(spec.occurredAt.rule);
  const date = compileDate(spec.occurredAt.format, spec.timeZone || timeZone);
  return records.map((r) => {
    if (!r.fields) return null;
    const d = date(when(r.fields));
    return d.ok ? Date.parse(d.iso) : null;
  });
}
