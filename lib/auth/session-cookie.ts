import { cookies } from 'next/headers';
import type { Env } from '@/lib/platform/env';
import { secureCookies } from '@/lib/platform/http/request-meta';
import { SESSION_COOKIE } from './session-user';

type HeaderBag = { get(name: string): string | null };

/** The session cookie: HttpOnly, SameSite=Strict, Secure behind TLS, expiring with the session. */
export async function setSessionCookie(env: Env, h: HeaderBag, token: string, expiresAt: Date): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: secureCookies(env, h),
    path: '/',
    expires: expiresAt,
  });
}
