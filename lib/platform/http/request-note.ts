import type { RequestNote } from '@/lib/platform/metrics';
import type { Runtime } from '@/lib/platform/runtime';

/** Set by the HTTP edge (start-server.ts) on every request; echoed as the response's `x-request-id`. */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * Tell the HTTP edge what the route wrapper served, for the request line and the metrics: the route pattern, the
 * user, and for ingest the seqs it stored. Notes merge, so the wrapper may call it as it learns more.
 */
export function noteRequest(rt: Runtime | undefined, req: Request, note: RequestNote, out?: unknown): void {
  const id = req.headers.get(REQUEST_ID_HEADER);
  if (!id || !rt?.noteRequest) return;
  // Ingest answers say what they stored in two headers (lib/ingest/accepted-response.ts).
  if (out instanceof Response) {
    const seqs = out.headers.get('x-rtcc-seqs')?.split('-');
    if (seqs?.length === 2) [note.firstSeq, note.lastSeq] = seqs;
    const accepted = out.headers.get('x-rtcc-accepted');
    if (accepted) note.accepted = Number(accepted);
  }
  rt.noteRequest(id, note);
}
