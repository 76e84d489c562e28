import { errorResponse } from '@/lib/platform/errors/error-response';
import { acceptedResponse } from '@/lib/ingest/accepted-response';
import { receiveLpr } from '@/lib/ingest/receive-lpr';
import { runtime } from '@/lib/platform/runtime';

export const dynamic = 'force-dynamic';

async function handle(req: Request): Promise<Response> {
  try {
    return acceptedResponse(await receiveLpr(runtime(), req));
  } catch (err) {
    return errorResponse(err);
  }
}

export const POST = handle;
