import pino, { type Logger } from 'pino';
import { prettyDestination } from './log-pretty';

/**
 * One JSON line per log entry on stdout (pino), at LOG_LEVEL (debug, info, warn, error; default info). Fields:
 * `level`, `time` (ISO), `component` (the old `[tag]`), `msg`, and per entry context (`reqId`, `route`, seqs …).
 * Never logged: passwords, keys, tokens, cookies, query strings or request bodies (PII); the request line names the
 * route pattern, not the URL. Redaction below is a second net for a field someone adds by mistake.
 */
const level = ['debug', 'info', 'warn', 'error'].includes(process.env.LOG_LEVEL ?? '') ? process.env.LOG_LEVEL! : 'info';

/** LOG_FORMAT=json|pretty; unset: pretty on a terminal (a person ran `npm start`), JSON lines otherwise. */
const pretty = process.env.LOG_FORMAT ? process.env.LOG_FORMAT === 'pretty' : Boolean(process.stdout.isTTY);

export const logger: Logger = pino({
  level,
  base: { service: 'rtcc' },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
  redact: {
    paths: ['password', '*.password', 'token', '*.token', 'key', '*.key', 'cookie', '*.cookie', 'authorization', '*.authorization', 'headers'],
    censor: '[redacted]',
  },
}, pretty ? prettyDestination() : undefined);

const TAGGED = /^\[([\w:-]+)\]\s*(.*)$/s;

/**
 * The `(line) => void` callbacks the server's modules take, as structured entries: "[db] ready in 5 ms" becomes
 * {component: "db", msg: "ready in 5 ms"}. A line starting with a warning word is logged at warn.
 */
export function logLine(line: string): void {
  const m = TAGGED.exec(line);
  const component = m?.[1] ?? 'rtcc';
  const msg = m?.[2] ?? line;
  if (/\b(failed|error|refused|cannot|unreachable)\b/i.test(msg)) logger.warn({ component }, msg);
  else logger.info({ component }, msg);
}

export function componentLogger(component: string): Logger {
  return logger.child({ component });
}
