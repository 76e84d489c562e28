import { cookies } from 'next/headers';
import { deleteSession } from '@/lib/auth/sessions';
import { SESSION_COOKIE } from '@/lib/auth/session-user';
import { errorResponse } from '@/lib/errors/http';
import { runtime } from '@/lib/server/runtime';

export const dynamic = 'force-dynamic';

export async function POST(): Promise<Response> {
  try {
    const jar = await cookies();
    const token = jar.get(SESSION_COOKIE)?.value;
    if (token) await deleteSession(runtime().pool, token);
    jar.delete(SESSION_COOKIE);
    return new Response(null, { status: 204 });
  } catch (err) {
    return errorResponse(err);
  }
}
