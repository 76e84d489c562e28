import { registerCamera } from '@/lib/evidence/community/register-camera';
import { errorResponse } from '@/lib/platform/errors/error-response';
import { readJson } from '@/lib/platform/http/read-body';
import { clientIp } from '@/lib/platform/http/request-meta';
import { runtime } from '@/lib/platform/runtime';

export const dynamic = 'force-dynamic';

/** Public: register a community camera (rate limited per address; honeypot field `website`). */
export async function POST(req: Request): Promise<Response> {
  try {
    const result = await registerCamera(runtime().pool, await readJson(req, 8 * 1024), clientIp(req.headers));
    return Response.json(result, { status: 201, headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
