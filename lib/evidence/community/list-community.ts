import type pg from 'pg';

export interface CommunityCameraDto {
  id: string;
  name: string;
  lat: number;
  lon: number;
  contactName: string;
  contactEmail: string;
  contactPhone: string | null;
  consent: 'location_only' | 'footage_on_request' | 'live_on_alarm';
  status: 'pending' | 'approved' | 'rejected';
  createdAt: string;
  decidedAt: string | null;
}

export interface FootageRequestDto {
  id: string;
  caseId: string;
  caseNumber: string;
  cameraName: string;
  requestedBy: string;
  status: 'requested' | 'approved' | 'declined' | 'uploaded';
  from: string;
  to: string;
  reason: string;
  createdAt: string;
  expiresAt: string;
}

/** The staff side of community cameras: the agency's registrations, pending first, newest first. */
export async function listCommunityCameras(pool: pg.Pool, agencyId: string): Promise<CommunityCameraDto[]> {
  const { rows } = await pool.query<CommunityCameraDto & { createdAt: Date; decidedAt: Date | null }>(
    `SELECT cc.id, cam.name, cam.lat, cam.lon, cc.contact_name AS "contactName", cc.contact_email AS "contactEmail", cc.contact_phone AS "contactPhone",
            cc.consent, cc.status, cc.created_at AS "createdAt", cc.decided_at AS "decidedAt"
       FROM community_camera cc JOIN camera cam ON cam.id = cc.camera_id
      WHERE cc.agency_id = $1
      ORDER BY cc.status = 'pending' DESC, cc.created_at DESC LIMIT 500`,
    [agencyId],
  );
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), decidedAt: r.decidedAt?.toISOString() ?? null }));
}

/** The agency's footage requests to community camera owners, newest first, with their case and where they stand. */
export async function listFootageRequests(pool: pg.Pool, agencyId: string): Promise<FootageRequestDto[]> {
  const { rows } = await pool.query<Omit<FootageRequestDto, 'from' | 'to' | 'createdAt' | 'expiresAt'> & { from: Date; to: Date; createdAt: Date; expiresAt: Date }>(
    `SELECT f.id, f.case_id AS "caseId", c.number AS "caseNumber", cam.name AS "cameraName", coalesce(u.display_name, '') AS "requestedBy",
            f.status, f.from_at AS "from", f.to_at AS "to", f.reason, f.created_at AS "createdAt", f.expires_at AS "expiresAt"
       FROM footage_request f
       JOIN evidence_case c ON c.id = f.case_id
       JOIN community_camera cc ON cc.id = f.community_camera_id
       JOIN camera cam ON cam.id = cc.camera_id
       LEFT JOIN app_user u ON u.id = f.requested_by
      WHERE c.agency_id = $1
      ORDER BY f.created_at DESC LIMIT 200`,
    [agencyId],
  );
  return rows.map((r) => ({ ...r, from: r.from.toISOString(), to: r.to.toISOString(), createdAt: r.createdAt.toISOString(), expiresAt: r.expiresAt.toISOString() }));
}

/** Open cases of the agency, for the request form. */
export async function listOpenCases(pool: pg.Pool, agencyId: string): Promise<{ id: string; number: string; title: string }[]> {
  const { rows } = await pool.query<{ id: string; number: string; title: string }>(
    `SELECT id, number, title FROM evidence_case WHERE agency_id = $1 AND status = 'open' ORDER BY created_at DESC LIMIT 200`,
    [agencyId],
  );
  return rows;
}
