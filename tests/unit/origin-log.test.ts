import { describe, expect, it } from 'vitest';
import { cleanOrigin, OriginLog, originPayloads, recordOriginPayload, originLog } from '@/lib/platform/trace/origins';
import { tracesEndpoint } from '@/lib/platform/trace/start-tracing';

describe('OriginLog (seq range → request id)', () => {
  it('finds the origins of a batch (from, upto], in seq order, heard twice or out of order', () => {
    const log = new OriginLog();
    log.record(1n, 10n, { id: 'a' });
    log.record(21n, 30n, { id: 'c' });
    log.record(11n, 20n, { id: 'b' }); // another node's NOTIFY, late
    log.record(21n, 30n, { id: 'c' }); // this node's own NOTIFY after its local record
    expect(log.size()).toBe(3);
    expect(log.between(0n, 10n).map((o) => o.id)).toEqual(['a']);
    expect(log.between(10n, 11n).map((o) => o.id)).toEqual(['b']);
    expect(log.between(5n, 25n).map((o) => o.id)).toEqual(['a', 'b', 'c']);
    expect(log.between(30n, 40n)).toEqual([]);
    expect(log.between(5n, 25n, 2).length).toBe(2);
  });

  it('stays bounded, dropping the oldest', () => {
    const log = new OriginLog(100);
    for (let i = 0n; i < 1000n; i++) log.record(i * 10n + 1n, i * 10n + 10n, { id: `r${i}` });
    expect(log.size()).toBeLessThanOrEqual(200);
    expect(log.between(9980n, 9990n).map((o) => o.id)).toEqual(['r998']);
    expect(log.between(0n, 10n)).toEqual([]);
  });

  it('takes only ids and traceparents fit for a log line and a NOTIFY literal', () => {
    expect(cleanOrigin({ id: "x'; DROP TABLE event; --" })).toBeUndefined();
    expect(cleanOrigin({ id: 'ok-1', traceparent: 'garbage' })).toEqual({ id: 'ok-1' });
    const tp = `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`;
    expect(cleanOrigin({ id: 'ok-1', traceparent: tp })).toEqual({ id: 'ok-1', traceparent: tp });
  });

  it('round-trips NOTIFY payloads under 8000 bytes and ignores malformed ones', () => {
    const tp = `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`;
    const ranges = Array.from({ length: 90 }, (_, i) => ({ first: String(1_000_000 + i * 2), last: String(1_000_001 + i * 2), origin: { id: `req-${'x'.repeat(56)}-${i}`, traceparent: tp } }));
    const payloads = originPayloads(ranges);
    expect(payloads.length).toBe(3);
    for (const p of payloads) expect(Buffer.byteLength(p)).toBeLessThan(8000);
    for (const p of payloads) recordOriginPayload(p);
    recordOriginPayload('not json');
    recordOriginPayload('[["1","x","id"]]');
    expect(originLog().between(1_000_000n + 88n, 1_000_000n + 89n).map((o) => o.id)).toEqual([`req-${'x'.repeat(56)}-44`]);
  });
});

describe('tracing settings', () => {
  it('is off without settings; the standard endpoint variables decide where spans go', () => {
    expect(tracesEndpoint({})).toBeNull();
    expect(tracesEndpoint({ OTEL_ENABLED: true })).toBe('http://localhost:4318/v1/traces');
    expect(tracesEndpoint({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.example:4318/' })).toBe('https://otel.example:4318/v1/traces');
    expect(tracesEndpoint({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://c/x', OTEL_EXPORTER_OTLP_ENDPOINT: 'https://d' })).toBe('https://c/x');
  });
});
