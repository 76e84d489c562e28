import { describe, expect, it } from 'vitest';
import { readMultipart } from '@/lib/evidence/multipart';

function body(boundary: string, file: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nMy title\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.wav"\r\nContent-Type: audio/wav\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
}

function stream(buf: Buffer, chunk: number): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream({
    pull(c) {
      if (i >= buf.length) return c.close();
      c.enqueue(new Uint8Array(buf.subarray(i, i + chunk)));
      i += chunk;
    },
  });
}

describe('readMultipart', () => {
  // A file holding CRLF and near-boundary bytes, read in chunk sizes that split the delimiter everywhere.
  const file = Buffer.concat([Buffer.from('\r\n--XYZ\r\n-'), Buffer.alloc(5000, 7), Buffer.from('\r\n--XY')]);
  for (const chunk of [1, 3, 7, 64, 100_000]) {
    it(`streams fields and the file intact in ${chunk}-byte chunks`, async () => {
      const fields: Record<string, string> = {};
      let got = Buffer.alloc(0);
      let type = '';
      await readMultipart(stream(body('XYZ123', file), chunk), 'XYZ123', {
        field: (n, v) => void (fields[n] = v),
        async file(info, data) {
          type = info.contentType;
          for await (const c of data) got = Buffer.concat([got, c]);
        },
      });
      expect(fields).toEqual({ title: 'My title' });
      expect(type).toBe('audio/wav');
      expect(got.equals(file)).toBe(true);
    });
  }

  it('rejects a truncated body', async () => {
    const b = body('B0UNDARY', file).subarray(0, 200);
    await expect(readMultipart(stream(b, 50), 'B0UNDARY', { field: () => {}, file: async (_i, d) => { for await (const _ of d) void _; } })).rejects.toThrow(/Malformed/);
  });
});
