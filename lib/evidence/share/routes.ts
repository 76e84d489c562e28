import { Readable } from 'node:stream';
import { cookies } from 'next/headers';
import { z } from 'zod';
import { defineRoute } from '@/lib/api/define-route';
import { readCookie } from '@/lib/auth/sessions';
import { goneResponse } from '@/lib/platform/errors/gone';
import { shareToken } from '@/lib/policy/route-policy';
import { evidenceStorage } from '../storage';
import { buildPackage } from './build-package';
import { openShare, unlockCookieName, unlockValue } from './open-share';

const onError = goneResponse;

export const shareRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/share/[token]/package.zip',
    operationId: 'downloadSharePackage',
    summary: "The recipient's ZIP: no account; the token (and the passcode cookie or `x-share-passcode` header) is the key",
    policy: shareToken,
    response: { contentType: 'application/zip' },
    errors: [401, 404, 410, 413, 429],
    onError,
    handle: async ({ rt, params, req, ip }) => {
      const cookieHeader = req.headers.get('cookie') ?? undefined;
      const passcode = req.headers.get('x-share-passcode');
      const { link } = await openShare(rt.pool, params.token!, { passcode, cookie: null, cookieOf: (l) => readCookie(cookieHeader, unlockCookieName(l)) }, ip, 'package');
      const zip = await buildPackage(rt.pool, evidenceStorage(rt.env.DATA_DIR), link, ip);
      return new Response(Readable.toWeb(Readable.from(zip)) as ReadableStream<Uint8Array>, {
        headers: {
          'content-type': 'application/zip',
          'content-disposition': `attachment; filename="case-${link.case_number.replace(/[^\w-]/g, '_')}.zip"`,
          'cache-control': 'no-store',
          'x-robots-tag': 'noindex',
        },
      });
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/share/[token]/unlock',
    operationId: 'unlockShare',
    summary: 'A right passcode sets a cookie for this link until it expires',
    policy: shareToken,
    body: z.strictObject({ passcode: z.string().min(1).max(200) }),
    bodyLimit: 4 * 1024,
    errors: [401, 404, 410, 429],
    onError,
    handle: async ({ rt, params, body, req, ip }) => {
      const token = params.token!;
      const { link } = await openShare(rt.pool, token, { passcode: body.passcode }, ip, 'unlock');
      (await cookies()).set(unlockCookieName(link), unlockValue(token, link), {
        httpOnly: true,
        sameSite: 'strict',
        secure: req.headers.get('x-forwarded-proto') === 'https',
        path: '/',
        expires: link.expires_at,
      });
      return { ok: true };
    },
  }),
];
