import { z } from 'zod';

/** The answer to a committed ingest batch (202), as the OpenAPI document states it. */
export const ZReceiveSummary = z
  .object({
    accepted: z.number().int().describe('Events stored by this request'),
    duplicates: z.number().int().describe('Events already stored (same source and externalId): no-ops'),
    results: z.array(z.object({ externalId: z.string(), seq: z.string(), duplicate: z.boolean() })),
  })
  .catchall(z.number().int().describe('Adapter counters, e.g. outsideJurisdiction, hotlistHits'));
