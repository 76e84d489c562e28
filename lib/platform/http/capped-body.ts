import { AppError } from '@/lib/platform/errors/app-error';
import { readStreamCapped } from './read-body';

/** Read a response body as text, refusing (and cancelling) past `max` bytes. */
export async function readCapped(res: Response, max: number): Promise<string> {
  const bytes = await readStreamCapped(res.body, max, () => new AppError('PAYLOAD_TOO_LARGE', 'Upstream playlist too large'));
  return new TextDecoder().decode(bytes);
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
