import { Readable } from 'node:stream';
import type pg from 'pg';
import type { SessionUser } from '@/lib/auth/session-user';
import { invalid } from '@/lib/platform/errors/app-error';
import { findCase } from './case-rows';
import { userActor } from './custody';
import { linkEvents } from './link-events';
import { assertCan } from '@/lib/policy/assert-can';
import type { EvidenceStorage } from './storage';
import { storeItem } from './store-item';
import { ZAddNote, ZLinkEvents, type ItemDto } from './types';

/** A detective's note, stored as a text file like any other item so it is hashed and exported alike. */
export async function addNote(pool: pg.Pool, storage: EvidenceStorage, user: SessionUser, caseId: string, input: unknown, ip: string | null): Promise<ItemDto> {
  const me = assertCan(user, 'case.write');
  const c = await findCase(pool, caseId, me.agencyId);
  const parsed = ZAddNote.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error, 'note');
  const text = Buffer.from(parsed.data.text, 'utf8');
  return storeItem(pool, storage, c.id, userActor(me, ip), { kind: 'note', title: parsed.data.title, mime: 'text/plain', sourceRef: null, addedBy: me.id }, Readable.from([text]));
}

/** Link more events to an existing case. */
export async function addEvents(pool: pg.Pool, storage: EvidenceStorage, user: SessionUser, caseId: string, input: unknown, ip: string | null): Promise<ItemDto[]> {
  const me = assertCan(user, 'case.write');
  const c = await findCase(pool, caseId, me.agencyId);
  const parsed = ZLinkEvents.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error, 'events');
  return linkEvents(pool, storage, { id: c.id, agencyId: c.agency_id }, userActor(me, ip), me.id, parsed.data.eventSeqs);
}
