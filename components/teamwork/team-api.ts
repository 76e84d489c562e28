import type { z } from 'zod';

/** JSON call to the console's API: the parsed reply, or the server's error message. */
export async function callApi<T>(url: string, opts: { method?: string; body?: unknown; schema?: z.ZodType<T> } = {}): Promise<{ ok: true; data: T } | { ok: false; error: string }> {
  try {
    const res = await fetch(url, {
      method: opts.method ?? (opts.body === undefined ? 'GET' : 'POST'),
      headers: opts.body === undefined ? undefined : { 'content-type': 'application/json' },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
    const data = (await res.json().catch(() => null)) as unknown;
    if (!res.ok) {
      const msg = (data as { error?: unknown } | null)?.error;
      return { ok: false, error: typeof msg === 'string' ? msg : `HTTP ${res.status}` };
    }
    if (!opts.schema) return { ok: true, data: data as T };
    const p = opts.schema.safeParse(data);
    return p.success ? { ok: true, data: p.data } : { ok: false, error: 'unexpected answer from the server' };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : 'network error' };
  }
}

export const BTN = 'inline-flex min-h-11 items-center justify-center rounded border border-line bg-panel-raised px-3 text-sm font-semibold hover:border-ink-muted disabled:opacity-50';
export const INPUT = 'min-h-11 rounded border border-line bg-canvas px-2 text-sm';
export const time = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
