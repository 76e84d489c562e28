import type pg from 'pg';
import { z } from 'zod';
import { MAPPING_FORMATS } from '@/lib/domain/source-mapping';
import type { EventInput } from '@/lib/domain/event';
import type { CameraSeed } from '@/lib/domain/camera';
import { compileCameraMapping } from './mapping/compile-camera-mapping';
import { compileEventMapping } from './mapping/compile-mapping';
import { loadImportTarget } from './import-target';
import { parseBody } from './receive-import';
import { parseSpec } from './source-mapping-store';

/** The first rows of a file (the admin page sends up to 256 KB of it, cut at a line end) and a draft spec. */
export const ZPreviewRequest = z.strictObject({
  spec: z.unknown(),
  sample: z.string().max(256 * 1024),
  rows: z.number().int().min(1).max(100).default(25),
});

export interface PreviewRow {
  row: number;
  /** The record's cells as text (objects as JSON), for the left half of the preview. */
  cells: Record<string, string>;
  status: 'ok' | 'refused';
  event?: EventInput;
  camera?: CameraSeed;
  field?: string;
  reason?: string;
  warnings: string[];
}

export interface MappingPreview {
  columns: string[];
  rows: PreviewRow[];
  /** Records in the sample (all of them mapped, only `rows` listed). */
  sampled: number;
  refused: number;
  unmappedCodes: Record<string, number>;
  timeZone: string;
}

const cellText = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v));

/**
 * POST /api/admin/sources/[id]/mapping/preview: what a draft mapping makes of the first rows, with each row's
 * refusal or warnings, using the source's own code map, zone and agency extent. Nothing is stored.
 */
export async function previewMapping(pool: pg.Pool, agencyId: string, sourceId: string, input: z.infer<typeof ZPreviewRequest>): Promise<MappingPreview> {
  const target = await loadImportTarget(pool, sourceId, agencyId);
  const spec = parseSpec(input.spec);
  const format = spec.format as (typeof MAPPING_FORMATS)[number];
  // A sample cut mid-document cannot be JSON: the page sends JSON whole (up to the limit) or as NDJSON.
  const { header, records } = parseBody(input.sample, format, spec.recordsPath);
  const map = spec.target === 'camera' ? compileCameraMapping(spec) : compileEventMapping(spec, target.ctx);
  const columns = header ?? [...new Set(records.slice(0, input.rows).flatMap((r) => Object.keys(r.fields ?? {})))];
  const out: MappingPreview = { columns, rows: [], sampled: records.length, refused: 0, unmappedCodes: {}, timeZone: spec.timeZone || target.timeZone };
  for (const rec of records) {
    const m = rec.fields ? map(rec.fields) : ({ ok: false, field: 'record', reason: rec.unreadable ?? 'unreadable' } as const);
    if (!m.ok) out.refused += 1;
    else if ('unmappedCode' in m && m.unmappedCode !== null) out.unmappedCodes[m.unmappedCode] = (out.unmappedCodes[m.unmappedCode] ?? 0) + 1;
    if (out.rows.length >= input.rows) continue;
    const cells = Object.fromEntries(Object.entries(rec.fields ?? { raw: rec.raw }).map(([k, v]) => [k, cellText(v)]));
    if (!m.ok) out.rows.push({ row: rec.row, cells, status: 'refused', field: m.field, reason: m.reason, warnings: [] });
    else if ('event' in m) out.rows.push({ row: rec.row, cells, status: 'ok', event: m.event, warnings: m.warnings });
    else out.rows.push({ row: rec.row, cells, status: 'ok', camera: m.camera, warnings: [] });
  }
  return out;
}
