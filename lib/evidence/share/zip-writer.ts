import { Readable } from 'node:stream';
import yazl from 'yazl';

/** One file of a ZIP: its name inside the archive and a source of bytes read once, when its turn comes. */
export interface ZipEntry {
  name: string;
  data: () => Promise<AsyncIterable<Uint8Array>> | AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  /** deflate level: 0–9 (already-compressed media gain nothing from 9). */
  level?: number;
  mtime?: Date;
}

/**
 * A streamed ZIP written by yazl (a maintained ZIP writer): each entry is read and deflated when its turn comes,
 * followed by a data descriptor, so nothing is buffered whole; entries and archives past 4 GiB get ZIP64 records
 * automatically. Readable by unzip, Windows Explorer, macOS Archive Utility and Python's zipfile.
 */
export async function* zipStream(entries: Iterable<ZipEntry> | AsyncIterable<ZipEntry>, opts: { forceZip64?: boolean } = {}): AsyncGenerator<Buffer> {
  const zip = new yazl.ZipFile();
  for await (const e of entries) {
    zip.addReadStreamLazy(
      e.name,
      { mtime: e.mtime ?? new Date(), compressionLevel: e.level ?? 6, forceZip64Format: opts.forceZip64 ?? false },
      (cb) => {
        Promise.resolve(e.data()).then(
          (src) => cb(null, Readable.from(src as AsyncIterable<Uint8Array>, { objectMode: false })),
          (err: unknown) => cb(err as Error, undefined as never),
        );
      },
    );
  }
  zip.end({ forceZip64Format: opts.forceZip64 ?? false, comment: '' });
  for await (const chunk of zip.outputStream) yield chunk as Buffer;
}
