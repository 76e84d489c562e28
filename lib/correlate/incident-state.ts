import type { EventKind } from '@/lib/domain/event';
import type { IncidentStatus, Reason } from '@/lib/domain/incident';
import type { Anchor } from './anchor-grid';
import type { Category } from './situation-rules';

/** A CAD incident's lifecycle, in order. */
export const CAD_STAGES = ['received', 'dispatched', 'en_route', 'on_scene', 'cleared'] as const;
export type CadStage = (typeof CAD_STAGES)[number];

/** A committed event as the correlator reads it (with payload, time as ms). */
export interface CorrEvent {
  seq: bigint;
  agencyId: string;
  kind: EventKind;
  typeCode: string;
  occurredAtMs: number;
  lat: number | null;
  lon: number | null;
  priority: number | null;
  title: string | null;
  address: string | null;
  payload: Record<string, unknown>;
}

/** What opened an incident; decides how later events join it. */
export type Origin = 'cad' | 'call911' | 'gunshot' | 'alert' | 'rule' | 'sensor' | 'manual';

/** Who closed an incident: a stale situation reopens when an event joins it; the CAD's and an operator's close stand. */
export type ClosedBy = 'cad' | 'stale' | 'operator';

/** An open incident as the correlator holds it in memory. */
export interface IncidentState {
  id: string;
  agencyId: string;
  number: string;
  origin: Origin;
  status: IncidentStatus;
  typeCode: string;
  title: string;
  lat: number | null;
  lon: number | null;
  address: string | null;
  openedAtMs: number;
  lastSeq: bigint;
  /** Most urgent source priority seen (1 first). */
  basePriority: number | null;
  reasons: Map<string, Reason>;
  units: Set<string>;
  gunshots: number;
  maxRounds: number;
  callTimes: number[];
  /** NENA EIDO incident tracking ids of the 911 calls in it: later updates of a call join the same incident. */
  callKeys: Set<string>;
  plate: string | null;
  cameraIds: string[];
  /** The CAD incident's single anchor, widened as unit rows arrive. */
  anchor: Anchor | null;
  /** What situation it is (from the CAD type when there is one, else its first specific report). */
  category: Category;
  /** When each CAD stage was first reached (event time). */
  cadTimes: Partial<Record<CadStage, number>>;
  cadStatus: CadStage | null;
  /** Event time of the newest event that joined: quiet periods and score decay count from it. */
  lastEventAtMs: number;
  /** Event time of the newest report of a threat to life (gunshots, a violent call, a working fire). */
  lifeAtMs: number | null;
  closedBy: ClosedBy | null;
  closedAtMs: number | null;
  mergedInto: string | null;
  sensorCount: number;
  /** When the lifecycle sweep must look at it next (event time; lifecycle.ts). */
  dueAtMs: number;
}

export function newIncident(fields: Pick<IncidentState, 'id' | 'agencyId' | 'number' | 'origin' | 'typeCode' | 'title' | 'openedAtMs'> & Partial<IncidentState>): IncidentState {
  return {
    status: 'open',
    lat: null,
    lon: null,
    address: null,
    lastSeq: 0n,
    basePriority: null,
    reasons: new Map(),
    units: new Set(),
    gunshots: 0,
    maxRounds: 0,
    callTimes: [],
    callKeys: new Set(),
    plate: null,
    cameraIds: [],
    anchor: null,
    category: 'other',
    cadTimes: {},
    cadStatus: null,
    lastEventAtMs: fields.openedAtMs,
    lifeAtMs: null,
    closedBy: null,
    closedAtMs: null,
    mergedInto: null,
    sensorCount: 0,
    dueAtMs: Infinity,
    ...fields,
  };
}

export const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
export const int = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
export const isoMs = (v: unknown): number | null => {
  if (typeof v !== 'string') return null;
  const t = Date.parse(v);
  return Number.isFinite(t) ? t : null;
};
export const located = (e: { lat: number | null; lon: number | null }): e is { lat: number; lon: number } =>
  e.lat !== null && e.lon !== null;
