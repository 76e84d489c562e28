import { getCase } from '@/lib/evidence/get-case';
import { evidenceContext, noStore } from '@/lib/evidence/route-context';
import { errorResponse } from '@/lib/platform/errors/error-response';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { rt, user, ip } = await evidenceContext(req, 'case.read');
    return Response.json(await getCase(rt.pool, user, (await params).id, ip), { headers: noStore });
  } catch (err) {
    return errorResponse(err);
  }
}
