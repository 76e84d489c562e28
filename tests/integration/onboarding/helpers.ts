import fs from 'node:fs';
export { CHICAGO_SHOTS, DETROIT_CAMERAS } from '../../fixtures/onboarding/mappings';

export const fixture = (name: string) => fs.readFileSync(`tests/fixtures/onboarding/${name}`);

/** A signed-in JSON client for one cookie. */
export function client(base: string, cookie: string) {
  return async (path: string, init: { method?: string; body?: unknown; raw?: BodyInit; type?: string } = {}) => {
    const res = await fetch(base + path, {
      method: init.method ?? 'GET',
      headers: { cookie, ...(init.body !== undefined ? { 'content-type': 'application/json' } : init.type ? { 'content-type': init.type } : {}) },
      body: init.body !== undefined ? JSON.stringify(init.body) : init.raw,
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    return { status: res.status, body: json as Record<string, unknown>, text };
  };
}
