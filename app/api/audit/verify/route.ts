import { verifyAuditChain } from '@/lib/audit/verify-audit-chain';
import { errorResponse } from '@/lib/platform/errors/error-response';
import { requireUser } from '@/lib/policy/require-user';
import { runtime } from '@/lib/platform/runtime';

export const dynamic = 'force-dynamic';

/** Recompute the hash chain: `{ ok, rows, firstBrokenId?, reason?, headHash }`. */
export async function GET(req: Request): Promise<Response> {
  try {
    await requireUser(req, 'audit.read');
    return Response.json(await verifyAuditChain(runtime().pool), { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
