import { z } from 'zod';
import { answerRequest } from '@/lib/evidence/community/footage-requests';
import { invalid } from '@/lib/platform/errors/app-error';
import { errorResponse } from '@/lib/platform/errors/error-response';
import { readJson } from '@/lib/platform/http/read-body';
import { clientIp } from '@/lib/platform/http/request-meta';
import { runtime } from '@/lib/platform/runtime';

export const dynamic = 'force-dynamic';

const ZAnswer = z.strictObject({ decision: z.enum(['approve', 'decline']) });

/** The camera owner's answer through the e-mailed link (the token is the key). */
export async function POST(req: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  try {
    const parsed = ZAnswer.safeParse(await readJson(req, 1024));
    if (!parsed.success) throw invalid(parsed.error, 'answer');
    const out = await answerRequest(runtime().pool, (await params).token, parsed.data.decision, clientIp(req.headers));
    return Response.json(out, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
