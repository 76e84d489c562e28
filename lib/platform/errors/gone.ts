import { AppError } from './app-error';

/**
 * A capability link that worked once and no longer does (revoked, expired, its incident closed): HTTP 410 Gone.
 * The shared error map has no 410, so the routes that open such links map it with `goneResponse`.
 */
export class Gone extends AppError {
  constructor(message: string) {
    super('NOT_FOUND', message);
  }
}

/** The 410 answer for a Gone error; undefined for any other error (the standard mapping answers those). */
export function goneResponse(err: unknown): Response | undefined {
  if (!(err instanceof Gone)) return undefined;
  return Response.json({ error: err.message, code: 'GONE' }, { status: 410, headers: { 'cache-control': 'no-store' } });
}
