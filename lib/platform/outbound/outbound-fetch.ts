import dns from 'node:dns';
import net from 'node:net';
import { Agent, fetch as undiciFetch, type RequestInit as UndiciInit, type Response as UndiciResponse } from 'undici';
import { AppError } from '@/lib/platform/errors/app-error';
import type { Runtime } from '@/lib/platform/runtime';
import { parseAllowList, refusal, type AllowList } from './address-policy';

/** The outbound policy refused an address: the caller says so (a camera "cannot be reached"), never a 500. */
export class OutboundRefused extends AppError {
  constructor(reason: string) {
    super('BAD_REQUEST', reason, [{ path: 'url', message: reason }]);
    this.name = 'OutboundRefused';
  }
}

const KEY = Symbol.for('rtcc.outbound');
type Holder = { [KEY]?: { env: string; admin: string[]; list: AllowList } };

/** The allow list in force: OUTBOUND_ALLOW plus what administrators added at run time (setAdminAllowList). */
export function allowList(rt: Pick<Runtime, 'env'>): AllowList {
  const h = globalThis as Holder;
  const cur = h[KEY];
  if (cur && cur.env === rt.env.OUTBOUND_ALLOW) return cur.list;
  const admin = cur?.admin ?? [];
  const list = parseAllowList([...rt.env.OUTBOUND_ALLOW.split(','), ...admin]);
  h[KEY] = { env: rt.env.OUTBOUND_ALLOW, admin, list };
  return list;
}

/** Entries an administrator allowed (stored by the caller); replaces the previous run-time set. */
export function setAdminAllowList(rt: Pick<Runtime, 'env'>, entries: readonly string[]): void {
  const list = parseAllowList([...rt.env.OUTBOUND_ALLOW.split(','), ...entries]);
  (globalThis as Holder)[KEY] = { env: rt.env.OUTBOUND_ALLOW, admin: [...entries], list };
}

const bare = (host: string) => host.replace(/^\[(.*)\]$/, '$1');

/**
 * Check a URL before anything connects: http(s) (or the schemes given), and a literal IP host must be allowed.
 * Names are checked again at connect time on every address they resolve to (outboundFetch), so a name that
 * resolves to a private address, or changes its answer between check and connect, is still refused.
 */
export function checkUrl(url: URL, allow: AllowList, schemes: readonly string[] = ['http:', 'https:']): void {
  if (!schemes.includes(url.protocol)) throw new OutboundRefused(`${url.protocol.replace(':', '')} URLs are not allowed here (${schemes.join(', ')})`);
  const host = bare(url.hostname);
  if (net.isIP(host)) {
    const why = refusal(host, host, allow);
    if (why) throw new OutboundRefused(why);
  }
}

/** Resolve a host and check every address it has (for clients that connect on their own, like ffmpeg). */
export async function resolveChecked(host: string, allow: AllowList): Promise<string[]> {
  const h = bare(host);
  if (net.isIP(h)) {
    const why = refusal(h, h, allow);
    if (why) throw new OutboundRefused(why);
    return [h];
  }
  let found: dns.LookupAddress[];
  try {
    found = await dns.promises.lookup(h, { all: true });
  } catch {
    throw new OutboundRefused(`${h} does not resolve`);
  }
  for (const a of found) {
    const why = refusal(a.address, h, allow);
    if (why) throw new OutboundRefused(why);
  }
  return found.map((a) => a.address);
}

type LookupCb = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/** A dns.lookup that refuses any address the policy does not allow: the check is on what is actually connected. */
export function guardedLookup(allow: AllowList) {
  return (hostname: string, options: dns.LookupOptions, cb: LookupCb) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return cb(err, []);
      for (const a of addresses) {
        const why = refusal(a.address, hostname, allow);
        if (why) return cb(Object.assign(new OutboundRefused(why), { code: 'EOUTBOUND' }) as NodeJS.ErrnoException, []);
      }
      if (options.all) return cb(null, addresses);
      cb(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

const agents = new WeakMap<AllowList, Agent>();
function agentFor(allow: AllowList): Agent {
  let a = agents.get(allow);
  if (!a) {
    a = new Agent({ connect: { lookup: guardedLookup(allow) as never }, keepAliveTimeout: 10_000 });
    agents.set(allow, a);
  }
  return a;
}

export interface OutboundInit extends Omit<UndiciInit, 'dispatcher' | 'redirect'> {
  /** Redirects to follow, each hop checked like the first (default 0: a redirect is an error). */
  maxRedirects?: number;
}

/**
 * fetch() under the outbound-address policy: only http(s), only allowed addresses (literal hosts checked before,
 * names checked on every resolved address at connect time), redirects followed by hand and re-checked.
 */
export async function outboundFetch(rt: Pick<Runtime, 'env'>, input: string | URL, init: OutboundInit = {}): Promise<UndiciResponse> {
  const allow = allowList(rt);
  const { maxRedirects = 0, ...rest } = init;
  let url = new URL(input);
  for (let hop = 0; ; hop++) {
    checkUrl(url, allow);
    let res: UndiciResponse;
    try {
      res = await undiciFetch(url, { ...rest, redirect: 'manual', dispatcher: agentFor(allow) });
    } catch (err) {
      const cause = (err as { cause?: unknown }).cause;
      if (cause instanceof OutboundRefused) throw cause;
      throw err;
    }
    const location = res.status >= 300 && res.status < 400 ? res.headers.get('location') : null;
    if (!location) return res;
    await res.body?.cancel();
    if (hop >= maxRedirects) throw new OutboundRefused(`${url.host} answered with a redirect, which is not followed here`);
    url = new URL(location, url);
  }
}
