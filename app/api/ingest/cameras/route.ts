import { errorResponse } from '@/lib/errors/http';
import { receiveCameras } from '@/lib/ingest/receive-cameras';
import { runtime } from '@/lib/server/runtime';

export const dynamic = 'force-dynamic';

export async function POST(req: Request): Promise<Response> {
  try {
    return Response.json(await receiveCameras(runtime(), req), { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
