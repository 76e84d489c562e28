import { errorResponse } from '@/lib/platform/errors/error-response';
import { clientIp } from '@/lib/platform/http/request-meta';
import { requireUser } from '@/lib/policy/require-user';
import { runtime } from '@/lib/platform/runtime';
import { deletePreset } from '@/lib/wall/presets';
import { presetId } from '@/lib/wall/preset-id';

export const dynamic = 'force-dynamic';

export async function DELETE(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const user = await requireUser(req, 'wall.control');
    await deletePreset(runtime().pool, user, await presetId(params), clientIp(req.headers));
    return new Response(null, { status: 204 });
  } catch (err) {
    return errorResponse(err);
  }
}
