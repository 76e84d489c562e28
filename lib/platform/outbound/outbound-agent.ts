import http from 'node:http';
import https from 'node:https';
import type { Runtime } from '@/lib/platform/runtime';
import { allowList, checkUrl, guardedLookup } from './outbound-fetch';

/**
 * A node:http(s) Agent under the outbound-address policy, for client libraries that open their own connections
 * (the ONVIF client): the URL's literal host is checked now, and every address a name resolves to is checked at
 * connect time (so a name that resolves to a private address, or changes its answer later, is still refused).
 * Throws OutboundRefused (a 400 naming `url`) when the URL itself is refused.
 */
export function outboundHttpAgent(rt: Pick<Runtime, 'env'>, url: URL): http.Agent {
  const allow = allowList(rt);
  checkUrl(url, allow);
  // Idle kept-alive sockets close after 15 s: a camera that never closes them cannot pile them up.
  const opts = { keepAlive: true, maxSockets: 4, timeout: 15_000, lookup: guardedLookup(allow) as never };
  return url.protocol === 'https:' ? new https.Agent(opts) : new http.Agent(opts);
}
