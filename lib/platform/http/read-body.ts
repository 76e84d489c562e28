import { AppError } from '@/lib/platform/errors/app-error';
import { parseJsonText } from './parse-json';

/**
 * Read a byte stream whole, refusing as soon as it passes `limit` bytes (the stream is cancelled): never buffers
 * more than the limit. `tooLarge` makes the error the caller wants (a 413 for a request, an upstream error…).
 */
export async function readStreamCapped(body: ReadableStream<Uint8Array> | null, limit: number, tooLarge: () => Error): Promise<Uint8Array> {
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.byteLength;
  }
  return out;
}

/** Read a request body, refusing (413) as soon as it passes `limit` bytes. */
export async function readBodyLimited(req: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  return readStreamCapped(req.body, limit, () => tooLarge(limit));
}

/** Read a request body of at most `limit` bytes as UTF-8 text; 400 with `notUtf8` when it is not valid UTF-8. */
export async function readTextLimited(req: Request, limit: number, notUtf8 = 'Body is not valid UTF-8'): Promise<string> {
  const bytes = await readBodyLimited(req, limit);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AppError('BAD_REQUEST', notUtf8);
  }
}

/** Parse a JSON body of at most `limit` bytes; 415 when it is not declared JSON, 400 when it does not parse. */
export async function readJson(req: Request, limit: number): Promise<unknown> {
  const type = req.headers.get('content-type') ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/json');
  }
  return parseJsonText(await readTextLimited(req, limit));
}

function tooLarge(limit: number): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `Body exceeds the limit of ${limit} bytes`);
}
