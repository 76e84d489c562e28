import type { CustodyDto } from '../types';

/** What a recipient's manifest withholds from a custody row, and why. */
export type Redacted = 'ip' | 'actorName' | 'details';

/**
 * The custody chain as one recipient may see it: every row with its hash and link (so no row can be missing
 * unnoticed), but no other recipient's name or e-mail and no staff address. A row with withheld fields says
 * which (`redacted`); its hash can then only be recomputed by the agency (`npm run evidence:verify`).
 */
export function custodyForRecipient(rows: CustodyDto[], shareId: string): (CustodyDto & { redacted?: Redacted[] })[] {
  return rows.map((r) => {
    const withheld: Redacted[] = [];
    const out: CustodyDto & { redacted?: Redacted[] } = { ...r };
    const ownShare = r.actor === `share:${shareId}`;
    if (r.ip !== null && !ownShare) {
      out.ip = null;
      withheld.push('ip');
    }
    const otherRecipient = r.actor.startsWith('share:') && !ownShare;
    if (otherRecipient) {
      out.actorName = 'another share recipient';
      withheld.push('actorName');
    }
    const detailsShare = (r.details as { shareId?: unknown } | null)?.shareId;
    if ((typeof detailsShare === 'string' && detailsShare !== shareId) || otherRecipient) {
      out.details = { redacted: true };
      withheld.push('details');
    }
    if (withheld.length) out.redacted = withheld;
    return out;
  });
}
