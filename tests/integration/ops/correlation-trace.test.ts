import http from 'node:http';
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgency, makeEvent, makeSource, makeUser } from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';
import { ConsoleClient } from './support/console-client';

/**
 * One request's id through ingest → correlate → push, in the server's own JSON log lines, and the same trace in the
 * OpenTelemetry spans it exports to a real OTLP/HTTP receiver (this test's HTTP server, decoding the JSON export).
 */
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: Record<string, unknown>;
}

const spans: OtlpSpan[] = [];
let receiver: http.Server;
let app: TestApp;
let console1: ConsoleClient;
let sourceKey = '';

/** OTLP/JSON ids are hex; protobuf-style JSON would carry base64: accept both. */
const hexId = (s: string | undefined) => (!s ? '' : /^[0-9a-f]+$/i.test(s) ? s.toLowerCase() : Buffer.from(s, 'base64').toString('hex'));

function decodeExport(body: string): void {
  const doc = JSON.parse(body) as { resourceSpans?: { scopeSpans?: { spans?: Record<string, unknown>[] }[] }[] };
  for (const rs of doc.resourceSpans ?? []) for (const ss of rs.scopeSpans ?? []) for (const s of ss.spans ?? []) {
    const attributes: Record<string, unknown> = {};
    for (const a of (s.attributes ?? []) as { key: string; value: Record<string, unknown> }[]) {
      const v = a.value;
      attributes[a.key] = v.stringValue ?? v.intValue ?? v.boolValue ?? v.doubleValue ?? (v.arrayValue as { values?: { stringValue?: string }[] } | undefined)?.values?.map((x) => x.stringValue);
    }
    spans.push({ traceId: hexId(s.traceId as string), spanId: hexId(s.spanId as string), parentSpanId: hexId(s.parentSpanId as string | undefined), name: String(s.name), attributes });
  }
}

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      if (req.url === '/v1/traces' && req.method === 'POST' && String(req.headers['content-type']).includes('json')) decodeExport(body);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  const port = (receiver.address() as { port: number }).port;
  app = await startTestApp({ LOG_LEVEL: 'debug', TRUST_PROXY: '1', OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`, OTEL_EXPORT_DELAY_MS: '200' });
  const agency = await makeAgency(app.db.pool);
  const src = await makeSource(app.db.pool, agency.id);
  sourceKey = src.key;
  const op = await makeUser(app.db.pool, agency.id, 'operator');
  console1 = new ConsoleClient(app.url, await app.login(op.username, op.password));
  await console1.synced();
}, 120_000);

afterAll(async () => {
  console1?.close();
  await app?.stop();
  await new Promise((r) => receiver?.close(r));
});

const jsonLines = () => app.output().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
const mentions = (l: Record<string, unknown>, id: string) => l.reqId === id || (Array.isArray(l.reqIds) && l.reqIds.includes(id));

async function until<T>(what: string, fn: () => T | undefined | false, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${app.output().slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('correlation id and trace', () => {
  it('one x-request-id on the ingest, correlate and push lines; one trace from the HTTP span to the push', async () => {
    const id = `it-${crypto.randomUUID()}`;
    const before = console1.kept.length;
    const res = await fetch(`${app.url}/api/ingest/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${sourceKey}`, 'x-request-id': id },
      body: JSON.stringify({ events: [makeEvent({ kind: 'call911', typeCode: 'Shooting', title: 'Shots fired' })] }),
    });
    expect(res.status).toBe(202);
    expect(res.headers.get('x-request-id')).toBe(id); // TRUST_PROXY: the proxy's id is kept
    const seq = ((await res.json()) as { results: { seq: string }[] }).results[0]!.seq;
    await until('the console to receive the event', () => console1.kept.length > before);

    const lines = await until('correlate and push lines', () => {
      const all = jsonLines().filter((l) => mentions(l, id));
      return all.some((l) => l.component === 'correlate') && all.some((l) => l.component === 'push' && l.msg === 'pushed to sockets') && all;
    });
    const by = (c: string) => lines.filter((l) => l.component === c);
    expect(by('http').find((l) => l.msg === 'request')).toMatchObject({ route: '/api/ingest/events', status: 202, seqs: [seq, seq] });
    expect(by('ingest').find((l) => l.msg === 'committed')).toMatchObject({ seqs: [seq, seq] });
    const correlate = by('correlate').find((l) => l.msg === 'batch committed')!;
    expect(BigInt((correlate.seqs as string[])[0]!)).toBeLessThanOrEqual(BigInt(seq));
    expect(BigInt((correlate.seqs as string[])[1]!)).toBeGreaterThanOrEqual(BigInt(seq));
    expect(correlate.incidents).toBeGreaterThanOrEqual(1);
    expect(by('push').map((l) => l.msg)).toEqual(expect.arrayContaining(['pushed to sockets', 'pushed incidents']));
    // Live first: the events went to the consoles before the correlator started on them (start-server's liveFirst).
    const at = (l: Record<string, unknown>) => Date.parse(String(l.time));
    expect(at(by('push').find((l) => l.msg === 'pushed to sockets')!)).toBeLessThanOrEqual(at(correlate) - Math.floor(correlate.correlateMs as number) + 1);
    console.log(`log sample:\n${app.output().split('\n').filter((l) => l.includes(id)).join('\n')}`);

    // The spans, as the collector received them.
    const needed = ['rtcc.ingest.commit', 'rtcc.correlate.batch', 'rtcc.push.events', 'rtcc.push.incidents'];
    const commit = await until('the ingest span', () => spans.find((s) => s.name === 'rtcc.ingest.commit' && s.attributes['rtcc.request_id'] === id));
    const trace = await until('every span of the trace', () => {
      const t = spans.filter((s) => s.traceId === commit.traceId);
      return needed.every((n) => t.some((s) => s.name === n)) && t.some((s) => s.name === 'POST /api/ingest/events') && t;
    });
    const one = (name: string) => trace.find((s) => s.name === name)!;
    const httpSpan = one('POST /api/ingest/events');
    expect(httpSpan.attributes).toMatchObject({ 'http.route': '/api/ingest/events', 'rtcc.request_id': id });
    expect(httpSpan.attributes['http.response.status_code']).toEqual(expect.anything());
    // HTTP → ingest commit → correlator batch → incident push; the tail's push is a child of the commit too.
    expect(commit.parentSpanId).toBe(httpSpan.spanId);
    expect(one('rtcc.correlate.batch').parentSpanId).toBe(commit.spanId);
    expect(one('rtcc.push.incidents').parentSpanId).toBe(one('rtcc.correlate.batch').spanId);
    expect(one('rtcc.push.events').parentSpanId).toBe(commit.spanId);
    expect(one('rtcc.correlate.batch').attributes['rtcc.request_ids']).toEqual([id]);
  });
});
