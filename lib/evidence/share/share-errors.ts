import { AppError } from '@/lib/platform/errors/app-error';

/** An expired or revoked link: HTTP 410 Gone (the shared error map has no 410, so share routes map it). */
export class ShareGone extends AppError {
  constructor(message: string) {
    super('NOT_FOUND', message);
  }
}

export function shareGoneResponse(err: unknown): Response | null {
  if (!(err instanceof ShareGone)) return null;
  return Response.json({ error: err.message, code: 'GONE' }, { status: 410, headers: { 'cache-control': 'no-store' } });
}
