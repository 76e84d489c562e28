import type { MapGeoJSONFeature } from 'maplibre-gl';
import { priorityOf } from '@/components/queue/priority';
import type { CameraDto } from '@/lib/domain/camera';
import { KIND_LABEL, type EventDto } from '@/lib/domain/event';
import type { GisLayerDto } from '@/lib/domain/gis-layer';
import type { IncidentDto } from '@/lib/domain/incident';
import { UNIT_STATUS_LABEL } from '@/lib/domain/unit';
import { ALERTS, GEOFENCES } from './context-overlays';
import type { MapObject } from './map-selection';
import type { UnitBuffers } from './unit-store';

/** How each kind of map object is named and described in the tooltip and the details card. */

const time = (ms: number | string) => new Date(ms).toLocaleString([], { dateStyle: 'short', timeStyle: 'medium' });
const has = (r: [string, string | null | undefined]): r is [string, string] => !!r[1];

export function unitObject(buf: UnitBuffers, i: number): MapObject {
  const status = buf.statuses[i] ?? '';
  return { kind: 'Unit', title: buf.callSigns[i] ?? '?', rows: ([
    ['Status', UNIT_STATUS_LABEL[status] ?? status],
    ['Last fix', buf.seenAt[i] ? time(buf.seenAt[i]!) : ''],
    ['Position', `${buf.positions[i * 2 + 1]!.toFixed(5)}, ${buf.positions[i * 2]!.toFixed(5)}`],
  ] as [string, string][]).filter(has) };
}

export function cameraObject(c: CameraDto): MapObject {
  return { kind: 'Camera', title: c.name, ref: { type: 'camera', id: c.id }, rows: [
    ['Status', c.status],
    ['Looks', c.ptz ? 'PTZ (all round)' : c.heading === null ? 'all round' : `${Math.round(c.heading)}° ± ${Math.round(c.fovDeg / 2)}°, ${Math.round(c.rangeM)} m`],
    ['Video', c.streamKind === 'none' ? 'no stream configured' : c.video ? `${c.streamKind}, ${videoLine(c.video)}` : c.streamKind],
  ] };
}

/** "online, last frame 12:03:04" / "offline: why" / "idle (nobody watching)". */
function videoLine(v: NonNullable<CameraDto['video']>): string {
  if (v.state === 'offline') return `offline${v.error ? `: ${v.error}` : ''}`;
  if (v.state === 'idle') return `idle${v.lastFrameAt ? `, last frame ${time(v.lastFrameAt)}` : ''}`;
  return v.lastFrameAt ? `${v.state}, last frame ${time(v.lastFrameAt)}` : v.state;
}

export function incidentObject(i: IncidentDto): MapObject {
  return { kind: 'Incident', title: `#${i.number} ${i.title}`, ref: { type: 'incident', id: i.id }, rows: ([
    ['Priority', `P${priorityOf(i.score)}`],
    ['Status', i.status],
    ['Address', i.address],
    ['Opened', time(i.openedAt)],
    ['Why', i.reasons.slice(0, 3).map((r) => r.text).join('; ')],
  ] as [string, string | null][]).filter(has) };
}

export function eventObject(e: EventDto): MapObject {
  return { kind: `${KIND_LABEL[e.kind]} event`, title: e.title ?? e.typeCode, rows: ([
    ['Type', e.typeCode],
    ['At', time(e.occurredAt)],
    ['Address', e.address],
    ['Priority', e.priority === null ? null : String(e.priority)],
  ] as [string, string | null][]).filter(has) };
}

/** A feature of a MapLibre context layer: a geofence, an alert area or an imported GIS layer's feature. */
export function contextObject(f: MapGeoJSONFeature, layers: readonly GisLayerDto[]): MapObject {
  const p = (f.properties ?? {}) as Record<string, unknown>;
  if (f.source === GEOFENCES) return { kind: 'Geofence', title: String(p.name ?? ''), rows: [['Kind', String(p.kind ?? '')]], ref: { type: 'geofence', id: String(p.id) } };
  if (f.source === ALERTS) return { kind: 'CAP alert area', title: String(p.title ?? ''), rows: ([['Event', String(p.typeCode ?? '')], ['Sent', p.occurredAt ? time(String(p.occurredAt)) : '']] as [string, string][]).filter(has) };
  const layer = layers.find((l) => f.source === `ctx-gis-${l.id}`);
  const name = p.name ?? p.Name ?? p.NAME;
  const rows = Object.entries(p).filter(([k, v]) => v !== null && v !== '' && typeof v !== 'object' && !/^(name|styleUrl|styleHash|stroke.*|fill.*)$/i.test(k)).slice(0, 10);
  return { kind: layer?.name ?? 'GIS layer', title: name ? String(name) : (layer?.name ?? 'Feature'), rows: rows.map(([k, v]) => [k, String(v)]) };
}
