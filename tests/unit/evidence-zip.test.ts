import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { zipStream } from '@/lib/evidence/share/zip-writer';

/** A minimal reader: walks the central directory and inflates each entry (what unzip does). */
function readZip(buf: Buffer): Map<string, Buffer> {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(buf.readUInt32LE(p)).toBe(0x02014b50);
    const crc = buf.readUInt32LE(p + 16);
    const csize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const localNameLen = buf.readUInt16LE(local + 26);
    const data = zlib.inflateRawSync(buf.subarray(local + 30 + localNameLen, local + 30 + localNameLen + csize));
    expect(data.length).toBe(size);
    expect(zlib.crc32(data) >>> 0).toBe(crc);
    out.set(name, data);
    p += 46 + nameLen;
  }
  return out;
}

async function collect(gen: AsyncGenerator<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const b of gen) parts.push(b);
  return Buffer.concat(parts);
}

describe('zipStream', () => {
  it('writes entries a ZIP reader inflates back with matching CRC-32 and sizes', async () => {
    const big = Buffer.alloc(300_000);
    for (let i = 0; i < big.length; i++) big[i] = (i * 7) % 251;
    async function* chunks() {
      for (let i = 0; i < big.length; i += 65_536) yield big.subarray(i, i + 65_536);
    }
    const zip = await collect(
      zipStream([
        { name: 'README.txt', data: () => [Buffer.from('héllo\n')] },
        { name: 'items/001-big.bin', data: () => chunks(), level: 1 },
        { name: 'empty', data: () => [] },
      ]),
    );
    const files = readZip(zip);
    expect([...files.keys()]).toEqual(['README.txt', 'items/001-big.bin', 'empty']);
    expect(files.get('README.txt')!.toString('utf8')).toBe('héllo\n');
    expect(files.get('items/001-big.bin')!.equals(big)).toBe(true);
    expect(files.get('empty')!.length).toBe(0);
  });
});
