import { errorResponse } from '@/lib/platform/errors/error-response';
import { clientIp } from '@/lib/platform/http/request-meta';
import { requireUser } from '@/lib/policy/require-user';
import { runtime } from '@/lib/platform/runtime';
import { loadPreset } from '@/lib/wall/presets';
import { presetId } from '@/lib/wall/preset-id';

export const dynamic = 'force-dynamic';

/** Show the preset on every wall of the agency (leaves follow mode); answers the new wall state. */
export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const user = await requireUser(req, 'wall.control');
    return Response.json(await loadPreset(runtime(), user, await presetId(params), clientIp(req.headers)), { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
