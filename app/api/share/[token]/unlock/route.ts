import { cookies, headers } from 'next/headers';
import { z } from 'zod';
import { openShare, unlockCookieName, unlockValue } from '@/lib/evidence/share/open-share';
import { shareGoneResponse } from '@/lib/evidence/share/share-errors';
import { invalid } from '@/lib/platform/errors/app-error';
import { errorResponse } from '@/lib/platform/errors/error-response';
import { readJson } from '@/lib/platform/http/read-body';
import { clientIp } from '@/lib/platform/http/request-meta';
import { runtime } from '@/lib/platform/runtime';

export const dynamic = 'force-dynamic';

const ZUnlock = z.strictObject({ passcode: z.string().min(1).max(200) });

/** Body `{ passcode }`: a right passcode sets a cookie for this link until it expires. */
export async function POST(req: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  try {
    const rt = runtime();
    const { token } = await params;
    const parsed = ZUnlock.safeParse(await readJson(req, 4 * 1024));
    if (!parsed.success) throw invalid(parsed.error, 'passcode');
    const { link } = await openShare(rt.pool, token, { passcode: parsed.data.passcode }, clientIp(await headers()), 'unlock');
    (await cookies()).set(unlockCookieName(link), unlockValue(token, link), {
      httpOnly: true,
      sameSite: 'strict',
      secure: req.headers.get('x-forwarded-proto') === 'https',
      path: '/',
      expires: link.expires_at,
    });
    return Response.json({ ok: true }, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return shareGoneResponse(err) ?? errorResponse(err);
  }
}
