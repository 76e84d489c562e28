'use client';

import { useEffect, useState } from 'react';
import { z } from 'zod';
import { useConnectionState, useLiveStores } from '@/components/live/socket-provider';
import { NOTE_MAX, ZNoteDto, type NoteDto } from '@/lib/domain/teamwork';
import { BTN, callApi, time } from './team-api';

const ZNotes = z.object({ notes: z.array(ZNoteDto) });
const KIND_LABEL: Record<NoteDto['kind'], string> = { note: '', assignment: 'Owner', handoff: 'Hand-off', brief: 'Brief' };

function mergeNotes(list: NoteDto[], more: NoteDto[]): NoteDto[] {
  const byId = new Map(list.map((n) => [n.id, n]));
  for (const n of more) byId.set(n.id, n);
  return [...byId.values()].sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
}

/** The incident's notes: loaded, then pushed live (again in full after a reconnect); @name or @role mentions. */
export function NotesThread({ incidentId, canWrite }: { incidentId: string; canWrite: boolean }) {
  const { presence } = useLiveStores();
  const connection = useConnectionState();
  const [notes, setNotes] = useState<NoteDto[]>([]);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState('');

  useEffect(() => presence.onNote((n) => n.incidentId === incidentId && setNotes((l) => mergeNotes(l, [n]))), [presence, incidentId]);
  useEffect(() => {
    if (connection !== 'live') return;
    let live = true;
    void callApi(`/api/incidents/${incidentId}/notes`, { schema: ZNotes }).then((r) => live && r.ok && setNotes((l) => mergeNotes(l, r.data.notes)));
    return () => {
      live = false;
    };
  }, [incidentId, connection]);

  const send = async () => {
    setBusy(true);
    const r = await callApi(`/api/incidents/${incidentId}/notes`, { body: { text }, schema: z.object({ note: ZNoteDto }) });
    setBusy(false);
    if (!r.ok) return setErr(r.error);
    setErr('');
    setText('');
    setNotes((l) => mergeNotes(l, [r.data.note]));
  };

  return (
    <section aria-labelledby={`notes-${incidentId}`} className="rounded border border-line bg-panel p-3">
      <h2 id={`notes-${incidentId}`} className="mb-2 text-sm font-semibold tracking-wide uppercase">Notes ({notes.length})</h2>
      <ol className="max-h-72 space-y-2 overflow-y-auto overscroll-contain" data-testid="notes">
        {notes.length === 0 && <li className="text-sm text-ink-muted">No notes yet.</li>}
        {notes.map((n) => (
          <li key={n.id} data-testid="note" data-kind={n.kind} className="border-l-2 border-line pl-2 text-sm">
            <div className="flex gap-2 text-xs text-ink-muted">
              <time dateTime={n.createdAt}>{time(n.createdAt)}</time>
              <span className="font-semibold text-ink">{n.authorName}</span>
              {KIND_LABEL[n.kind] && <span className="rounded bg-line px-1">{KIND_LABEL[n.kind]}</span>}
            </div>
            <p className="break-words whitespace-pre-wrap">{n.body}</p>
          </li>
        ))}
      </ol>
      {canWrite && (
        <form
          className="mt-3 flex flex-col gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (text.trim()) void send();
          }}
        >
          <label htmlFor={`note-text-${incidentId}`} className="sr-only">New note</label>
          <textarea
            id={`note-text-${incidentId}`}
            aria-label="New note"
            value={text}
            maxLength={NOTE_MAX}
            rows={2}
            onChange={(e) => setText(e.target.value)}
            placeholder="Note for the team (@username or @supervisor to notify)"
            className="min-h-11 rounded border border-line bg-canvas p-2 text-sm"
          />
          <div className="flex items-center gap-2">
            <button type="submit" className={BTN} disabled={busy || !text.trim()}>Add note</button>
            {err && <span role="alert" className="text-sm text-danger">{err}</span>}
          </div>
        </form>
      )}
    </section>
  );
}
