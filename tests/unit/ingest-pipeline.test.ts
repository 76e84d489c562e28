import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/platform/errors/app-error';
import { contains, ZJurisdictionUpload } from '@/lib/ingest/adapters/jurisdiction';
import { signedHeaders, verifySignature } from '@/lib/ingest/hmac';
import { TokenBuckets } from '@/lib/platform/rate-limit';
import { seqRange } from '@/lib/ingest/ingest-events';

describe('token buckets', () => {
  it('allows the burst, then refuses with a Retry-After, then refills at the rate', () => {
    let t = 0;
    const b = new TokenBuckets({ ratePerSec: 2, burst: 3 }, () => t);
    for (let i = 0; i < 3; i++) b.consume('s1');
    let err: unknown;
    try {
      b.consume('s1');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('RATE_LIMITED');
    expect((err as AppError).retryAfterSeconds).toBe(1);
    b.consume('s2'); // buckets are per source
    t = 500;
    b.consume('s1');
    expect(b.take('s1')).toBeGreaterThan(0);
  });
});

describe('HMAC signatures', () => {
  it('accepts the exact body, timestamp and nonce, and refuses any other or a stale one', () => {
    const body = new TextEncoder().encode('{"a":1}');
    const h = (o: Record<string, string>) => new Headers(o);
    const ok = signedHeaders('s3cret', body);
    expect(verifySignature('s3cret', body, h(ok))).toBe(ok['x-rtcc-nonce']);
    expect(() => verifySignature('s3cret', body, h(signedHeaders('s3cret', '{"a":2}')))).toThrow(AppError);
    expect(() => verifySignature('s3cret', body, h({ ...ok, 'x-rtcc-nonce': 'another-nonce-0000' }))).toThrow(/does not match/);
    expect(() => verifySignature('s3cret', body, h(signedHeaders('s3cret', body, Date.now() - 600_000)))).toThrow(/clock/);
    expect(() => verifySignature('s3cret', body, h({}))).toThrow(/missing/);
  });
});

describe('jurisdiction polygons', () => {
  const ring = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]];
  const hole = [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]];
  it('honours holes and multipolygons, and takes a GeoJSON Feature', () => {
    const g = ZJurisdictionUpload.parse({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring, hole] } });
    expect(contains(g, 2, 2)).toBe(true);
    expect(contains(g, 5, 5)).toBe(false);
    expect(contains(g, 11, 5)).toBe(false);
    const m = ZJurisdictionUpload.parse({ type: 'MultiPolygon', coordinates: [[ring], [[[20, 20], [30, 20], [30, 30], [20, 20]]]] });
    expect(contains(m, 21, 25)).toBe(true);
    expect(ZJurisdictionUpload.safeParse({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] }).success).toBe(false);
  });
});

describe('a group\'s seqs from their first and last', () => {
  it('hands out the range when it is consecutive, and declines when another nextval took one in between', () => {
    expect(seqRange({ first: '41', last: '45' }, 5)).toEqual(['41', '42', '43', '44', '45']);
    expect(seqRange({ first: '41', last: '46' }, 5)).toBeNull();
    expect(seqRange({ first: '9007199254740991', last: '9007199254740993' }, 3)).toEqual(['9007199254740991', '9007199254740992', '9007199254740993']);
  });
});
