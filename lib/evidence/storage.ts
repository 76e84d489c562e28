import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '@/lib/platform/errors/app-error';

export interface StoredObject {
  key: string;
  sha256: string;
  size: number;
}

/**
 * Where evidence bytes live. The filesystem implementation below is the default; an S3-compatible store
 * implements the same three calls (put = multipart upload while hashing, get = GetObject body, delete =
 * DeleteObject) and is chosen by configuration — nothing above this interface knows which one it is.
 */
export interface EvidenceStorage {
  /** Store a stream; SHA-256 and size are computed while it streams. Refuses past `maxBytes` and keeps nothing. */
  put(source: Readable | AsyncIterable<Uint8Array>, opts?: { maxBytes?: number }): Promise<StoredObject>;
  get(key: string): Promise<Readable>;
  delete(key: string): Promise<void>;
}

const KEY_RE = /^[0-9a-f]{2}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Hashes and counts bytes as they pass; throws 413 past the limit so the caller's pipeline unwinds. */
export class HashingCounter extends Transform {
  readonly hash = crypto.createHash('sha256');
  size = 0;
  constructor(private readonly maxBytes = Infinity) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null, data?: Buffer) => void): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) return done(new AppError('PAYLOAD_TOO_LARGE', `File exceeds the limit of ${this.maxBytes} bytes`));
    this.hash.update(chunk);
    done(null, chunk);
  }
}

/** Files under `<root>/<2 hex>/<uuid>`; written to `<root>/tmp` first and renamed only once complete. */
export class FileEvidenceStorage implements EvidenceStorage {
  constructor(readonly root: string) {}

  private pathOf(key: string): string {
    if (!KEY_RE.test(key)) throw new Error(`invalid storage key ${JSON.stringify(key)}`);
    return path.join(this.root, key);
  }

  async put(source: Readable | AsyncIterable<Uint8Array>, opts: { maxBytes?: number } = {}): Promise<StoredObject> {
    const id = crypto.randomUUID();
    const key = `${id.slice(0, 2)}/${id}`;
    const tmpDir = path.join(this.root, 'tmp');
    await fsp.mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, `${id}.part`);
    const counter = new HashingCounter(opts.maxBytes);
    try {
      const input = source instanceof Readable ? source : Readable.from(source);
      await pipeline(input, counter, fs.createWriteStream(tmp, { flags: 'wx', mode: 0o600 }));
      const final = this.pathOf(key);
      await fsp.mkdir(path.dirname(final), { recursive: true });
      await fsp.rename(tmp, final);
    } catch (err) {
      await fsp.rm(tmp, { force: true });
      throw err;
    }
    return { key, sha256: counter.hash.digest('hex'), size: counter.size };
  }

  async get(key: string): Promise<Readable> {
    const p = this.pathOf(key);
    await fsp.access(p).catch(() => {
      throw new AppError('NOT_FOUND', `Stored file ${key} is missing`);
    });
    return fs.createReadStream(p);
  }

  async delete(key: string): Promise<void> {
    await fsp.rm(this.pathOf(key), { force: true });
  }
}

export function evidenceStorage(dataDir: string): EvidenceStorage {
  return new FileEvidenceStorage(path.resolve(dataDir, 'evidence'));
}

/** Re-read a stored object and hash it: what verification and every download compare with the recorded hash. */
export async function hashStored(storage: EvidenceStorage, key: string): Promise<{ sha256: string; size: number } | null> {
  let stream: Readable;
  try {
    stream = await storage.get(key);
  } catch {
    return null;
  }
  const h = crypto.createHash('sha256');
  let size = 0;
  for await (const chunk of stream) {
    h.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: h.digest('hex'), size };
}
