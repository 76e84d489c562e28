import type { Runtime } from '@/lib/platform/runtime';
import { adaptEido } from './adapters/nena-eido';
import { receiveAdapted, type ReceiveSummary } from './receive-adapted';
import { bodyJson } from './source-request';

/** POST /api/ingest/eido: NENA i3 EIDO JSON (bare, array, or STA-024 notify) → call911 events. */
export function receiveEido(rt: Runtime, req: Request): Promise<ReceiveSummary> {
  return receiveAdapted(rt, req, { adapt: (r) => ({ events: adaptEido(bodyJson(r)) }) });
}
