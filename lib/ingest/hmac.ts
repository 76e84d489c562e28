import crypto from 'node:crypto';
import type pg from 'pg';
import { AppError } from '@/lib/platform/errors/app-error';

export const SIGNATURE_HEADER = 'x-rtcc-signature';

/** `sha256=<hex>` of the raw body under the source's secret: what a webhook sender puts in X-RTCC-Signature. */
export function signBody(secret: string, body: Uint8Array | string): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** The source's HMAC secret, or null when it sends unsigned requests. Read per request: rotation is immediate. */
export async function loadHmacSecret(pool: pg.Pool, sourceId: string): Promise<string | null> {
  const { rows } = await pool.query<{ hmac_secret: string | null }>(
    'SELECT hmac_secret FROM source_secret WHERE source_id = $1',
    [sourceId],
  );
  return rows[0]?.hmac_secret ?? null;
}

/** Throw 401 unless `header` is the signature of exactly these bytes. Constant-time compare. */
export function verifySignature(secret: string, body: Uint8Array, header: string | null): void {
  if (!header) throw new AppError('UNAUTHORIZED', 'This source signs its requests: X-RTCC-Signature is missing');
  const expected = Buffer.from(signBody(secret, body));
  const given = Buffer.from(header.trim().toLowerCase());
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
    throw new AppError('UNAUTHORIZED', 'X-RTCC-Signature does not match the body');
  }
}
