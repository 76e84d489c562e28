import { errorResponse } from '@/lib/platform/errors/error-response';
import { receiveOsmand } from '@/lib/ingest/receive-avl';
import { runtime } from '@/lib/platform/runtime';

export const dynamic = 'force-dynamic';

/** 200, not 202: Traccar Client and OsmAnd treat anything but 200 as a failed send and buffer the fix. */
async function handle(req: Request): Promise<Response> {
  try {
    return Response.json(await receiveOsmand(runtime(), req), { status: 200, headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}

export const GET = handle;
export const POST = handle;
