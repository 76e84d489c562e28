/**
 * The browser side of a JSON call to our own API: resolves to the reply's data, or to the error message the server
 * gave (lib/platform/errors/error-response.ts: `{ error, code, issues? }`), or to why the request failed. Never throws.
 */
export async function sendJson(url: string, method: 'POST' | 'PUT' | 'DELETE', body?: unknown): Promise<{ data: unknown } | { error: string }> {
  try {
    const res = await fetch(url, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
    const data: unknown = await res.json().catch(() => null);
    if (res.ok) return { data };
    const msg = (data as { error?: unknown } | null)?.error;
    return { error: typeof msg === 'string' ? msg : `HTTP ${res.status}` };
  } catch (err) {
    return { error: err instanceof Error ? err.message : 'network error' };
  }
}

/** The same call where only success matters: the error message, or null. */
export async function sendForError(url: string, method: 'POST' | 'PUT' | 'DELETE', body?: unknown): Promise<string | null> {
  const r = await sendJson(url, method, body);
  return 'error' in r ? r.error : null;
}
