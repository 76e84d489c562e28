import { createCase } from '@/lib/evidence/create-case';
import { listCases } from '@/lib/evidence/get-case';
import { evidenceContext, noStore } from '@/lib/evidence/route-context';
import { errorResponse } from '@/lib/platform/errors/error-response';
import { readJson } from '@/lib/platform/http/read-body';

export const dynamic = 'force-dynamic';

export async function GET(req: Request): Promise<Response> {
  try {
    const { rt, user } = await evidenceContext(req, 'case.read');
    return Response.json({ cases: await listCases(rt.pool, user) }, { headers: noStore });
  } catch (err) {
    return errorResponse(err);
  }
}

/** Body: `{ title?, incidentId? }` or `{ title, eventSeqs, searchRef? }`. */
export async function POST(req: Request): Promise<Response> {
  try {
    const { rt, user, ip, storage } = await evidenceContext(req, 'case.write');
    const result = await createCase(rt.pool, storage, user, await readJson(req, 64 * 1024), ip);
    return Response.json(result, { status: 201, headers: noStore });
  } catch (err) {
    return errorResponse(err);
  }
}
