import { addEvents } from '@/lib/evidence/add-note';
import { evidenceContext, noStore } from '@/lib/evidence/route-context';
import { errorResponse } from '@/lib/platform/errors/error-response';
import { readJson } from '@/lib/platform/http/read-body';

export const dynamic = 'force-dynamic';

/** Body: `{ eventSeqs: string[] }`. */
export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { rt, user, ip, storage } = await evidenceContext(req, 'case.write');
    const items = await addEvents(rt.pool, storage, user, (await params).id, await readJson(req, 64 * 1024), ip);
    return Response.json({ items }, { status: 201, headers: noStore });
  } catch (err) {
    return errorResponse(err);
  }
}
