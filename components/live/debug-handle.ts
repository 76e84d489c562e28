/**
 * `window.__rtcc`: a read-only peek for the e2e tests (they poll it instead of sleeping). It carries a
 * count and a sequence number only, never event content, so it is safe to leave on in production.
 */
export interface RtccDebugHandle {
  /** Points the deck.gl event layer currently draws. */
  mapPoints: number;
  /** Highest event seq the browser has applied. */
  lastSeq: string | null;
}

declare global {
  interface Window {
    __rtcc?: RtccDebugHandle;
  }
}

export function publishDebug(patch: Partial<RtccDebugHandle>): void {
  if (typeof window === 'undefined') return;
  // One object, updated in place, so a test holding a reference sees later values too.
  const handle = (window.__rtcc ??= { mapPoints: 0, lastSeq: null });
  Object.assign(handle, patch);
}
