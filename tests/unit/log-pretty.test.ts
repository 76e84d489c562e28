import { describe, expect, it } from 'vitest';
import { prettyDestination } from '@/lib/platform/log-pretty';

const render = (entry: Record<string, unknown> | string) => {
  let out = '';
  prettyDestination((t) => (out += t)).write(typeof entry === 'string' ? entry : JSON.stringify(entry));
  return out;
};

describe('terminal log format', () => {
  it('prints time, level, component and message, then the other fields', () => {
    expect(render({ level: 'warn', time: '2026-12-04T03:56:51.123Z', service: 'rtcc', component: 'db', msg: 'slow', ms: 12, seqs: ['1', '2'] }))
      .toBe('03:56:51 warn  db  slow  ms=12 seqs=["1","2"]\n');
  });
  it('reads a request entry as method, route, status and duration, without the request id', () => {
    expect(render({ level: 'info', time: '2026-12-04T03:56:51.123Z', component: 'http', msg: 'request', reqId: 'abc', method: 'POST', route: '/api/ingest/avl', status: 202, ms: 36.1, userId: 'u1' }))
      .toBe('03:56:51 info  http  POST /api/ingest/avl 202 36.1 ms  userId=u1\n');
  });
  it('passes through a line that is not JSON', () => {
    expect(render('plain text\n')).toBe('plain text\n');
  });
});
