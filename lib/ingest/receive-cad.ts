import type { Runtime } from '@/lib/platform/runtime';
import { adaptCad } from './adapters/cad-json';
import { receiveAdapted, type ReceiveSummary } from './receive-adapted';
import { loadCadSettings } from '../sources/source-settings';
import { bodyJson } from './source-request';

/** POST /api/ingest/cad: CAD lifecycle batch → cad events, code-mapped, flagged outside the jurisdiction. */
export function receiveCad(rt: Runtime, req: Request): Promise<ReceiveSummary> {
  return receiveAdapted(rt, req, {
    adapt: async (r) => {
      const body = bodyJson(r);
      const { events, outsideJurisdiction } = adaptCad(body, await loadCadSettings(rt.pool, r.source.id));
      return { events, counts: { outsideJurisdiction } };
    },
  });
}
