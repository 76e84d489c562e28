import { expect } from 'vitest';
import { prng } from '../../helpers/test-data';
import type { TestApp } from '../../helpers/test-app';

/**
 * Deterministic malformed-payload generation for the ingest endpoints. Every generated payload is checked against
 * a local oracle (the endpoint's own adapter or schema) and kept only if that oracle refuses it, so "must be 4xx
 * and store nothing" is a fact about the payload, not a guess.
 */

export type Rand = () => number;
export const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
export const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

export interface FuzzCase {
  kind: string;
  contentType: string;
  body: string | Uint8Array;
}

export const UNICODE_JUNK = [
  '\u0000',
  '\ud800',
  '\udfff',
  '\ud83d',
  '\u202e\u202d',
  '\ufeff',
  '\uffff',
  'ǅ̸̛̫̿',
  '\u0007\u001b[31m',
  '💣'.repeat(50),
  'a\u0300\u0301\u0302\u0303\u0304',
  '\r\n\t\v\f',
];

/** Raw JSON number-ish tokens: NaN/Infinity are not JSON; 1e999 parses to Infinity, which schemas must refuse. */
const NUMBER_JUNK = ['NaN', 'Infinity', '-Infinity', '1e999', '-1e999', '0x10', '01', '.5', '+1', '1e', '--1'];
const WRONG_VALUES: unknown[] = [42, -1.5, 0, 'str', '', true, false, null, [], {}, [1, 2], { a: 1 }, '2024-13-45T99:00:00Z', -999999];
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = (string | number)[];

function paths(v: Json, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((c, i) => paths(c, [...at, i], out));
  else if (v && typeof v === 'object') for (const [k, c] of Object.entries(v)) paths(c, [...at, k], out);
  return out;
}

function setAt(root: Json, path: Path, value: Json | undefined): Json {
  if (path.length === 0) return value ?? null;
  let node = root as Record<string | number, Json>;
  for (const p of path.slice(0, -1)) node = node[p] as Record<string | number, Json>;
  const last = path[path.length - 1]!;
  if (value === undefined) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete node[last];
  } else node[last] = value;
  return root;
}

const clone = (v: Json): Json => JSON.parse(JSON.stringify(v)) as Json;
const MARK = '\u0001FUZZ\u0001';

/** Serialize `doc` with the value at `path` replaced by raw JSON text (for tokens JSON.stringify cannot write). */
function withRaw(doc: Json, path: Path, raw: string): string {
  return JSON.stringify(setAt(clone(doc), path, MARK)).replace(JSON.stringify(MARK), raw);
}

function junkString(r: Rand): string {
  return Array.from({ length: int(r, 1, 6) }, () => pick(r, UNICODE_JUNK)).join(pick(r, ['', 'x', ' ']));
}

/** One malformed JSON request derived from a valid template. */
export function mutateJson(r: Rand, template: Json): FuzzCase {
  const json = 'application/json';
  const all = paths(template);
  const anyPath = () => pick(r, all);
  const inner = () => pick(r, all.filter((p) => p.length > 0));
  const kind = pick(r, [
    'invalid-json', 'wrong-content-type', 'wrong-type', 'missing-field', 'huge-string', 'deep-nesting',
    'nan-infinity', 'unicode-junk', 'proto-pollution', 'top-level', 'binary', 'unknown-key',
  ]);
  switch (kind) {
    case 'invalid-json': {
      const text = JSON.stringify(template);
      const cut = int(r, 0, text.length - 2);
      return { kind, contentType: json, body: text.slice(0, cut) + pick(r, ['', ',', '}', ']]', '"', '\\', ',}']) };
    }
    case 'wrong-content-type':
      return {
        kind,
        contentType: pick(r, ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '', 'application/xml', 'application/jsonx', 'text/json']),
        body: JSON.stringify(template),
      };
    case 'wrong-type':
      return { kind, contentType: json, body: JSON.stringify(setAt(clone(template), anyPath(), pick(r, WRONG_VALUES) as Json)) };
    case 'missing-field':
      return { kind, contentType: json, body: JSON.stringify(setAt(clone(template), inner(), undefined)) };
    case 'huge-string': {
      // Mostly within the body limit (schema bounds answer 400), sometimes past it (413).
      const len = r() < 0.01 ? int(r, 2_100_000, 2_300_000) : int(r, 301, 20_000);
      return { kind, contentType: json, body: JSON.stringify(setAt(clone(template), inner(), 'x'.repeat(len))) };
    }
    case 'deep-nesting': {
      const depth = int(r, 200, 5_000);
      const [open, close] = r() < 0.5 ? ['[', ']'] : ['{"a":', '}'];
      return { kind, contentType: json, body: withRaw(template, anyPath(), `${open.repeat(depth)}1${close.repeat(depth)}`) };
    }
    case 'nan-infinity':
      return { kind, contentType: json, body: withRaw(template, inner(), pick(r, NUMBER_JUNK)) };
    case 'unicode-junk': {
      const p = inner();
      if (r() < 0.5) return { kind, contentType: json, body: JSON.stringify(setAt(clone(template), p, junkString(r))) };
      // Junk as a key name: unknown keys are refused by strict schemas.
      const parent = p.slice(0, -1);
      return { kind, contentType: json, body: JSON.stringify(setAt(clone(template), [...parent, junkString(r)], 1)) };
    }
    case 'proto-pollution': {
      const objects = all.filter((p) => {
        let v: Json = template;
        for (const k of p) v = (v as Record<string | number, Json>)[k]!;
        return v !== null && typeof v === 'object' && !Array.isArray(v);
      });
      const at = pick(r, objects);
      const key = pick(r, PROTO_KEYS);
      const text = withRaw(template, [...at, 'ZZPROTOZZ'], '{"polluted":true,"isAdmin":true}');
      return { kind, contentType: json, body: text.replace('"ZZPROTOZZ"', JSON.stringify(key)) };
    }
    case 'top-level':
      return { kind, contentType: json, body: pick(r, ['42', '"x"', 'null', '[]', 'true', '{}', `[${JSON.stringify(template)}]`, '""', ' ']) };
    case 'binary': {
      const bytes = new Uint8Array(int(r, 1, 2000));
      for (let i = 0; i < bytes.length; i++) bytes[i] = int(r, 0x80, 0xff);
      return { kind, contentType: json, body: bytes };
    }
    default: {
      const p = pick(r, all.filter((x) => typeof x[x.length - 1] === 'string'));
      return { kind: 'unknown-key', contentType: json, body: JSON.stringify(setAt(clone(template), [...p.slice(0, -1), `x${int(r, 0, 1e6)}`], 'surprise')) };
    }
  }
}

/**
 * Generate `count` cases the oracle refuses. `acceptedLocally` parses like the server does and returns true when the
 * server would store something (then the case is not a malformed payload and is skipped).
 */
export function generate(
  seed: number,
  count: number,
  make: (r: Rand) => FuzzCase,
  acceptedLocally: (c: FuzzCase) => boolean,
): FuzzCase[] {
  const r = prng(seed);
  const out: FuzzCase[] = [];
  for (let tries = 0; out.length < count && tries < count * 30; tries++) {
    const c = make(r);
    if (!acceptedLocally(c)) out.push(c);
  }
  expect(out.length, 'the generator should find enough malformed payloads').toBe(count);
  return out;
}

/** JSON endpoints' oracle: would the server's body reading + adapter accept this? */
export function jsonAccepted(c: FuzzCase, adapt: (body: unknown) => unknown): boolean {
  if (!/^application\/(.+\+)?json\b/i.test(c.contentType)) return false;
  const bytes = typeof c.body === 'string' ? new TextEncoder().encode(c.body) : c.body;
  if (bytes.byteLength > 2 * 1024 * 1024) return false;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    adapt(JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text));
    return true;
  } catch {
    return false;
  }
}

export interface FuzzReport {
  statuses: Map<number, number>;
  bad: { kind: string; status: number; body: string; sample: string }[];
}

/** POST every case with bounded concurrency; collect any answer outside 4xx. */
export async function send(app: TestApp, path: string, key: string, cases: FuzzCase[], concurrency = 8): Promise<FuzzReport> {
  const report: FuzzReport = { statuses: new Map(), bad: [] };
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const c = cases[next++]!;
      const headers: Record<string, string> = { authorization: `Bearer ${key}` };
      if (c.contentType) headers['content-type'] = c.contentType;
      let status = 0;
      let text = '';
      try {
        const res = await fetch(`${app.url}${path}`, { method: 'POST', headers, body: c.body as BodyInit });
        status = res.status;
        text = await res.text();
      } catch (err) {
        text = (err as Error).message;
      }
      report.statuses.set(status, (report.statuses.get(status) ?? 0) + 1);
      if (status < 400 || status >= 500) {
        const sample = typeof c.body === 'string' ? c.body.slice(0, 300) : `<${c.body.byteLength} bytes>`;
        report.bad.push({ kind: c.kind, status, body: text.slice(0, 300), sample });
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return report;
}

export async function eventCount(app: TestApp): Promise<number> {
  const { rows } = await app.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM event');
  return Number(rows[0]!.n);
}

export async function expectHealthy(app: TestApp): Promise<void> {
  const health = await fetch(`${app.url}/api/health`);
  expect(health.status).toBe(200);
  const home = await fetch(`${app.url}/`, { redirect: 'manual' });
  expect(home.status).toBeLessThan(500);
}

export function describeReport(r: FuzzReport): string {
  const by = [...r.statuses.entries()].sort().map(([s, n]) => `${s}×${n}`).join(' ');
  const bad = r.bad.slice(0, 5).map((b) => `  ${b.kind} → ${b.status} ${b.body}\n    sent: ${JSON.stringify(b.sample)}`);
  return `statuses: ${by}\n${bad.join('\n')}`;
}
