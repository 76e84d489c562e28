import { parseEventBatch } from '@/lib/domain/event-input-fast';
import { invalid } from '@/lib/platform/errors/app-error';
import type { Runtime } from '@/lib/platform/runtime';
import { receiveAdapted, type ReceiveSummary } from './receive-adapted';
import { bodyJson } from './source-request';

export type { ReceiveSummary } from './receive-adapted';

/** POST /api/ingest/events: the console's own EventInput batch, through the same pipeline as every adapter. */
export async function receiveEvents(rt: Runtime, req: Request): Promise<ReceiveSummary> {
  return receiveAdapted(rt, req, {
    adapt: (request) => {
      const parsed = parseEventBatch(bodyJson(request));
      if (!parsed.success) throw invalid(parsed.error, 'batch');
      return { events: parsed.data.events, validated: true };
    },
  });
}
