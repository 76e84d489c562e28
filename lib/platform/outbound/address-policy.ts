import net from 'node:net';

/**
 * The one outbound-address policy: where the server may open a connection on a user's or a source's behalf (camera
 * streams, clip recording, restreaming, CAP feeds). Public addresses are allowed; private, loopback, link-local,
 * and other special ranges are refused unless an administrator allow-lists them (OUTBOUND_ALLOW or admin settings),
 * so a camera URL cannot reach the console's own host, the database, a cloud metadata service or the LAN.
 */

const SPECIAL: [string, number, 'ipv4' | 'ipv6', string][] = [
  ['0.0.0.0', 8, 'ipv4', 'unspecified'],
  ['10.0.0.0', 8, 'ipv4', 'private'],
  ['100.64.0.0', 10, 'ipv4', 'shared (CGNAT)'],
  ['127.0.0.0', 8, 'ipv4', 'loopback'],
  ['169.254.0.0', 16, 'ipv4', 'link-local'],
  ['172.16.0.0', 12, 'ipv4', 'private'],
  ['192.0.0.0', 24, 'ipv4', 'reserved'],
  ['192.0.2.0', 24, 'ipv4', 'documentation'],
  ['192.168.0.0', 16, 'ipv4', 'private'],
  ['198.18.0.0', 15, 'ipv4', 'benchmarking'],
  ['198.51.100.0', 24, 'ipv4', 'documentation'],
  ['203.0.113.0', 24, 'ipv4', 'documentation'],
  ['224.0.0.0', 4, 'ipv4', 'multicast'],
  ['240.0.0.0', 4, 'ipv4', 'reserved'],
  ['::', 128, 'ipv6', 'unspecified'],
  ['::1', 128, 'ipv6', 'loopback'],
  ['64:ff9b:1::', 48, 'ipv6', 'reserved'],
  ['100::', 64, 'ipv6', 'discard'],
  ['2001:db8::', 32, 'ipv6', 'documentation'],
  ['fc00::', 7, 'ipv6', 'unique-local (private)'],
  ['fe80::', 10, 'ipv6', 'link-local'],
  ['ff00::', 8, 'ipv6', 'multicast'],
];

const special = SPECIAL.map(([addr, prefix, type, label]) => {
  const list = new net.BlockList();
  list.addSubnet(addr, prefix, type);
  return { list, type, label };
});

/** IPv4-mapped and NAT64-embedded IPv6 (::ffff:127.0.0.1) are judged as the IPv4 address they carry. */
function embeddedIpv4(ip: string): string | null {
  const m = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (m) return m[1]!;
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(ip);
  if (hex) {
    const a = parseInt(hex[1]!, 16);
    const b = parseInt(hex[2]!, 16);
    return `${a >> 8}.${a & 255}.${b >> 8}.${b & 255}`;
  }
  return null;
}

/** What kind of address this is: 'public', or the special range it falls in ('loopback', 'private', …). */
export function addressClass(ip: string): string {
  const v4 = embeddedIpv4(ip);
  if (v4) return addressClass(v4);
  const family = net.isIP(ip);
  if (!family) return 'not an IP address';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  for (const s of special) if (s.type === type && s.list.check(ip, type)) return s.label;
  return 'public';
}

/** An allow list of CIDRs (`10.20.0.0/16`), single addresses and host names, as an administrator wrote it. */
export interface AllowList {
  blocks: net.BlockList;
  hosts: Set<string>;
  entries: string[];
}

export function parseAllowList(entries: readonly string[]): AllowList {
  const blocks = new net.BlockList();
  const hosts = new Set<string>();
  const clean: string[] = [];
  for (const raw of entries) {
    const e = raw.trim().toLowerCase();
    if (!e) continue;
    const [addr, prefix] = e.split('/');
    const family = net.isIP(addr!);
    if (family) {
      const type = family === 4 ? 'ipv4' : 'ipv6';
      const bits = prefix === undefined ? (family === 4 ? 32 : 128) : Number(prefix);
      if (!Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128)) throw new Error(`outbound allow list: bad prefix in "${raw}"`);
      blocks.addSubnet(addr!, bits, type);
    } else if (/^[a-z0-9.-]+$/.test(e) && prefix === undefined) {
      hosts.add(e);
    } else {
      throw new Error(`outbound allow list: "${raw}" is neither an address, a CIDR nor a host name`);
    }
    clean.push(e);
  }
  return { blocks, hosts, entries: clean };
}

/** Why connecting to `ip` (for host `host`) is refused, or null when the policy allows it. */
export function refusal(ip: string, host: string, allow: AllowList): string | null {
  const cls = addressClass(ip);
  if (cls === 'public') return null;
  const v4 = embeddedIpv4(ip);
  const probe = v4 ?? ip;
  const type = net.isIP(probe) === 4 ? 'ipv4' : 'ipv6';
  if (net.isIP(probe) && allow.blocks.check(probe, type)) return null;
  if (allow.hosts.has(host.toLowerCase())) return null;
  return `${host}${host === ip ? '' : ` (${ip})`} is a ${cls} address, refused by the outbound-address policy (an administrator can allow it: OUTBOUND_ALLOW)`;
}
