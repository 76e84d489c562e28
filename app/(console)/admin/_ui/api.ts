'use client';

import type { FieldIssue } from '@/lib/platform/errors/app-error';

/** What an admin form needs back from the API: the body, or the message and the fields it names. */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; error: string; issues: FieldIssue[] };

/** JSON in, JSON out; a 4xx body `{ error, issues }` (lib/platform/errors/error-response.ts) becomes a result, never a throw. */
export async function sendJson<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, error: 'Network error: the server could not be reached', issues: [] };
  }
  const json = (res.status === 204 ? {} : await res.json().catch(() => ({}))) as { error?: string; issues?: FieldIssue[] };
  if (res.ok) return { ok: true, data: json as T };
  return { ok: false, status: res.status, error: json.error ?? `Failed (${res.status})`, issues: json.issues ?? [] };
}

/** Issues for one field: its own path and anything under it (`premise.kind`, `actions[0].by`…). */
export function issuesFor(issues: FieldIssue[], field: string): FieldIssue[] {
  return issues.filter((i) => i.path === field || i.path.startsWith(`${field}.`) || i.path.startsWith(`${field}[`));
}
