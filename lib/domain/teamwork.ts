import { z } from 'zod';

/** A person as the teamwork views show them (presence, owner, note author, mention). */
export const ZPerson = z.object({ userId: z.string(), name: z.string(), role: z.string() });
export type Person = z.infer<typeof ZPerson>;

/** Who is looking at an incident now, and who owns ("monitors") it. Pushed on every change (`watch`). */
export const ZWatchDto = z.object({
  incidentId: z.string(),
  viewers: z.array(ZPerson),
  owner: ZPerson.nullable(),
});
export type WatchDto = z.infer<typeof ZWatchDto>;

export const NOTE_KINDS = ['note', 'assignment', 'handoff', 'brief'] as const;

/** A mention resolved when the note was written: a user of the agency, or every user of a role. */
export const ZMention = z.union([
  z.object({ kind: z.literal('user'), userId: z.string(), name: z.string() }),
  z.object({ kind: z.literal('role'), role: z.string() }),
]);
export type Mention = z.infer<typeof ZMention>;

export const ZNoteDto = z.object({
  id: z.string(),
  incidentId: z.string(),
  kind: z.enum(NOTE_KINDS),
  authorId: z.string().nullable(),
  authorName: z.string(),
  body: z.string(),
  mentions: z.array(ZMention),
  createdAt: z.string(),
});
export type NoteDto = z.infer<typeof ZNoteDto>;

export const NOTE_MAX = 2000;
export const ZNoteBody = z.strictObject({ text: z.string().trim().min(1).max(NOTE_MAX) });

/** Set (userId) or release (null) an incident's owner. */
export const ZOwnerBody = z.strictObject({ userId: z.uuid().nullable() });

/** Shift change: the caller's open incidents (all, or those listed) pass to another operator, with a note. */
export const ZHandoffBody = z.strictObject({
  toUserId: z.uuid(),
  note: z.string().trim().min(1).max(NOTE_MAX),
  incidentIds: z.array(z.uuid()).min(1).max(500).optional(),
});

/** A note or hand-off addressed to this user (user room) or their role (role room). */
export const ZTeamNotice = z.object({
  kind: z.enum(['mention', 'handoff', 'assignment']),
  incidentId: z.string().nullable(),
  incidentNumber: z.string().nullable(),
  from: z.string(),
  text: z.string(),
  count: z.number().int().optional(),
  at: z.string(),
});
export type TeamNotice = z.infer<typeof ZTeamNotice>;

export const ZAssignee = z.object({ userId: z.string(), name: z.string(), username: z.string(), role: z.string() });
export type Assignee = z.infer<typeof ZAssignee>;
