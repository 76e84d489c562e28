import { errorResponse } from '@/lib/platform/errors/error-response';
import { readJson } from '@/lib/platform/http/read-body';
import { transitionIncident } from '@/lib/incidents/transition-incident';
import { requireUser } from '@/lib/policy/require-user';
import { runtime } from '@/lib/platform/runtime';

export const dynamic = 'force-dynamic';

export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const user = await requireUser(req, 'incident.update');
    const body = req.headers.get('content-type') ? await readJson(req, 8 * 1024) : undefined;
    const incident = await transitionIncident(runtime(), user, (await params).id, 'close', body);
    return Response.json({ incident }, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
