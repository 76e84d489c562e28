import { AppError } from '@/lib/platform/errors/app-error';
import type { Runtime } from '@/lib/platform/runtime';
import { adaptAvlBatch, adaptOsmandJson, adaptOsmandParams, fixToEvent, type AvlFix } from './adapters/avl-osmand';
import { receiveAdapted, type Adapted, type ReceiveSummary } from './receive-adapted';
import { bodyJson, bodyText, type SourceRequest } from './source-request';
import { moveUnits } from './unit-positions';

function withUnits(r: SourceRequest, fixes: AvlFix[]): Adapted {
  return {
    events: fixes.map(fixToEvent),
    afterInsert: (client, results) => moveUnits(client, r.source.agencyId, fixes, results),
  };
}

/**
 * GET/POST /api/ingest/avl/osmand: Traccar OsmAnd. Parameters in the query string, else a form-encoded or
 * JSON body (as Traccar reads them). The key may come as `?key=`: trackers cannot set headers.
 */
export function receiveOsmand(rt: Runtime, req: Request): Promise<ReceiveSummary> {
  return receiveAdapted(rt, req, {
    allowQueryKey: true,
    adapt: (r) => {
      const query = new URLSearchParams(r.url.searchParams);
      query.delete('key');
      if (query.has('id') || query.has('deviceid')) return withUnits(r, [adaptOsmandParams(query)]);
      if (/^application\/(.+\+)?json\b/i.test(r.contentType)) return withUnits(r, [adaptOsmandJson(bodyJson(r))]);
      if (/^application\/x-www-form-urlencoded\b/i.test(r.contentType) || (r.contentType === '' && r.body.length)) {
        return withUnits(r, [adaptOsmandParams(new URLSearchParams(bodyText(r)))]);
      }
      throw new AppError('BAD_REQUEST', 'Invalid id: OsmAnd needs id= (query or form body) or a JSON body with device_id', [
        { path: 'id', message: 'missing' },
      ]);
    },
  });
}

/** POST /api/ingest/avl: the console's JSON batch of unit positions. */
export function receiveAvlBatch(rt: Runtime, req: Request): Promise<ReceiveSummary> {
  return receiveAdapted(rt, req, { adapt: (r) => withUnits(r, adaptAvlBatch(bodyJson(r))) });
}
