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
    const localExtraLen = buf.readUInt16LE(local + 28);
    const start = local + 30 + localNameLen + localExtraLen;
    const data = zlib.inflateRawSync(buf.subarray(start, start + csize));
    expect(data.length).toBe(size);
    expect(zlib.crc32(data) >>> 0).toBe(crc);
    out.set(name, data);
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return out;
}

async function collect(gen: AsyncGenerator<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const b of gen) parts.push(b);
  return Buffer.concat(parts);
}

describe('zipStream', () => {
  it('writes ZIP64 records that unzip accepts (what a package past 4 GiB carries)', async () => {
    const { execFileSync } = await import('node:child_process');
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const zip = await collect(zipStream([{ name: 'a.txt', data: () => [Buffer.from('zip64\n')] }], { forceZip64: true }));
    expect(zip.includes(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).toBe(true); // ZIP64 end of central directory
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rtcc-zip64-'));
    try {
      fs.writeFileSync(path.join(dir, 'p.zip'), zip);
      expect(execFileSync('unzip', ['-p', path.join(dir, 'p.zip'), 'a.txt']).toString()).toBe('zip64\n');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

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
