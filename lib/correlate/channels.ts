/** Workflow routes NOTIFY this (payload: incident id) so the correlator reloads operator-owned state. */
export const INCIDENT_CHANGED_CHANNEL = 'rtcc_incident_changed';
/** Admin routes NOTIFY this after a rule or geofence change so the correlator reloads them. */
export const REFERENCE_CHANGED_CHANNEL = 'rtcc_correlator_reference';
