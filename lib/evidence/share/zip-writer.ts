import { Readable, Transform } from 'node:stream';
import zlib from 'node:zlib';

/** One file of a ZIP: its name inside the archive and a source of bytes read once, when its turn comes. */
export interface ZipEntry {
  name: string;
  data: () => Promise<AsyncIterable<Uint8Array>> | AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  /** deflate level: 0–9 (already-compressed media gain nothing from 9). */
  level?: number;
  mtime?: Date;
}

const FLAGS = 0x0008 | 0x0800; // sizes in a data descriptor after the data; UTF-8 names
const LIMIT = 0xffff_fffe; // no ZIP64: a package stays under 4 GiB

function dos(d: Date): { time: number; date: number } {
  const y = Math.max(1980, d.getFullYear());
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((y - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

/**
 * A streamed ZIP (deflate, CRC-32 from node:zlib): each entry is compressed as it is read and followed by a data
 * descriptor, so nothing is buffered whole and the first bytes leave before the last file is opened. Written by
 * hand to avoid a dependency; readable by unzip, Windows Explorer, macOS Archive Utility and Python's zipfile.
 */
export async function* zipStream(entries: Iterable<ZipEntry> | AsyncIterable<ZipEntry>): AsyncGenerator<Buffer> {
  const central: Buffer[] = [];
  let offset = 0;
  let count = 0;
  for await (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const { time, date } = dos(e.mtime ?? new Date());
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(FLAGS, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt16LE(name.length, 26);
    const localOffset = offset;
    yield local;
    yield name;
    offset += local.length + name.length;

    let crc = 0;
    let size = 0;
    let csize = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        crc = zlib.crc32(chunk, crc);
        size += chunk.length;
        done(null, chunk);
      },
    });
    const deflate = zlib.createDeflateRaw({ level: e.level ?? 6 });
    const src = Readable.from(await e.data());
    src.on('error', (err) => deflate.destroy(err));
    counter.on('error', (err) => deflate.destroy(err));
    src.pipe(counter).pipe(deflate);
    for await (const out of deflate) {
      csize += (out as Buffer).length;
      yield out as Buffer;
    }
    offset += csize;
    if (offset > LIMIT || size > LIMIT) throw new Error('package exceeds 4 GiB (ZIP64 not supported)');

    const dd = Buffer.alloc(16);
    dd.writeUInt32LE(0x08074b50, 0);
    dd.writeUInt32LE(crc >>> 0, 4);
    dd.writeUInt32LE(csize, 8);
    dd.writeUInt32LE(size, 12);
    yield dd;
    offset += dd.length;

    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(0x0314, 4); // made by: unix, 2.0
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(FLAGS, 8);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt16LE(time, 12);
    cd.writeUInt16LE(date, 14);
    cd.writeUInt32LE(crc >>> 0, 16);
    cd.writeUInt32LE(csize, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE((0o100644 << 16) >>> 0, 38); // -rw-r--r--
    cd.writeUInt32LE(localOffset, 42);
    central.push(cd, name);
    count++;
  }
  const cdStart = offset;
  let cdSize = 0;
  for (const b of central) {
    cdSize += b.length;
    yield b;
  }
  if (count > 0xffff || cdStart + cdSize > LIMIT) throw new Error('package too large for a ZIP without ZIP64');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(cdStart, 16);
  yield end;
}
