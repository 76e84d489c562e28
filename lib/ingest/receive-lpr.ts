import type { EventInput } from '@/lib/domain/event';
import type { Runtime } from '@/lib/platform/runtime';
import { adaptLprReads, readToEvent } from './adapters/lpr-webhook';
import { hitToEvent, matchHotlist } from '../lpr/hotlist';
import { receiveAdapted, type ReceiveSummary } from './receive-adapted';
import { bodyJson } from './source-request';

/** POST /api/ingest/lpr: plate reads (OpenALPR alpr_group or generic JSON), each hotlist hit an extra alert event. */
export function receiveLpr(rt: Runtime, req: Request): Promise<ReceiveSummary> {
  return receiveAdapted(rt, req, {
    adapt: async (r) => {
      const reads = adaptLprReads(bodyJson(r));
      const hits = await matchHotlist(rt.pool, r.source.agencyId, reads);
      const events: EventInput[] = [];
      const serverMadeIds = new Set<string>();
      reads.forEach((read, i) => {
        events.push(readToEvent(read));
        const hit = hits[i];
        if (!hit) return;
        const alert = hitToEvent(read, hit);
        serverMadeIds.add(alert.externalId);
        events.push(alert);
      });
      return { events, serverMadeIds, counts: { hotlistHits: hits.filter(Boolean).length } };
    },
  });
}
