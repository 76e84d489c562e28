import type { EventKind } from '@/lib/domain/event';
import type { Reason } from '@/lib/domain/incident';
import type { VisibleCamera } from './camera-visibility';
import type { IncidentState, Origin } from './incident-state';
import { DEFAULT_WINDOWS, type CorrelationWindow } from './windows';

/** The engine's configuration and the shape of what one batch changed (engine.ts). */

export interface EngineConfig {
  windows: Record<EventKind, CorrelationWindow>;
  /** Cameras attached automatically per incident. */
  cameraTopN: number;
  /**
   * How late (event time) an event may arrive and still find its neighbours in the live window. 24 h by default:
   * DataSF exports come in day blocks, newest first within a day, so a file-order replay is up to 24 h late.
   */
  allowedLatenessMs: number;
  /** Upper bound of the live window, whatever the lateness (bounded memory at high rates). */
  maxAnchors: number;
  /**
   * Quiet period (event time since the last event joined) after which a situation without a CAD close goes stale and
   * closes, per what opened it. A stale situation reopens when an event joins it within the same period again.
   */
  quietMs: Record<Origin, number>;
}

const MIN = 60_000;
export const DEFAULT_QUIET_MS: Record<Origin, number> = {
  cad: 12 * 60 * MIN, call911: 120 * MIN, gunshot: 60 * MIN, alert: 30 * MIN, rule: 60 * MIN, sensor: 60 * MIN, manual: 120 * MIN,
};

export const DEFAULT_ENGINE_CONFIG: EngineConfig = {
  windows: DEFAULT_WINDOWS,
  cameraTopN: 4,
  allowedLatenessMs: 24 * 3600_000,
  maxAnchors: 300_000,
  quietMs: DEFAULT_QUIET_MS,
};

export interface HistoryRow { incidentId: string; change: string; score: number; reasons: Reason[]; occurredAtMs: number }
export interface LinkRow { incidentId: string; seq: bigint; reason: string }
export interface UnitLinkRow { incidentId: string; callSign: string }
export interface MergeRow { fromId: string; intoId: string; reason: string }
export type Push =
  | { type: 'notice'; agencyId: string; ruleId: string; ruleName: string; message: string; reason: string; role: string | null; incidentId: string | null; seq: bigint }
  | { type: 'preset'; agencyId: string; ruleId: string; preset: string; incidentId: string | null; seq: bigint }
  | { type: 'slew'; agencyId: string; ruleId: string; incidentId: string; seq: bigint };

/** Everything one batch of events changed: written in one transaction with the cursor, then pushed. */
export interface BatchOutput {
  incidents: (IncidentState & { score: number; orderedReasons: Reason[]; reopened?: boolean })[];
  created: Set<string>;
  links: LinkRow[];
  unitLinks: UnitLinkRow[];
  cameraSets: Map<string, VisibleCamera[]>;
  history: HistoryRow[];
  merges: MergeRow[];
  pushes: Push[];
}
