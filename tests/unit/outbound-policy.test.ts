import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressClass, parseAllowList, refusal } from '@/lib/platform/outbound/address-policy';
import { outboundFetch, OutboundRefused, resolveChecked, setAdminAllowList } from '@/lib/platform/outbound/outbound-fetch';
import { loadEnv } from '@/lib/platform/env';

describe('outbound-address policy', () => {
  it('classifies special ranges, including IPv4 carried in IPv6', () => {
    expect(addressClass('8.8.8.8')).toBe('public');
    expect(addressClass('2606:4700::1111')).toBe('public');
    expect(addressClass('127.0.0.1')).toBe('loopback');
    expect(addressClass('10.1.2.3')).toBe('private');
    expect(addressClass('172.31.255.255')).toBe('private');
    expect(addressClass('172.32.0.1')).toBe('public');
    expect(addressClass('192.168.1.1')).toBe('private');
    expect(addressClass('169.254.169.254')).toBe('link-local');
    expect(addressClass('0.0.0.0')).toBe('unspecified');
    expect(addressClass('::1')).toBe('loopback');
    expect(addressClass('fe80::1')).toBe('link-local');
    expect(addressClass('fd00::5')).toBe('unique-local (private)');
    expect(addressClass('::ffff:127.0.0.1')).toBe('loopback');
    expect(addressClass('::ffff:7f00:1')).toBe('loopback');
    expect(addressClass('::ffff:a9fe:a9fe')).toBe('link-local');
  });

  it('lets an administrator allow a CIDR, an address or a host name, and nothing else', () => {
    const allow = parseAllowList(['10.20.0.0/16', '192.168.50.10', 'nvr.city.local']);
    expect(refusal('10.20.3.4', 'cam', allow)).toBeNull();
    expect(refusal('10.21.3.4', 'cam', allow)).toMatch(/private address, refused/);
    expect(refusal('192.168.50.10', '192.168.50.10', allow)).toBeNull();
    expect(refusal('192.168.50.11', '192.168.50.11', allow)).toMatch(/refused/);
    expect(refusal('10.9.9.9', 'nvr.city.local', allow)).toBeNull();
    expect(refusal('127.0.0.1', 'localhost', allow)).toMatch(/localhost \(127\.0\.0\.1\) is a loopback address/);
    expect(() => parseAllowList(['10.0.0.0/99'])).toThrow(/bad prefix/);
    expect(() => parseAllowList(['http://x'])).toThrow(/neither/);
  });

  describe('outboundFetch against a real local server', () => {
    let server: http.Server;
    let port = 0;
    beforeAll(async () => {
      server = http.createServer((req, res) => {
        if (req.url === '/hop') {
          res.writeHead(302, { location: `http://127.0.0.1:${port}/secret` });
          return res.end();
        }
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('internal secret');
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    const rt = (allow = '') => ({ env: loadEnv({ NODE_ENV: 'test', OUTBOUND_ALLOW: allow }) });

    it('refuses loopback by literal address and by name, and after a redirect', async () => {
      setAdminAllowList(rt(), []);
      await expect(outboundFetch(rt(), `http://127.0.0.1:${port}/secret`)).rejects.toBeInstanceOf(OutboundRefused);
      await expect(outboundFetch(rt(), `http://localhost:${port}/secret`)).rejects.toThrow(/loopback address, refused/);
      await expect(outboundFetch(rt(), `http://[::ffff:127.0.0.1]:${port}/secret`)).rejects.toThrow(/loopback/);
      await expect(outboundFetch(rt(), `file:///etc/passwd`)).rejects.toThrow(/file URLs are not allowed/);
      await expect(resolveChecked('localhost', parseAllowList([]))).rejects.toThrow(/loopback/);
    });

    it('reaches an allowed address, and re-checks every redirect hop', async () => {
      const ok = await outboundFetch(rt('127.0.0.1'), `http://localhost:${port}/secret`);
      expect(await ok.text()).toBe('internal secret');
      await expect(outboundFetch(rt('127.0.0.1'), `http://127.0.0.1:${port}/hop`)).rejects.toThrow(/redirect, which is not followed/);
      const followed = await outboundFetch(rt('127.0.0.1'), `http://127.0.0.1:${port}/hop`, { maxRedirects: 2 });
      expect(followed.status).toBe(200);
      // Allowed for the first hop by name, the redirect's literal address is judged on its own.
      await expect(outboundFetch(rt('localhost'), `http://localhost:${port}/hop`, { maxRedirects: 2 })).rejects.toThrow(/127\.0\.0\.1 is a loopback/);
    });
  });
});
