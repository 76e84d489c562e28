import crypto from 'node:crypto';
import type pg from 'pg';
import type { Env } from '@/lib/platform/env';
import type { EventInput } from '@/lib/domain/event';
import type { Runtime } from '@/lib/platform/runtime';
import { capFromElement, capToEvent, parseCapXml } from './adapters/cap-xml';
import { decodeXml, parseXmlSafely, type XmlElement, type XmlNode } from './adapters/xml-safe';
import { newApiKey } from './api-keys';
import { ingestEvents } from './ingest-events';

const FEED_MAX_BYTES = 8 * 1024 * 1024;
const MAX_LINKS_PER_POLL = 50;
const SEEN_MAX = 20_000;

interface FeedState {
  url: string;
  sourceId: string;
  etag: string | null;
  lastModified: string | null;
}

export interface CapPollResult {
  url: string;
  status: number;
  stored: number;
  duplicates: number;
  refused: number;
}

/** Read a response body, refusing past `limit` bytes whatever Content-Length claimed. */
async function readLimited(res: Response, limit: number): Promise<Uint8Array> {
  if (!res.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value: chunk } = await reader.read();
    if (done) break;
    total += chunk.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw new Error(`larger than ${limit} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The feed's own source (kind 'alert') in the first agency, created on first poll; its key is never used. */
async function feedSource(pool: pg.Pool, url: string): Promise<string> {
  const name = `CAP feed ${url}`.slice(0, 200);
  const { rows: existing } = await pool.query<{ id: string }>(`SELECT id FROM source WHERE kind = 'alert' AND name = $1 LIMIT 1`, [name]);
  if (existing[0]) return existing[0].id;
  const { rows: agencies } = await pool.query<{ id: string }>('SELECT id FROM agency ORDER BY created_at LIMIT 1');
  if (!agencies[0]) throw new Error('no agency to own the CAP feed source');
  const { hash, hint } = newApiKey();
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO source (id, agency_id, kind, name, api_key_hash, api_key_hint) VALUES ($1, $2, 'alert', $3, $4, $5)
     ON CONFLICT (agency_id, name) DO UPDATE SET kind = source.kind RETURNING id`,
    [crypto.randomUUID(), agencies[0].id, name, hash, hint],
  );
  return rows[0]!.id;
}

function elements(el: XmlElement, local: string): { name: string; el: XmlElement }[] {
  const out: { name: string; el: XmlElement }[] = [];
  for (const [qname, nodes] of Object.entries(el.children)) {
    if (qname.split(':').pop() !== local) continue;
    for (const n of nodes) if (typeof n !== 'string') out.push({ name: qname, el: n });
  }
  return out;
}

const textOf = (n: XmlNode | undefined) => (n === undefined ? '' : typeof n === 'string' ? n : n.text);

/**
 * Atom or RSS index → the alerts embedded in entries (Atom `<content>`), and links to CAP documents to fetch
 * (Atom `<link href>` of type application/cap+xml, or any entry link when nothing is embedded; RSS `<link>`).
 */
export function readFeed(root: XmlElement): { embedded: { name: string; el: XmlElement; ns: Record<string, string> }[]; links: string[] } {
  const embedded: { name: string; el: XmlElement; ns: Record<string, string> }[] = [];
  const links: string[] = [];
  const channel = elements(root, 'channel')[0]?.el;
  const entries = [...elements(root, 'entry'), ...(channel ? elements(channel, 'item') : [])];
  for (const { el: entry } of entries) {
    const content = elements(entry, 'content')[0]?.el;
    const alerts = content ? elements(content, 'alert') : [];
    const ns = { ...root.attrs, ...entry.attrs, ...(content?.attrs ?? {}) };
    for (const a of alerts) embedded.push({ ...a, ns });
    if (alerts.length) continue;
    const atomLinks = elements(entry, 'link').map((l) => ({ href: l.el.attrs.href ?? l.el.text, type: l.el.attrs.type ?? '' }));
    const capLink = atomLinks.find((l) => /cap\+xml/i.test(l.type)) ?? atomLinks[0];
    if (capLink?.href) links.push(capLink.href);
    else if (entry.children.link) links.push(textOf(entry.children.link[0]));
  }
  return { embedded, links };
}

/** Polls CAP sources (a CAP document, or an Atom/RSS index of them) with If-None-Match / If-Modified-Since. */
export function createCapPoller(rt: Pick<Runtime, 'pool' | 'bus'>, urls: string[], log: (line: string) => void) {
  const states = new Map<string, FeedState>();
  const seenLinks = new Set<string>();

  async function fetchBytes(url: string, state?: FeedState, signal?: AbortSignal): Promise<{ status: number; bytes?: Uint8Array }> {
    const headers: Record<string, string> = { accept: 'application/cap+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5' };
    if (state?.etag) headers['if-none-match'] = state.etag;
    if (state?.lastModified) headers['if-modified-since'] = state.lastModified;
    const res = await fetch(url, { headers, signal: AbortSignal.any([AbortSignal.timeout(20_000), ...(signal ? [signal] : [])]) });
    if (res.status !== 200) {
      await res.body?.cancel().catch(() => {});
      return { status: res.status };
    }
    const bytes = await readLimited(res, FEED_MAX_BYTES);
    if (state) {
      state.etag = res.headers.get('etag');
      state.lastModified = res.headers.get('last-modified');
    }
    return { status: 200, bytes };
  }

  async function pollOne(url: string, signal?: AbortSignal): Promise<CapPollResult> {
    let state = states.get(url);
    if (!state) {
      state = { url, sourceId: await feedSource(rt.pool, url), etag: null, lastModified: null };
      states.set(url, state);
    }
    const result: CapPollResult = { url, status: 0, stored: 0, duplicates: 0, refused: 0 };
    const { status, bytes } = await fetchBytes(url, state, signal);
    result.status = status;
    if (!bytes) return result;
    const events: EventInput[] = [];
    const refuse = (what: string, err: unknown) => {
      result.refused += 1;
      log(`[cap] ${what} refused: ${(err as Error).message}`);
    };
    const doc = parseXmlSafely(decodeXml(bytes));
    if (doc.name.split(':').pop() === 'alert') events.push(parseCapXml(bytes));
    else {
      const { embedded, links } = readFeed(doc.root);
      for (const a of embedded) {
        try {
          events.push(capToEvent(capFromElement(a.name, a.el, a.ns)));
        } catch (err) {
          refuse(`alert embedded in ${url}`, err);
        }
      }
      for (const link of links.filter((l) => !seenLinks.has(l)).slice(0, MAX_LINKS_PER_POLL)) {
        try {
          const href = new URL(link, url).toString();
          const linked = await fetchBytes(href, undefined, signal);
          if (linked.bytes) events.push(parseCapXml(linked.bytes));
          remember(link);
        } catch (err) {
          remember(link); // a refused document stays refused: do not fetch it every poll
          refuse(link, err);
        }
      }
    }
    if (events.length) {
      const unique = [...new Map(events.map((e) => [e.externalId, e])).values()];
      const { results } = await ingestEvents(rt, state.sourceId, unique);
      result.duplicates = results.filter((r) => r.duplicate).length;
      result.stored = results.length - result.duplicates;
    }
    return result;
  }

  function remember(link: string): void {
    if (seenLinks.size >= SEEN_MAX) seenLinks.clear();
    seenLinks.add(link);
  }

  /** Poll every feed once; a failing feed is logged and does not stop the others. */
  async function pollOnce(signal?: AbortSignal): Promise<CapPollResult[]> {
    const out: CapPollResult[] = [];
    for (const url of urls) {
      try {
        const r = await pollOne(url, signal);
        if (r.stored || r.refused) log(`[cap] ${url}: ${r.stored} new alerts, ${r.duplicates} known, ${r.refused} refused`);
        out.push(r);
      } catch (err) {
        log(`[cap] poll of ${url} failed: ${(err as Error).message}`);
        out.push({ url, status: -1, stored: 0, duplicates: 0, refused: 0 });
      }
    }
    return out;
  }
  return { pollOnce };
}

/** Poll CAP_FEED_URLS every CAP_POLL_SECONDS (first poll at once). Returns null when no feed is configured. */
export function startCapPolling(
  rt: Pick<Runtime, 'pool' | 'bus'>,
  env: Pick<Env, 'CAP_FEED_URLS' | 'CAP_POLL_SECONDS'>,
  log: (line: string) => void = console.log,
): { stop: () => Promise<void> } | null {
  const urls = (env.CAP_FEED_URLS ?? '').split(',').map((u) => u.trim()).filter(Boolean);
  if (!urls.length) return null;
  for (const u of urls) if (!/^https?:\/\//i.test(u)) throw new Error(`CAP_FEED_URLS: "${u}" is not an http(s) URL`);
  const poller = createCapPoller(rt, urls, log);
  const abort = new AbortController();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = poller.pollOnce(abort.signal).finally(() => {
      if (!abort.signal.aborted) timer = setTimeout(tick, env.CAP_POLL_SECONDS * 1000);
    });
  };
  tick();
  log(`[cap] polling ${urls.length} feed(s) every ${env.CAP_POLL_SECONDS} s`);
  return {
    stop: async () => {
      abort.abort();
      if (timer) clearTimeout(timer);
      await running.catch(() => {});
    },
  };
}
