import { errorResponse } from '@/lib/errors/http';
import { receiveCap } from '@/lib/ingest/receive-cap';
import { runtime } from '@/lib/server/runtime';

export const dynamic = 'force-dynamic';

export async function POST(req: Request): Promise<Response> {
  try {
    const summary = await receiveCap(runtime(), req);
    return Response.json(summary, { status: 202, headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
