import { z } from 'zod';
import type { Runtime } from '@/lib/platform/runtime';
import type { SessionUser } from '@/lib/auth/session-user';
import { AppError } from '@/lib/platform/errors/app-error';
import { auditAdminChange } from '@/lib/audit/record';
import { clientIp } from '@/lib/platform/http/request-meta';
import { blankToUndefined, readCsvUpload } from '../ingest/csv-upload';
import { assertAgencySource, replaceCodeMap } from './source-settings';

const ZCodeMapRow = z.object({
  code: z.string().min(1).max(100),
  description: z.string().max(300).default(''),
  category: z.string().min(1).max(100),
  priority: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(5).nullable().default(null)),
});

/** PUT /api/admin/sources/[id]/code-map (text/csv: code, description, category, priority): replaces the map. */
export async function importCodeMap(rt: Runtime, admin: SessionUser, sourceId: string, req: Request): Promise<{ codes: number }> {
  await assertAgencySource(rt.pool, sourceId, admin.agencyId);
  const rows = await readCsvUpload(req, ZCodeMapRow);
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    if (seen.has(r.code)) throw new AppError('BAD_REQUEST', `Invalid CSV: record ${i + 2} (code): "${r.code}" appears twice`);
    seen.add(r.code);
  });
  await replaceCodeMap(rt.pool, sourceId, rows);
  await auditAdminChange(rt.pool, { user: admin, ip: clientIp(req.headers), action: 'admin.source.code_map', targetType: 'source', targetId: sourceId, details: { codes: rows.length } });
  return { codes: rows.length };
}
