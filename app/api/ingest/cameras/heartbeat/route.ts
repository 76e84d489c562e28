import { errorResponse } from '@/lib/errors/http';
import { receiveCameraHeartbeats } from '@/lib/ingest/receive-cameras';
import { runtime } from '@/lib/server/runtime';

export const dynamic = 'force-dynamic';

export async function POST(req: Request): Promise<Response> {
  try {
    return Response.json(await receiveCameraHeartbeats(runtime(), req), { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
