import { errorResponse } from '@/lib/platform/errors/error-response';
import { acceptedResponse } from '@/lib/ingest/accepted-response';
import { receiveAvlBatch } from '@/lib/ingest/receive-avl';
import { runtime } from '@/lib/platform/runtime';

export const dynamic = 'force-dynamic';

async function handle(req: Request): Promise<Response> {
  try {
    return acceptedResponse(await receiveAvlBatch(runtime(), req));
  } catch (err) {
    return errorResponse(err);
  }
}

export const POST = handle;
