import { errorResponse } from '@/lib/platform/errors/error-response';
import { listIncidents } from '@/lib/incidents/list-incidents';
import { requireUser } from '@/lib/policy/require-user';
import { runtime } from '@/lib/platform/runtime';

export const dynamic = 'force-dynamic';

/** GET /api/incidents?status=open|active|…&limit=N — the queue, highest score first. */
export async function GET(req: Request): Promise<Response> {
  try {
    const user = await requireUser(req, 'incident.read');
    const query = Object.fromEntries(new URL(req.url).searchParams);
    const incidents = await listIncidents(runtime().pool, user.agencyId, query);
    return Response.json({ incidents }, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
