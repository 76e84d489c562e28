import { errorResponse } from '@/lib/errors/http';
import { receiveCad } from '@/lib/ingest/receive-cad';
import { runtime } from '@/lib/server/runtime';

export const dynamic = 'force-dynamic';

async function handle(req: Request): Promise<Response> {
  try {
    return Response.json(await receiveCad(runtime(), req), { status: 202, headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}

export const POST = handle;
