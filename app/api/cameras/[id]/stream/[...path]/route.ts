import { errorResponse } from '@/lib/platform/errors/error-response';
import { clientIp } from '@/lib/platform/http/request-meta';
import { requireUser } from '@/lib/policy/require-user';
import { runtime } from '@/lib/platform/runtime';
import { proxyStream } from '@/lib/video/proxy-stream';

export const dynamic = 'force-dynamic';

/** Same-origin HLS proxy: access check per camera, audited views, upstream playlist URIs rewritten to here. */
export async function GET(req: Request, ctx: { params: Promise<{ id: string; path: string[] }> }) {
  try {
    // The role gate first (anonymous → 401); the camera's agency is checked against the user inside.
    const user = await requireUser(req, 'video.live');
    const { id, path } = await ctx.params;
    return await proxyStream(runtime(), { user, ip: clientIp(req.headers), cameraId: id, segments: path, search: new URL(req.url).search });
  } catch (err) {
    return errorResponse(err);
  }
}
