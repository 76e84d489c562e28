import { z } from 'zod';
import type { RuleNotice } from '@/lib/domain/rule';
import type { LiveSocket } from './live-connection';
import { createValueStore, type ValueStore } from './value-store';

/** Notices kept for the list: enough for a shift's glance back, bounded for a console left open for days. */
export const MAX_NOTICES = 50;

export interface ShownNotice extends RuleNotice {
  /** Local receive time, ISO: notices have no replay, so this is when this console saw it. */
  receivedAt: string;
}

const ZNotice = z.object({
  ruleId: z.string(),
  ruleName: z.string(),
  message: z.string(),
  reason: z.string(),
  role: z.string().nullable(),
  incidentId: z.string().nullable(),
  seq: z.string(),
});

export type NoticeStore = ValueStore<ShownNotice[]>;

export const createNoticeStore = (): NoticeStore => createValueStore<ShownNotice[]>([]);

/**
 * Rule `notify` actions arrive as `ruleNotice` (agency or role room). A notice is keyed by rule and event seq, so
 * the same notice reaching the socket twice (own role room and agency room) is listed once.
 */
export function attachNotices(socket: LiveSocket, store: NoticeStore): void {
  socket.on('ruleNotice', (raw: unknown) => {
    const p = ZNotice.safeParse(raw);
    if (!p.success) return;
    const cur = store.get();
    if (cur.some((n) => n.ruleId === p.data.ruleId && n.seq === p.data.seq)) return;
    store.set([{ ...p.data, receivedAt: new Date().toISOString() }, ...cur].slice(0, MAX_NOTICES));
  });
}
