import fs from 'node:fs/promises';
import path from 'node:path';
import { runtime } from '@/lib/platform/runtime';
import { STREAM_NAME, streamsDir } from '@/lib/video/test-pattern';

export const dynamic = 'force-dynamic';

const FILE = /^[A-Za-z0-9_-]{1,100}\.(m3u8|ts)$/;
const TYPES: Record<string, string> = { m3u8: 'application/vnd.apple.mpegurl', ts: 'video/mp2t' };

/**
 * The ffmpeg test-pattern streams (lib/video/test-pattern.ts), served only with TEST_STREAMS=1. Generated while
 * the app runs, so they cannot live in public/. Browsers reach them only through the camera proxy.
 */
export async function GET(_req: Request, ctx: { params: Promise<{ name: string; path: string[] }> }) {
  const { name, path: parts } = await ctx.params;
  const file = parts.length === 1 ? parts[0]! : '';
  if (!runtime().env.TEST_STREAMS || !STREAM_NAME.test(name) || !FILE.test(file)) return new Response('Not found', { status: 404 });
  try {
    const body = await fs.readFile(path.join(streamsDir(runtime().env.DATA_DIR), name, file));
    return new Response(body, { headers: { 'content-type': TYPES[file.split('.').pop()!]!, 'cache-control': 'no-store' } });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}
