/**
 * SQL for "one call": the SF Fire CAD has one row per responding unit (same `callNumber`), the CAD JSON adapter
 * one event per status change (same `incidentNumber`), a 911 event is a call of its own. Kept in one place so
 * the hourly counts and the response times agree on what a call is.
 */
export const CALL_KEY_SQL = `coalesce(e.payload->>'callNumber', e.payload->>'incidentNumber', e.external_id)`;
/** Kinds that are calls for service. */
export const CALL_KINDS = ['call911', 'cad'] as const;

/**
 * The source's own clock for a CAD row: a replayed record keeps its original time in `payload.recordedAt`
 * (the demo re-stamps occurred_at to now), and the SF dispatch/on-scene fields are on that original clock.
 */
const RECORDED = `coalesce(rtcc_try_timestamptz(e.payload->>'recordedAt'), e.occurred_at)`;

/** Call received, first dispatch, first on scene of one CAD row (null when the row does not say). */
export const RECEIVED_SQL = `coalesce(rtcc_try_timestamptz(e.payload->>'receivedAt'),
  CASE WHEN e.payload->>'status' IS NULL OR e.payload->>'status' = 'received' THEN ${RECORDED} END)`;
export const DISPATCHED_SQL = `coalesce(rtcc_try_timestamptz(e.payload->>'dispatchAt'),
  CASE WHEN e.payload->>'status' IN ('dispatched', 'en_route', 'on_scene') THEN ${RECORDED} END)`;
export const ON_SCENE_SQL = `coalesce(rtcc_try_timestamptz(e.payload->>'onSceneAt'),
  CASE WHEN e.payload->>'status' = 'on_scene' THEN ${RECORDED} END)`;
