import type { DestinationStream } from 'pino';

/**
 * A terminal-friendly destination for the same entries: `12:00:01 warn  db  message  key=value`. Used when stdout is
 * a terminal (a person ran `npm start`) unless LOG_FORMAT=json; services and containers get the JSON lines. Fields
 * are printed as pino produced them, after redaction.
 */
export function prettyDestination(write: (text: string) => void = (t) => process.stdout.write(t)): DestinationStream {
  return {
    write(line: string) {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        write(line);
        return;
      }
      const { level, time, component, msg: rawMsg, service: _service, ...fields } = entry;
      const { msg, rest } = rawMsg === 'request' ? requestLine(fields) : { msg: rawMsg, rest: fields };
      const clock = typeof time === 'string' ? time.slice(11, 19) : '';
      const extra = Object.entries(rest)
        .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
        .join(' ');
      const lvl = String(level ?? '').padEnd(5);
      write(`${clock} ${lvl} ${String(component ?? '')}  ${String(msg ?? '')}${extra ? `  ${extra}` : ''}\n`);
    },
  };
}

/** An HTTP request entry reads as `POST /api/ingest/avl 202 36 ms`; the request id and the rest follow. */
function requestLine(fields: Record<string, unknown>): { msg: string; rest: Record<string, unknown> } {
  const { method, route, status, ms, reqId: _reqId, ...rest } = fields;
  return { msg: `${String(method)} ${String(route)} ${String(status)} ${String(ms)} ms`, rest };
}
