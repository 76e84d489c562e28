import { checkReadiness } from '@/lib/platform/check-readiness';
import { runtime } from '@/lib/platform/runtime';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const r = await checkReadiness(runtime());
  return Response.json(r, { status: r.ready ? 200 : 503, headers: { 'cache-control': 'no-store' } });
}
