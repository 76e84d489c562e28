import type pg from 'pg';
import { NOTE_KINDS, ZMention, type Mention, type NoteDto } from '@/lib/domain/teamwork';

/** `incident_note` SQL and its mapping to DTOs, in one place. */
export interface NoteRow {
  id: string;
  incident_id: string;
  kind: string;
  author_id: string | null;
  author_name: string;
  body: string;
  mentions: unknown;
  created_at: Date;
}

export const NOTE_COLUMNS = 'id::text AS id, incident_id, kind, author_id, author_name, body, mentions, created_at';

const parseMentions = (v: unknown): Mention[] =>
  Array.isArray(v) ? v.flatMap((m) => { const p = ZMention.safeParse(m); return p.success ? [p.data] : []; }) : [];

export function noteRowToDto(r: NoteRow): NoteDto {
  return {
    id: r.id,
    incidentId: r.incident_id,
    kind: (NOTE_KINDS as readonly string[]).includes(r.kind) ? (r.kind as NoteDto['kind']) : 'note',
    authorId: r.author_id,
    authorName: r.author_name,
    body: r.body,
    mentions: parseMentions(r.mentions),
    createdAt: r.created_at.toISOString(),
  };
}

export interface NewNote {
  incidentId: string;
  agencyId: string;
  author: { id: string; displayName: string } | null;
  authorName?: string;
  kind: NoteDto['kind'];
  body: string;
  mentions?: Mention[];
}

/** One note, inside the caller's transaction. */
export async function insertNote(client: pg.PoolClient, n: NewNote): Promise<NoteDto> {
  const { rows } = await client.query<NoteRow>(
    `INSERT INTO incident_note (incident_id, agency_id, author_id, author_name, kind, body, mentions)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb) RETURNING ${NOTE_COLUMNS}`,
    [n.incidentId, n.agencyId, n.author?.id ?? null, n.authorName ?? n.author?.displayName ?? 'system', n.kind, n.body, JSON.stringify(n.mentions ?? [])],
  );
  return noteRowToDto(rows[0]!);
}

/** The incident's whole thread, oldest first (reports export it all). */
export async function selectNotes(pool: pg.Pool, incidentId: string, limit = 2000): Promise<NoteDto[]> {
  const { rows } = await pool.query<NoteRow>(`SELECT ${NOTE_COLUMNS} FROM incident_note WHERE incident_id = $1 ORDER BY id LIMIT $2`, [incidentId, limit]);
  return rows.map(noteRowToDto);
}
