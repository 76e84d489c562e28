import fs from 'node:fs/promises';
import path from 'node:path';
import type { Runtime } from '@/lib/platform/runtime';
import { STREAM_NAME, streamProblems, streamsDir } from './test-pattern';

const FILE = /^[A-Za-z0-9_-]{1,100}\.(m3u8|ts)$/;
const TYPES: Record<string, string> = { m3u8: 'application/vnd.apple.mpegurl', ts: 'video/mp2t' };
const notFound = () => new Response('Not found', { status: 404 });

/**
 * One file of an ffmpeg test-pattern stream (test-pattern.ts), only with TEST_STREAMS=1 or the demo's video on.
 * Generated while the app runs, so they cannot live in public/. Browsers reach them only through the camera proxy.
 * A stream that cannot run here (no ffmpeg) answers 503 with the reason as text, which the proxy passes on.
 */
export async function serveTestStream(rt: Runtime, name: string, parts: string[]): Promise<Response> {
  const file = parts.length === 1 ? parts[0]! : '';
  const on = rt.env.TEST_STREAMS || (rt.env.DEMO && rt.env.DEMO_VIDEO);
  if (!on || !STREAM_NAME.test(name) || !FILE.test(file)) return notFound();
  const problem = streamProblems().get(name);
  if (problem) return new Response(problem, { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
  try {
    const body = await fs.readFile(path.join(streamsDir(rt.env.DATA_DIR), name, file));
    return new Response(body, { headers: { 'content-type': TYPES[file.split('.').pop()!]!, 'cache-control': 'no-store' } });
  } catch {
    return notFound();
  }
}
