import { AppError } from '@/lib/platform/errors/app-error';

/** Read a response body as text, refusing (and cancelling) past `max` bytes. */
export async function readCapped(res: Response, max: number): Promise<string> {
  const reader = res.body!.getReader();
  const chunks: Uint8Array[] = [];
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    n += value.byteLength;
    if (n > max) {
      await reader.cancel();
      throw new AppError('PAYLOAD_TOO_LARGE', 'Upstream playlist too large');
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** Pass a body through, erroring the stream (the client sees a cut response) once it exceeds `max` bytes. */
export function streamCapped(body: ReadableStream<Uint8Array>, max: number): ReadableStream<Uint8Array> {
  let n = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, ctl) {
        n += chunk.byteLength;
        if (n > max) ctl.error(new Error('upstream body over the size cap'));
        else ctl.enqueue(chunk);
      },
    }),
  );
}
