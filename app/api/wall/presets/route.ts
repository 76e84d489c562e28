import { errorResponse } from '@/lib/platform/errors/error-response';
import { readJson } from '@/lib/platform/http/read-body';
import { clientIp } from '@/lib/platform/http/request-meta';
import { requireUser } from '@/lib/policy/require-user';
import { runtime } from '@/lib/platform/runtime';
import { listPresets, savePreset } from '@/lib/wall/presets';

export const dynamic = 'force-dynamic';

export async function GET(req: Request): Promise<Response> {
  try {
    const user = await requireUser(req, 'wall.view');
    return Response.json({ presets: await listPresets(runtime().pool, user.agencyId) }, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}

/** `{ name, layout?, cameraIds? }`: save (same name: overwrite) a wall preset of the agency. */
export async function POST(req: Request): Promise<Response> {
  try {
    const user = await requireUser(req, 'wall.control');
    const { preset, created } = await savePreset(runtime(), user, await readJson(req, 16 * 1024), clientIp(req.headers));
    return Response.json({ preset }, { status: created ? 201 : 200, headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
