import { errorResponse } from '@/lib/platform/errors/error-response';
import { acceptedResponse } from '@/lib/ingest/accepted-response';
import { receiveEvents } from '@/lib/ingest/receive-events';
import { runtime } from '@/lib/platform/runtime';

export const dynamic = 'force-dynamic';

export async function POST(req: Request): Promise<Response> {
  try {
    const summary = await receiveEvents(runtime(), req);
    return acceptedResponse(summary);
  } catch (err) {
    return errorResponse(err);
  }
}
