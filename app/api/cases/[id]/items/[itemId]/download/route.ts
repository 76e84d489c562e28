import { downloadItem } from '@/lib/evidence/download-item';
import { evidenceContext } from '@/lib/evidence/route-context';
import { errorResponse } from '@/lib/platform/errors/error-response';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, { params }: { params: Promise<{ id: string; itemId: string }> }): Promise<Response> {
  try {
    const { rt, user, ip, storage } = await evidenceContext(req, 'case.read');
    const { id, itemId } = await params;
    const dl = await downloadItem(rt.pool, storage, user, id, itemId, ip);
    return new Response(dl.body, { headers: dl.headers });
  } catch (err) {
    return errorResponse(err);
  }
}
