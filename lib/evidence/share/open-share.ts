import crypto from 'node:crypto';
import type pg from 'pg';
import { verifyPassword } from '@/lib/auth/password';
import { hashToken } from '@/lib/auth/sessions';
import { AppError } from '@/lib/platform/errors/app-error';
import { recordCustody, type CustodyActor } from '../custody';
import { Gone } from '@/lib/platform/errors/gone';

export interface ShareLinkRow {
  id: string;
  case_id: string;
  recipient_name: string;
  recipient_email: string | null;
  passcode_hash: string | null;
  expires_at: Date;
  revoked_at: Date | null;
  case_number: string;
  case_title: string;
}

export const shareActor = (link: ShareLinkRow, ip: string | null): CustodyActor => ({
  actor: `share:${link.id}`,
  actorName: `${link.recipient_name} (share link)`,
  ip,
});

/** Cookie proving the passcode was given: only the server (which holds the passcode hash) can compute it. */
export const unlockCookieName = (link: { id: string }) => `rtcc_share_${link.id.replace(/-/g, '').slice(0, 12)}`;
export const unlockValue = (token: string, link: { passcode_hash: string | null }) =>
  crypto.createHash('sha256').update(`${token}:${link.passcode_hash ?? ''}`).digest('base64url');

const TRIES = 10;
const WINDOW_SECONDS = 15 * 60;

/**
 * Take one of the link's passcode tries before the passcode is evaluated: one UPDATE (the row lock orders
 * parallel requests), so 40 parallel guesses get 10 evaluations, not 29. The window is fixed from its first
 * try and simply ends: the recipient is never locked out longer than 15 minutes by someone else's guesses.
 */
async function reservePasscodeTry(pool: pg.Pool, linkId: string): Promise<void> {
  const { rows } = await pool.query<{ attempts: number; wait: number }>(
    `UPDATE share_link
        SET passcode_attempts = CASE WHEN passcode_window_start IS NULL OR passcode_window_start <= now() - make_interval(secs => $2)
                                     THEN 1 ELSE passcode_attempts + 1 END,
            passcode_window_start = CASE WHEN passcode_window_start IS NULL OR passcode_window_start <= now() - make_interval(secs => $2)
                                         THEN now() ELSE passcode_window_start END
      WHERE id = $1
  RETURNING passcode_attempts AS attempts,
            ceil(extract(epoch FROM passcode_window_start + make_interval(secs => $2) - now()))::int AS wait`,
    [linkId, WINDOW_SECONDS],
  );
  const r = rows[0];
  if (r && r.attempts > TRIES) {
    throw new AppError('RATE_LIMITED', `Too many passcode tries: try again in ${Math.ceil(r.wait / 60)} minute(s)`, [], Math.max(1, Math.min(WINDOW_SECONDS, r.wait)));
  }
}

export interface OpenedShare {
  link: ShareLinkRow;
  /** A passcode is set and was not given. */
  locked: boolean;
}

/**
 * Resolve a share token for the public page and package. Unknown → 404; expired or revoked → 410; each access
 * (refused ones too) is a 'share_accessed' custody row naming what was asked for.
 */
export async function openShare(
  pool: pg.Pool,
  token: string,
  proof: { cookie?: string | null; cookieOf?: (link: ShareLinkRow) => string | null; passcode?: string | null },
  ip: string | null,
  what: 'page' | 'package' | 'unlock',
): Promise<OpenedShare> {
  if (!/^[\w-]{20,100}$/.test(token)) throw new AppError('NOT_FOUND', 'No such share link');
  const { rows } = await pool.query<ShareLinkRow>(
    `SELECT l.id, l.case_id, l.recipient_name, l.recipient_email, l.passcode_hash, l.expires_at, l.revoked_at,
            c.number AS case_number, c.title AS case_title
       FROM share_link l JOIN evidence_case c ON c.id = l.case_id WHERE l.token_hash = $1`,
    [hashToken(token)],
  );
  const link = rows[0];
  if (!link) throw new AppError('NOT_FOUND', 'No such share link');
  const who = shareActor(link, ip);
  const refuse = async (reason: string, err: Error): Promise<never> => {
    await recordCustody(pool, who, { caseId: link.case_id, action: 'share_accessed', details: { shareId: link.id, what, refused: reason } });
    throw err;
  };
  if (link.revoked_at) await refuse('revoked', new Gone('This share link was revoked'));
  if (link.expires_at.getTime() <= Date.now()) await refuse('expired', new Gone('This share link has expired'));
  let locked = false;
  if (link.passcode_hash) {
    if (proof.passcode) {
      await reservePasscodeTry(pool, link.id);
      if (!(await verifyPassword(link.passcode_hash, proof.passcode))) {
        await refuse('wrong passcode', new AppError('FORBIDDEN', 'Wrong passcode'));
      }
      // The right passcode: earlier guesses no longer count against the recipient.
      await pool.query('UPDATE share_link SET passcode_attempts = 0, passcode_window_start = NULL WHERE id = $1', [link.id]);
    } else {
      const expect = unlockValue(token, link);
      const given = proof.cookie ?? proof.cookieOf?.(link) ?? '';
      locked = !(given.length === expect.length && crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expect)));
    }
  }
  if (locked && what === 'package') await refuse('passcode required', new AppError('UNAUTHORIZED', 'Passcode required'));
  await recordCustody(pool, who, { caseId: link.case_id, action: 'share_accessed', details: { shareId: link.id, what, ...(locked ? { locked: true } : {}) } });
  return { link, locked };
}
