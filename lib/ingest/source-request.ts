import { AppError } from '@/lib/platform/errors/app-error';
import { readBodyLimited } from '@/lib/platform/http/read-body';
import { clientIp } from '@/lib/platform/http/request-meta';
import { parseJsonText } from '@/lib/platform/http/parse-json';
import type { Runtime } from '@/lib/platform/runtime';
import { authenticateSource, type SourceIdentity } from './authenticate-source';
import { claimNonce, loadHmacSecret, verifySignature } from './hmac';
import { TokenBuckets } from '../platform/rate-limit';

/** An authenticated, rate-checked request from a source, its body read (within the limit) and its signature checked. */
export interface SourceRequest {
  source: SourceIdentity;
  url: URL;
  contentType: string;
  body: Uint8Array;
}

export interface SourceRequestOptions {
  /** Accept the API key as `?key=` too: GPS trackers (OsmAnd) cannot set headers. Keys in URLs reach access logs. */
  allowQueryKey?: boolean;
  /** Told the source as soon as its key is known, so a refusal after that counts against it (source-outcomes.ts). */
  onAuthenticated?: (sourceId: string) => void;

  /** A larger body limit than INGEST_MAX_BODY_BYTES (file imports). */
  maxBytes?: number;
}

function limiter(rt: Runtime): TokenBuckets {
  rt.ingestLimiter ??= new TokenBuckets({ ratePerSec: rt.env.INGEST_RATE_PER_SEC, burst: rt.env.INGEST_BURST });
  return rt.ingestLimiter;
}

/**
 * The common front of every ingest route: API key → per-source rate limit → body (size-limited) → HMAC.
 * The rate limit comes before the body so a flood costs us a hash lookup, not a 2 MB read; the signature
 * needs the raw bytes, so it comes after.
 */
export async function receiveFromSource(
  rt: Runtime,
  req: Request,
  options: SourceRequestOptions = {},
): Promise<SourceRequest> {
  const url = new URL(req.url);
  let headers = req.headers;
  const queryKey = options.allowQueryKey ? url.searchParams.get('key') : null;
  if (queryKey && !headers.get('authorization') && !headers.get('x-api-key')) {
    headers = new Headers(headers);
    headers.set('x-api-key', queryKey);
  }
  const source = await authenticateSource(rt.pool, headers, `ip:${clientIp(req.headers) ?? 'unknown'}`);
  options.onAuthenticated?.(source.id);
  limiter(rt).consume(source.id);
  const body = await readBodyLimited(req, options.maxBytes ?? rt.env.INGEST_MAX_BODY_BYTES);
  const secret = await loadHmacSecret(rt.pool, source.id);
  if (secret !== null) await claimNonce(rt.pool, source.id, verifySignature(secret, body, req.headers));
  return { source, url, contentType: req.headers.get('content-type') ?? '', body };
}

/** The body as text: strict UTF-8, a leading BOM dropped (OpenALPR agents and Windows exports send one). */
export function bodyText(sr: SourceRequest): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(sr.body);
  } catch {
    throw new AppError('BAD_REQUEST', 'Body is not valid UTF-8');
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The body as JSON; 415 unless declared JSON, 400 when it does not parse. */
export function bodyJson(sr: SourceRequest): unknown {
  if (!/^application\/(.+\+)?json\b/i.test(sr.contentType)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/json');
  }
  return parseJsonText(bodyText(sr));
}
