import { AppError } from '@/lib/platform/errors/app-error';
import type { Runtime } from '@/lib/platform/runtime';
import { parseCapXml } from './adapters/cap-xml';
import { receiveAdapted, type ReceiveSummary } from './receive-adapted';

/** What a CAP poster may declare; `text/xml` too, which older alerting software still sends. */
export const CAP_CONTENT_TYPE = /^(application\/(cap\+)?xml|text\/xml)\s*(;|$)/i;

/** POST /api/ingest/cap: one CAP 1.2 `<alert>` document → one `alert` event (XXE/DTD refused with 400). */
export function receiveCap(rt: Runtime, req: Request): Promise<ReceiveSummary> {
  return receiveAdapted(rt, req, {
    adapt: (r) => {
      if (!CAP_CONTENT_TYPE.test(r.contentType)) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/cap+xml or application/xml');
      }
      return { events: [parseCapXml(r.body)] };
    },
  });
}
