import crypto from 'node:crypto';
import type pg from 'pg';
import { verifyPassword } from '@/lib/auth/password';
import { hashToken } from '@/lib/auth/sessions';
import { AppError } from '@/lib/platform/errors/app-error';
import { recordCustody, type CustodyActor } from '../custody';
import { ShareGone } from './share-errors';

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
  if (link.revoked_at) await refuse('revoked', new ShareGone('This share link was revoked'));
  if (link.expires_at.getTime() <= Date.now()) await refuse('expired', new ShareGone('This share link has expired'));
  let locked = false;
  if (link.passcode_hash) {
    if (proof.passcode) {
      // Wrong passcodes are custody rows already: ten in 15 minutes lock the link for the rest of the window.
      const recent = await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM custody_log WHERE case_id = $1 AND action = 'share_accessed'
            AND details->>'shareId' = $2 AND details->>'refused' = 'wrong passcode' AND at > now() - interval '15 minutes'`,
        [link.case_id, link.id],
      );
      if ((recent.rows[0]?.n ?? 0) >= 10) throw new AppError('RATE_LIMITED', 'Too many wrong passcodes: try again in 15 minutes', [], 900);
      if (!(await verifyPassword(link.passcode_hash, proof.passcode))) {
        await refuse('wrong passcode', new AppError('FORBIDDEN', 'Wrong passcode'));
      }
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
