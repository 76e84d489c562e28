import { requestFootage } from '@/lib/evidence/community/footage-requests';
import { evidenceContext, noStore } from '@/lib/evidence/route-context';
import { errorResponse } from '@/lib/platform/errors/error-response';
import { readJson } from '@/lib/platform/http/read-body';

export const dynamic = 'force-dynamic';

/** Body `{ communityCameraId, from, to, reason }` → `{ id, ownerUrl }` (the link to e-mail the owner; shown once). */
export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { rt, user, ip } = await evidenceContext(req, 'case.write');
    const origin = `${req.headers.get('x-forwarded-proto') ?? 'http'}://${req.headers.get('host') ?? new URL(req.url).host}`;
    const out = await requestFootage(rt.pool, user, (await params).id, await readJson(req, 8 * 1024), ip, origin);
    return Response.json(out, { status: 201, headers: noStore });
  } catch (err) {
    return errorResponse(err);
  }
}
