import { AppError } from '@/lib/platform/errors/app-error';

/** One part of a multipart/form-data body as it streams past. */
export interface PartInfo {
  name: string;
  filename: string | null;
  contentType: string;
}

export interface MultipartHandlers {
  /** A text field (small, buffered). */
  field(name: string, value: string): void;
  /** A file part: return a consumer that receives its bytes; it must finish before the next part is read. */
  file(info: PartInfo, body: AsyncIterable<Uint8Array>): Promise<void>;
}

export function boundaryOf(contentType: string | null): string {
  const m = /^multipart\/form-data\s*;.*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  const b = m?.[1] ?? m?.[2];
  if (!b) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be multipart/form-data with a boundary');
  return b;
}

const MAX_FIELD = 64 * 1024;
const MAX_HEADER = 16 * 1024;

function parseHeaders(text: string): PartInfo {
  let name = '';
  let filename: string | null = null;
  let contentType = 'application/octet-stream';
  for (const line of text.split('\r\n')) {
    const [k, ...rest] = line.split(':');
    const v = rest.join(':').trim();
    if (k?.toLowerCase() === 'content-disposition') {
      name = /\bname="([^"]*)"/i.exec(v)?.[1] ?? '';
      const fn = /\bfilename="([^"]*)"/i.exec(v);
      filename = fn ? fn[1]! : null;
    } else if (k?.toLowerCase() === 'content-type') contentType = v;
  }
  return { name, filename, contentType };
}

/**
 * Streaming multipart/form-data reader: file bytes are handed on as they arrive (never buffered whole), so a
 * 200 MiB upload costs a few chunks of memory and can be refused mid-way.
 */
export async function readMultipart(body: ReadableStream<Uint8Array>, boundary: string, h: MultipartHandlers): Promise<void> {
  const reader = body.getReader();
  let buf: Buffer = Buffer.alloc(0);
  let ended = false;
  const more = async (): Promise<boolean> => {
    if (ended) return false;
    const { done, value } = await reader.read();
    if (done) {
      ended = true;
      return false;
    }
    buf = buf.length ? Buffer.concat([buf, value]) : Buffer.from(value);
    return true;
  };
  const bad = (why: string) => new AppError('BAD_REQUEST', `Malformed multipart body: ${why}`);
  const opening = Buffer.from(`--${boundary}`);
  const delim = Buffer.from(`\r\n--${boundary}`);
  try {
    while (buf.indexOf(opening) < 0) if (!(await more())) throw bad('no opening boundary');
    buf = buf.subarray(buf.indexOf(opening) + opening.length);
    for (;;) {
      while (buf.length < 2) if (!(await more())) throw bad('truncated');
      if (buf[0] === 0x2d && buf[1] === 0x2d) return; // closing "--"
      let headEnd: number;
      while ((headEnd = buf.indexOf('\r\n\r\n')) < 0) {
        if (buf.length > MAX_HEADER || !(await more())) throw bad('part headers');
      }
      const info = parseHeaders(buf.subarray(2, headEnd).toString('utf8'));
      buf = buf.subarray(headEnd + 4);
      // Yields the part's bytes up to the next delimiter, keeping back a tail that could be its start.
      const self = { done: false };
      async function* partBody(): AsyncGenerator<Uint8Array> {
        for (;;) {
          const at = buf.indexOf(delim);
          if (at >= 0) {
            if (at > 0) yield buf.subarray(0, at);
            buf = buf.subarray(at + delim.length);
            self.done = true;
            return;
          }
          const safe = buf.length - delim.length;
          if (safe > 0) {
            const chunk = buf.subarray(0, safe);
            buf = buf.subarray(safe);
            yield chunk;
          }
          if (!(await more())) throw bad('part not terminated');
        }
      }
      if (info.filename !== null) {
        await h.file(info, partBody());
        // A consumer that stopped early leaves the rest of the part: drain it.
        if (!self.done) for await (const _ of partBody()) void _;
      } else {
        const chunks: Uint8Array[] = [];
        let size = 0;
        for await (const c of partBody()) {
          size += c.length;
          if (size > MAX_FIELD) throw bad(`field ${info.name} too long`);
          chunks.push(c);
        }
        h.field(info.name, Buffer.concat(chunks).toString('utf8'));
      }
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}
