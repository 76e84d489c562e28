import { addNote } from '@/lib/evidence/add-note';
import { evidenceContext, noStore } from '@/lib/evidence/route-context';
import { errorResponse } from '@/lib/platform/errors/error-response';
import { readJson } from '@/lib/platform/http/read-body';

export const dynamic = 'force-dynamic';

/** Body: `{ title, text }`. */
export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { rt, user, ip, storage } = await evidenceContext(req, 'case.write');
    const item = await addNote(rt.pool, storage, user, (await params).id, await readJson(req, 256 * 1024), ip);
    return Response.json({ item }, { status: 201, headers: noStore });
  } catch (err) {
    return errorResponse(err);
  }
}
