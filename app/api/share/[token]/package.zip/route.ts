import { Readable } from 'node:stream';
import { readCookie } from '@/lib/auth/sessions';
import { evidenceStorage } from '@/lib/evidence/storage';
import { buildPackage } from '@/lib/evidence/share/build-package';
import { openShare, unlockCookieName } from '@/lib/evidence/share/open-share';
import { shareGoneResponse } from '@/lib/evidence/share/share-errors';
import { errorResponse } from '@/lib/platform/errors/error-response';
import { clientIp } from '@/lib/platform/http/request-meta';
import { runtime } from '@/lib/platform/runtime';

export const dynamic = 'force-dynamic';

/** The attorney's ZIP. No account: the token (and the passcode cookie or `x-share-passcode` header) is the key. */
export async function GET(req: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  try {
    const rt = runtime();
    const { token } = await params;
    const ip = clientIp(req.headers);
    const cookieHeader = req.headers.get('cookie') ?? undefined;
    const { link } = await openShare(
      rt.pool,
      token,
      { passcode: req.headers.get('x-share-passcode'), cookie: null, cookieOf: (l) => readCookie(cookieHeader, unlockCookieName(l)) },
      ip,
      'package',
    );
    const zip = await buildPackage(rt.pool, evidenceStorage(rt.env.DATA_DIR), link, ip);
    return new Response(Readable.toWeb(Readable.from(zip)) as ReadableStream<Uint8Array>, {
      headers: {
        'content-type': 'application/zip',
        'content-disposition': `attachment; filename="case-${link.case_number.replace(/[^\w-]/g, '_')}.zip"`,
        'cache-control': 'no-store',
        'x-robots-tag': 'noindex',
      },
    });
  } catch (err) {
    return shareGoneResponse(err) ?? errorResponse(err);
  }
}
