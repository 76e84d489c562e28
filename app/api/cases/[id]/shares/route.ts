import { evidenceContext, noStore } from '@/lib/evidence/route-context';
import { createShare } from '@/lib/evidence/share/create-share';
import { errorResponse } from '@/lib/platform/errors/error-response';
import { readJson } from '@/lib/platform/http/read-body';

export const dynamic = 'force-dynamic';

/** Body: `{ recipientName, recipientEmail?, passcode?, expiresInHours? }` → the link, shown this once. */
export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { rt, user, ip } = await evidenceContext(req, 'case.write');
    const proto = req.headers.get('x-forwarded-proto') ?? new URL(req.url).protocol.replace(':', '');
    const origin = `${proto}://${req.headers.get('host') ?? new URL(req.url).host}`;
    const share = await createShare(rt.pool, user, (await params).id, await readJson(req, 16 * 1024), ip, origin);
    return Response.json(share, { status: 201, headers: noStore });
  } catch (err) {
    return errorResponse(err);
  }
}
