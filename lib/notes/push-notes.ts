import type { NoteDto, TeamNotice } from '@/lib/domain/teamwork';
import type { Runtime } from '@/lib/platform/runtime';
import { incidentRoom, roleRoom, userRoom } from '@/lib/presence/rooms';

/** After COMMIT: the note to everyone showing the incident; a notice to each mentioned user and role. */
export function pushNote(rt: Pick<Runtime, 'io'>, agencyId: string, incidentNumber: string, note: NoteDto): void {
  const io = rt.io;
  if (!io) return;
  io.to(incidentRoom(note.incidentId)).emit('incidentNote', note);
  const notice: TeamNotice = {
    kind: 'mention',
    incidentId: note.incidentId,
    incidentNumber,
    from: note.authorName,
    text: note.body.slice(0, 300),
    at: note.createdAt,
  };
  const rooms = note.mentions.map((m) => (m.kind === 'user' ? userRoom(m.userId) : roleRoom(agencyId, m.role)));
  if (rooms.length) io.to(rooms).emit('teamNotice', notice);
}

export function pushNotice(rt: Pick<Runtime, 'io'>, userId: string, notice: TeamNotice): void {
  rt.io?.to(userRoom(userId)).emit('teamNotice', notice);
}
