import crypto from 'node:crypto';
import type pg from 'pg';
import { withTransaction } from '@/lib/platform/db/with-transaction';
import { z } from 'zod';
import { ZLatitude, ZLongitude } from '@/lib/domain/event';
import { AppError, invalid } from '@/lib/platform/errors/app-error';

export const CONSENT_LEVELS = ['location_only', 'footage_on_request', 'live_on_alarm'] as const;

export const ZRegisterCamera = z.strictObject({
  /** Agency slug the camera is offered to (the form carries it; one public form per agency). */
  agency: z.string().trim().min(1).max(100),
  name: z.string().trim().min(3).max(200),
  lat: ZLatitude,
  lon: ZLongitude,
  contactName: z.string().trim().min(2).max(200),
  contactEmail: z.email().max(320),
  contactPhone: z.string().trim().max(40).optional(),
  consent: z.enum(CONSENT_LEVELS),
  /** Honeypot: hidden from people, filled by bots. */
  website: z.string().max(500).optional(),
});

const WINDOW_MS = 3_600_000;
const PER_WINDOW = 5;
type Hits = Map<string, number[]>;
const KEY = Symbol.for('rtcc.community.register.hits');

/** At most 5 registrations an hour per client address (process-wide; a public form needs no more). */
function rateLimit(ip: string | null): void {
  const g = globalThis as { [KEY]?: Hits };
  const hits = (g[KEY] ??= new Map<string, number[]>());
  const k = ip ?? 'unknown';
  const now = Date.now();
  const recent = (hits.get(k) ?? []).filter((t) => now - t < WINDOW_MS);
  if (recent.length >= PER_WINDOW) {
    throw new AppError('RATE_LIMITED', 'Too many registrations from this address; try again later', [], Math.ceil((WINDOW_MS - (now - recent[0]!)) / 1000));
  }
  recent.push(now);
  hits.set(k, recent);
  if (hits.size > 10_000) hits.clear();
}

/**
 * POST /api/community/cameras (public): a business or resident offers a camera. Stored as a camera with owner
 * 'private' and status 'pending' (no stream until the agency approves and configures one), plus the owner's
 * contact and consent level. A filled honeypot gets the same answer and stores nothing.
 */
export async function registerCamera(pool: pg.Pool, input: unknown, ip: string | null): Promise<{ id: string; status: 'pending' }> {
  const parsed = ZRegisterCamera.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error, 'registration');
  const r = parsed.data;
  rateLimit(ip);
  if (r.website) return { id: crypto.randomUUID(), status: 'pending' };
  const { rows } = await pool.query<{ id: string }>('SELECT id FROM agency WHERE slug = $1', [r.agency]);
  const agencyId = rows[0]?.id;
  if (!agencyId) throw new AppError('BAD_REQUEST', 'Unknown agency', [{ path: 'agency', message: 'no such agency' }]);
  const cameraId = crypto.randomUUID();
  const id = crypto.randomUUID();
  await withTransaction(pool, async (client) => {
    await client.query(
      `INSERT INTO camera (id, agency_id, external_id, name, lat, lon, stream_kind, stream_url, owner, status)
       VALUES ($1, $2, $3, $4, $5, $6, 'jpeg', '', 'private', 'pending')`,
      [cameraId, agencyId, `community-${cameraId}`, r.name, r.lat, r.lon],
    );
    await client.query(
      `INSERT INTO community_camera (id, camera_id, agency_id, contact_name, contact_email, contact_phone, consent)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, cameraId, agencyId, r.contactName, r.contactEmail, r.contactPhone ?? null, r.consent],
    );
  });
  return { id, status: 'pending' };
}
