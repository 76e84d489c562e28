import { uploadFootage } from '@/lib/evidence/community/upload-footage';
import { evidenceConfig } from '@/lib/evidence/config';
import { evidenceStorage } from '@/lib/evidence/storage';
import { errorResponse } from '@/lib/platform/errors/error-response';
import { clientIp } from '@/lib/platform/http/request-meta';
import { runtime } from '@/lib/platform/runtime';

export const dynamic = 'force-dynamic';

/** The owner's footage (multipart field `file`) for an approved request. */
export async function POST(req: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  try {
    const rt = runtime();
    const item = await uploadFootage(rt.pool, evidenceStorage(rt.env.DATA_DIR), evidenceConfig(), (await params).token, req, clientIp(req.headers));
    return Response.json({ ok: true, sha256: item.sha256, size: item.size }, { status: 201, headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
