import type { Runtime } from '@/lib/platform/runtime';
import { codeLookup } from '@/lib/ingest/adapters/code-map';
import { adaptGunshots } from './adapters/gunshot';
import { receiveAdapted, type ReceiveSummary } from './receive-adapted';
import { bodyJson } from './source-request';

/** POST /api/ingest/gunshot: `{ detections: [...] }` → gunshot events, types through the source's code map. */
export function receiveGunshot(rt: Runtime, req: Request): Promise<ReceiveSummary> {
  return receiveAdapted(rt, req, {
    adapt: async (r) => {
      const { rows } = await rt.pool.query<{ code: string; description: string; category: string; priority: number | null }>(
        'SELECT code, description, category, priority FROM source_code_map WHERE source_id = $1',
        [r.source.id],
      );
      const events = adaptGunshots(bodyJson(r), codeLookup('gunshot', rows));
      return { events, counts: { unmappedTypes: events.filter((e) => e.payload.mapped === false).length } };
    },
  });
}
