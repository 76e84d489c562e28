import { z } from 'zod';
import { ZLatitude, ZLongitude, type EventInput } from '@/lib/domain/event';
import { badPayload, clip, toUtcIso } from './adapter-error';
import { codeLookup, type CodeLookup } from './code-map';
import { UNCLASSIFIED } from './sf-shotspotter';

/**
 * Acoustic gunshot detections (ShotSpotter-style providers) as JSON → `gunshot` events. Field names follow
 * the published SFPD ShotSpotter export (ID, Type, Rnds, Beat, DISPO, address, lat/lon), plus the provider's
 * detection confidence when it sends one. externalId = the provider's incident id (re-sends are no-ops).
 */

export const ZGunshotDetection = z.strictObject({
  incidentId: z.string().trim().min(1).max(100),
  occurredAt: z.iso.datetime({ offset: true }),
  lat: ZLatitude,
  lon: ZLongitude,
  /** Provider classification; when absent it is derived from the round count. */
  type: z.string().trim().min(1).max(60).optional(),
  rounds: z.number().int().min(0).max(1000).optional(),
  /** 0–1. */
  confidence: z.number().min(0).max(1).optional(),
  address: z.string().trim().max(300).optional(),
  beat: z.string().trim().max(50).optional(),
  dispo: z.string().trim().max(100).optional(),
  provider: z.string().trim().max(60).optional(),
});
export type GunshotDetection = z.infer<typeof ZGunshotDetection>;

export const ZGunshotBatch = z.strictObject({ detections: z.array(ZGunshotDetection).min(1).max(1000) });

export function gunshotType(d: Pick<GunshotDetection, 'type' | 'rounds'>): string {
  if (d.type) return d.type;
  if (d.rounds === undefined || d.rounds === 0) return UNCLASSIFIED;
  return d.rounds > 1 ? 'Multiple_Gunshots' : 'Single_Gunshot';
}

function toEvent(d: GunshotDetection, codes: CodeLookup): EventInput {
  // The source's code map, then the built-in classifications, in any spelling ("Multiple Gunshots" is
  // Multiple_Gunshots, P1). A type neither knows keeps its name and gets no priority: counted, never guessed.
  const raw = gunshotType(d);
  const meaning = codes(raw);
  const typeCode = (meaning?.category ?? raw).slice(0, 100);
  const rounds = d.rounds !== undefined ? ` (${d.rounds} round${d.rounds === 1 ? '' : 's'})` : '';
  return {
    externalId: d.incidentId,
    kind: 'gunshot',
    typeCode,
    occurredAt: toUtcIso(d.occurredAt),
    lat: d.lat,
    lon: d.lon,
    priority: meaning?.priority ?? null,
    title: `${typeCode.replaceAll('_', ' ')}${rounds}`.slice(0, 300),
    address: clip(d.address, 300),
    payload: {
      providerIncidentId: d.incidentId,
      sourceCode: raw,
      mapped: !!meaning,
      provider: d.provider ?? null,
      rounds: d.rounds ?? null,
      confidence: d.confidence ?? null,
      beat: d.beat ?? null,
      dispo: d.dispo ?? null,
    },
  };
}

export function adaptGunshots(body: unknown, codes: CodeLookup = codeLookup('gunshot', [])): EventInput[] {
  const parsed = ZGunshotBatch.safeParse(body);
  if (!parsed.success) throw badPayload(parsed.error, 'gunshot batch');
  return parsed.data.detections.map((d) => toEvent(d, codes));
}
