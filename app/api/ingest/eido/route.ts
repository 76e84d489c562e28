import { errorResponse } from '@/lib/errors/http';
import { receiveEido } from '@/lib/ingest/receive-eido';
import { runtime } from '@/lib/server/runtime';

export const dynamic = 'force-dynamic';

async function handle(req: Request): Promise<Response> {
  try {
    return Response.json(await receiveEido(runtime(), req), { status: 202, headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}

export const POST = handle;
