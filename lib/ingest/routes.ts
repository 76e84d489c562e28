import { defineRoute, type RawBody } from '@/lib/api/define-route';
import { ZEventBatch } from '@/lib/domain/event';
import type { Runtime } from '@/lib/platform/runtime';
import { sourceKey } from '@/lib/policy/route-policy';
import { acceptedResponse } from './accepted-response';
import { NONCE_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './hmac';
import { ZAvlBatch } from './adapters/avl-osmand';
import { ZCadBatch } from './adapters/cad-json';
import { ZGunshotBatch } from './adapters/gunshot';
import { ZLprBatch } from './adapters/lpr-webhook';
import { receiveAvlBatch, receiveOsmand } from './receive-avl';
import { receiveCad } from './receive-cad';
import { receiveCap } from './receive-cap';
import { receiveEido } from './receive-eido';
import { receiveEvents } from './receive-events';
import { ZReceiveSummary } from './receive-summary';
import { receiveGunshot } from './receive-gunshot';
import { receiveLpr } from './receive-lpr';
import type { ReceiveSummary } from './receive-adapted';

const json = (schema: RawBody['schema']): RawBody => ({ contentTypes: ['application/json'], schema });
/** The door authenticates the source (API key, signature), rate-limits it and reads the body itself. */
const ERRORS = [400, 413, 415, 429, 503] as const;
const SIGNED = [
  { name: SIGNATURE_HEADER, description: '`sha256=` HMAC-SHA256 hex of `<timestamp>.<nonce>.<raw body>`, required when the source has a signing secret' },
  { name: TIMESTAMP_HEADER, description: 'Unix seconds, within 300 s of the server clock (signed requests)' },
  { name: NONCE_HEADER, description: '16–128 of A–Z a–z 0–9 _ -, new for every signed request: a replay is refused' },
];

function door(path: string, operationId: string, summary: string, body: RawBody, receive: (rt: Runtime, req: Request) => Promise<ReceiveSummary>) {
  return defineRoute({
    method: 'POST',
    path,
    operationId,
    summary,
    policy: sourceKey,
    rawBody: body,
    headers: SIGNED,
    response: { status: 202, schema: ZReceiveSummary, description: 'Committed: each event with its seq (retries report the seq stored first)' },
    errors: ERRORS,
    handle: async ({ rt, req }) => acceptedResponse(await receive(rt, req)),
  });
}

const osmand = (method: 'GET' | 'POST') =>
  defineRoute({
    method,
    path: '/api/ingest/avl/osmand',
    operationId: method === 'GET' ? 'ingestOsmandGet' : 'ingestOsmand',
    summary: 'One unit position in the OsmAnd / Traccar Client protocol (query string or form)',
    policy: sourceKey,
    // 200, not 202: Traccar Client and OsmAnd treat anything but 200 as a failed send and buffer the fix.
    response: { schema: ZReceiveSummary },
    errors: ERRORS,
    handle: ({ rt, req }) => receiveOsmand(rt, req),
  });

export const ingestRoutes = [
  door('/api/ingest/events', 'ingestEvents', "Batch of events in the console's own EventInput shape", json(ZEventBatch), receiveEvents),
  door('/api/ingest/cap', 'ingestCap', 'CAP 1.2 alert (XML): polygons/circles become GeoJSON; DTDs and entities refused', { contentTypes: ['application/cap+xml', 'application/xml', 'text/xml'], description: 'One CAP 1.2 <alert> document (no DTD, no entities)' }, receiveCap),
  door('/api/ingest/eido', 'ingestEido', 'NENA i3 EIDO JSON (bare, array, or STA-024 notify) → 911 call events', { contentTypes: ['application/json'], description: 'NENA-STA-024 EIDO' }, receiveEido),
  door('/api/ingest/cad', 'ingestCad', 'CAD incidents (create/update/status), code-mapped and jurisdiction-filtered per source', json(ZCadBatch), receiveCad),
  door('/api/ingest/avl', 'ingestAvl', 'Unit positions batch', json(ZAvlBatch), receiveAvlBatch),
  door('/api/ingest/gunshot', 'ingestGunshot', 'Gunshot detections', json(ZGunshotBatch), receiveGunshot),
  door('/api/ingest/lpr', 'ingestLpr', 'Plate reads (generic JSON, or the OpenALPR alpr_group webhook); hotlist hits raise alerts', json(ZLprBatch), receiveLpr),
  osmand('GET'),
  osmand('POST'),
];
