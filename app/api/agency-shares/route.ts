import { errorResponse } from '@/lib/platform/errors/error-response';
import { readJson } from '@/lib/platform/http/read-body';
import { clientIp } from '@/lib/platform/http/request-meta';
import { createAgencyShare, listAgencyShares } from '@/lib/agencies/agency-shares';
import { requireUser } from '@/lib/policy/require-user';
import { runtime } from '@/lib/platform/runtime';

export const dynamic = 'force-dynamic';

/** Shares this agency made or received. */
export async function GET(req: Request): Promise<Response> {
  try {
    const user = await requireUser(req, 'share.manage');
    return Response.json({ shares: await listAgencyShares(runtime().pool, user.agencyId) }, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}

/** `{ toAgencyId, scope: ['layers'|'cameras'|'live'|'recorded'], startsAt?, endsAt? }` → 201 `{ id }`. */
export async function POST(req: Request): Promise<Response> {
  try {
    const user = await requireUser(req, 'share.manage');
    const result = await createAgencyShare(runtime(), user, await readJson(req, 4 * 1024), clientIp(req.headers));
    return Response.json(result, { status: 201, headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
