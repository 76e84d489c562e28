import fs from 'node:fs/promises';
import path from 'node:path';
import type { Runtime } from '@/lib/platform/runtime';
import { STREAM_NAME, streamsDir } from './test-pattern';

const FILE = /^[A-Za-z0-9_-]{1,100}\.(m3u8|ts)$/;
const TYPES: Record<string, string> = { m3u8: 'application/vnd.apple.mpegurl', ts: 'video/mp2t' };
const notFound = () => new Response('Not found', { status: 404 });

/**
 * One file of an ffmpeg test-pattern stream (test-pattern.ts), only with TEST_STREAMS=1. Generated while the app
 * runs, so they cannot live in public/. Browsers reach them only through the camera proxy.
 */
export async function serveTestStream(rt: Runtime, name: string, parts: string[]): Promise<Response> {
  const file = parts.length === 1 ? parts[0]! : '';
  if (!rt.env.TEST_STREAMS || !STREAM_NAME.test(name) || !FILE.test(file)) return notFound();
  try {
    const body = await fs.readFile(path.join(streamsDir(rt.env.DATA_DIR), name, file));
    return new Response(body, { headers: { 'content-type': TYPES[file.split('.').pop()!]!, 'cache-control': 'no-store' } });
  } catch {
    return notFound();
  }
}
