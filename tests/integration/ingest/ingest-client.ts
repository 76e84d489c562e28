import type pg from 'pg';

export interface Posted {
  status: number;
  headers: Headers;
  body: Record<string, unknown> | null;
}

/** One HTTP call to the real server; JSON bodies are stringified, strings sent as they are. */
export async function call(
  url: string,
  opts: { method?: string; key?: string | null; body?: unknown; type?: string; headers?: Record<string, string> } = {},
): Promise<Posted> {
  const { method = 'POST', key = null, body, type = 'application/json', headers = {} } = opts;
  const res = await fetch(url, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': type } : {}),
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json().catch(() => null)) as Record<string, unknown> | null };
}

export async function countEvents(pool: pg.Pool, sourceId: string, kind?: string): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM event WHERE source_id = $1 AND ($2::text IS NULL OR kind = $2)`,
    [sourceId, kind ?? null],
  );
  return Number(rows[0]!.n);
}

export async function demoAgencyId(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(`SELECT id FROM agency WHERE slug = 'sf-demo'`);
  return rows[0]!.id;
}

export function issuePaths(p: Posted): string[] {
  return ((p.body?.issues as { path: string }[] | undefined) ?? []).map((i) => i.path);
}
