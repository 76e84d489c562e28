import type { Runtime } from '@/lib/platform/runtime';
import { adaptGunshots } from './adapters/gunshot';
import { receiveAdapted, type ReceiveSummary } from './receive-adapted';
import { bodyJson } from './source-request';

/** POST /api/ingest/gunshot: `{ detections: [...] }` → gunshot events. */
export function receiveGunshot(rt: Runtime, req: Request): Promise<ReceiveSummary> {
  return receiveAdapted(rt, req, { adapt: (r) => ({ events: adaptGunshots(bodyJson(r)) }) });
}
