import { evidenceContext, noStore } from '@/lib/evidence/route-context';
import { uploadItem } from '@/lib/evidence/upload-item';
import { errorResponse } from '@/lib/platform/errors/error-response';

export const dynamic = 'force-dynamic';

/** multipart/form-data upload: field `file` (required), `title` (optional, before the file). */
export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { rt, user, ip, storage, cfg } = await evidenceContext(req, 'case.write');
    const item = await uploadItem(rt.pool, storage, cfg, user, (await params).id, req, ip);
    return Response.json({ item }, { status: 201, headers: noStore });
  } catch (err) {
    return errorResponse(err);
  }
}
