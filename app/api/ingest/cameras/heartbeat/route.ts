import { errorResponse } from '@/lib/platform/errors/error-response';
import { receiveCameraHeartbeats } from '@/lib/cameras/receive-cameras';
import { runtime } from '@/lib/platform/runtime';

export const dynamic = 'force-dynamic';

export async function POST(req: Request): Promise<Response> {
  try {
    return Response.json(await receiveCameraHeartbeats(runtime(), req), { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
