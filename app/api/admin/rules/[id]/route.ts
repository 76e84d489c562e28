import { z } from 'zod';
import { AppError } from '@/lib/platform/errors/app-error';
import { errorResponse } from '@/lib/platform/errors/error-response';
import { readJson } from '@/lib/platform/http/read-body';
import { clientIp } from '@/lib/platform/http/request-meta';
import { requireUser } from '@/lib/policy/require-user';
import { deleteRule } from '@/lib/rules/delete-rule';
import { saveRule } from '@/lib/rules/save-rule';
import { runtime } from '@/lib/platform/runtime';

export const dynamic = 'force-dynamic';

async function ruleId(params: Promise<{ id: string }>): Promise<string> {
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) throw new AppError('NOT_FOUND', 'No such rule');
  return id;
}

export async function PUT(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const user = await requireUser(req, 'admin.manage');
    const rule = await saveRule(runtime().pool, user, await ruleId(params), await readJson(req, 64 * 1024), clientIp(req.headers));
    return Response.json({ rule }, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}

export async function DELETE(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const user = await requireUser(req, 'admin.manage');
    await deleteRule(runtime().pool, user, await ruleId(params), clientIp(req.headers));
    return new Response(null, { status: 204 });
  } catch (err) {
    return errorResponse(err);
  }
}
