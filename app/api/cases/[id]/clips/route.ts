import { recordClip } from '@/lib/evidence/record-clip';
import { evidenceContext, noStore } from '@/lib/evidence/route-context';
import { errorResponse } from '@/lib/platform/errors/error-response';
import { readJson } from '@/lib/platform/http/read-body';

export const dynamic = 'force-dynamic';

/** Body: `{ cameraId, from, to, title? }`: record that range of the camera's HLS stream as an evidence item. */
export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { rt, user, ip, storage, cfg } = await evidenceContext(req, 'case.write');
    const item = await recordClip(rt.pool, storage, cfg, user, (await params).id, await readJson(req, 16 * 1024), ip);
    return Response.json({ item }, { status: 201, headers: noStore });
  } catch (err) {
    return errorResponse(err);
  }
}
