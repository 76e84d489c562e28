import type { Env } from '@/lib/platform/env';
import type { EventInput } from '@/lib/domain/event';
import type { Runtime } from '@/lib/platform/runtime';
import { parseCapXml } from './adapters/cap-xml';
import { readCapDocument } from './adapters/cap-feed';
import { fetchCapBytes, type Validators } from './cap-feed-fetch';
import { capFeedSource } from './cap-feed-source';
import { ingestEvents } from './ingest-events';

const MAX_LINKS_PER_POLL = 50;
const SEEN_MAX = 20_000;

interface FeedState extends Validators {
  url: string;
  sourceId: string;
}

export interface CapPollResult {
  url: string;
  status: number;
  stored: number;
  duplicates: number;
  refused: number;
}

type PollRuntime = Pick<Runtime, 'pool' | 'bus' | 'env'>;

/**
 * Polls CAP sources (a CAP document, or an Atom/RSS index of them): fetching through the outbound policy
 * (cap-feed-fetch.ts), reading in the adapter (adapters/cap-feed.ts), storing through ingest. Linked documents
 * are fetched once each; a refused one (bad XML, a refused address) stays refused.
 */
export function createCapPoller(rt: PollRuntime, urls: string[], log: (line: string) => void) {
  const states = new Map<string, FeedState>();
  const seenLinks = new Set<string>();

  async function pollOne(url: string, signal?: AbortSignal): Promise<CapPollResult> {
    let state = states.get(url);
    if (!state) {
      state = { url, sourceId: await capFeedSource(rt.pool, url), etag: null, lastModified: null };
      states.set(url, state);
    }
    const result: CapPollResult = { url, status: 0, stored: 0, duplicates: 0, refused: 0 };
    const { status, bytes } = await fetchCapBytes(rt, url, state, signal);
    result.status = status;
    if (!bytes) return result;
    const refuse = (what: string, err: unknown) => {
      result.refused += 1;
      log(`[cap] ${what} refused: ${(err as Error).message}`);
    };
    const doc = readCapDocument(bytes, url);
    for (const r of doc.refused) refuse(r.what, r.error);
    const events: EventInput[] = [...doc.events];
    for (const link of doc.links.filter((l) => !seenLinks.has(l)).slice(0, MAX_LINKS_PER_POLL)) {
      remember(link); // a refused document stays refused: do not fetch it every poll
      try {
        const linked = await fetchCapBytes(rt, link, undefined, signal);
        if (linked.bytes) events.push(parseCapXml(linked.bytes));
      } catch (err) {
        refuse(link, err);
      }
    }
    if (events.length) {
      const unique = [...new Map(events.map((e) => [e.externalId, e])).values()];
      const { results } = await ingestEvents(rt, state.sourceId, unique, { origin: { id: `cap-${crypto.randomUUID()}` } });
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
  rt: PollRuntime,
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
