import crypto from 'node:crypto';
import type pg from 'pg';
import { AppError } from '@/lib/platform/errors/app-error';

export const SIGNATURE_HEADER = 'x-rtcc-signature';
export const TIMESTAMP_HEADER = 'x-rtcc-timestamp';
export const NONCE_HEADER = 'x-rtcc-nonce';
/** How far a request's timestamp may be from the server's clock, either way; nonces are kept twice as long. */
export const SIGNATURE_WINDOW_SECONDS = 300;

type HeaderBag = { get(name: string): string | null };

/**
 * `sha256=<hex>` of `<timestamp>.<nonce>.<raw body>` under the source's secret: what a webhook sender puts in
 * X-RTCC-Signature, with X-RTCC-Timestamp (Unix seconds) and X-RTCC-Nonce (16–128 of A–Z a–z 0–9 _ -, new for
 * every request). The timestamp and nonce make each signed request usable once.
 */
export function signRequest(secret: string, timestamp: string, nonce: string, body: Uint8Array | string): string {
  const mac = crypto.createHmac('sha256', secret).update(`${timestamp}.${nonce}.`);
  return `sha256=${mac.update(body).digest('hex')}`;
}

/** The three headers for a request signed now (senders written in TypeScript, tests). */
export function signedHeaders(secret: string, body: Uint8Array | string, now = Date.now()): Record<string, string> {
  const timestamp = String(Math.floor(now / 1000));
  const nonce = crypto.randomBytes(16).toString('hex');
  return { [TIMESTAMP_HEADER]: timestamp, [NONCE_HEADER]: nonce, [SIGNATURE_HEADER]: signRequest(secret, timestamp, nonce, body) };
}

/** The source's HMAC secret, or null when it sends unsigned requests. Read per request: rotation is immediate. */
export async function loadHmacSecret(pool: pg.Pool, sourceId: string): Promise<string | null> {
  const { rows } = await pool.query<{ hmac_secret: string | null }>(
    'SELECT hmac_secret FROM source_secret WHERE source_id = $1',
    [sourceId],
  );
  return rows[0]?.hmac_secret ?? null;
}

/**
 * Throw 401 unless the headers sign exactly these bytes, now: a timestamp within the window, a well-formed nonce,
 * a matching signature (constant-time compare). Returns the nonce, for `claimNonce`.
 */
export function verifySignature(secret: string, body: Uint8Array, headers: HeaderBag, now = Date.now()): string {
  const header = headers.get(SIGNATURE_HEADER);
  const timestamp = headers.get(TIMESTAMP_HEADER)?.trim() ?? '';
  const nonce = headers.get(NONCE_HEADER)?.trim() ?? '';
  if (!header) throw new AppError('UNAUTHORIZED', 'This source signs its requests: X-RTCC-Signature is missing');
  if (!/^\d{1,12}$/.test(timestamp) || !/^[\w-]{16,128}$/.test(nonce)) {
    throw new AppError('UNAUTHORIZED', 'A signed request needs X-RTCC-Timestamp (Unix seconds) and X-RTCC-Nonce (16–128 letters, digits, _ or -)');
  }
  if (Math.abs(now / 1000 - Number(timestamp)) > SIGNATURE_WINDOW_SECONDS) {
    throw new AppError('UNAUTHORIZED', `X-RTCC-Timestamp is more than ${SIGNATURE_WINDOW_SECONDS} s from the server's clock`);
  }
  const expected = Buffer.from(signRequest(secret, timestamp, nonce, body));
  const given = Buffer.from(header.trim().toLowerCase());
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
    throw new AppError('UNAUTHORIZED', 'X-RTCC-Signature does not match the timestamp, nonce and body');
  }
  return nonce;
}

/** Record the nonce; 401 if this source used it already (a replay). Old nonces are swept now and then. */
export async function claimNonce(pool: pg.Pool, sourceId: string, nonce: string): Promise<void> {
  if (Math.random() < 0.01) {
    await pool.query(`DELETE FROM ingest_nonce WHERE seen_at < now() - make_interval(secs => $1)`, [SIGNATURE_WINDOW_SECONDS * 2]);
  }
  const { rowCount } = await pool.query('INSERT INTO ingest_nonce (source_id, nonce) VALUES ($1, $2) ON CONFLICT DO NOTHING', [sourceId, nonce]);
  if (!rowCount) throw new AppError('UNAUTHORIZED', 'This signed request was already received (X-RTCC-Nonce used before): a replay is refused');
}
