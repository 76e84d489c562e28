// npm run replay -- <file.csv|file.ndjson> --source <name> [--speed 60] [--url http://localhost:3000] [--key <apiKey>]
// Posts a recorded file through the public ingest API at the file's own pace × speed (0 = as fast as possible).
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { postBatchWithRetry, type PostOutcome } from '../lib/demo/post-batch';
import type { EventInput } from '../lib/domain/event';
import { parseReplayFile } from '../lib/ingest/adapters/csv-replay';

const BATCH = 500;
const USAGE = `usage: npm run replay -- <file.csv|file.ndjson> --source <name> [--speed 60] [--url http://localhost:3000] [--key <apiKey>]
  --speed N   N× the file's own pace (60: an hour of data per minute); 0 = as fast as possible
  --key       the source's API key (or env RTCC_API_KEY): the key decides which source the events belong to
  --source    the source's name, shown in the output`;

interface Totals {
  sent: number;
  accepted: number;
  duplicates: number;
  rejected: number;
}

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

function options() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      source: { type: 'string' },
      speed: { type: 'string', default: '60' },
      url: { type: 'string', default: process.env.RTCC_URL ?? 'http://localhost:3000' },
      key: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) fail(USAGE, 0);
  const file = positionals[0];
  if (!file || positionals.length > 1) fail(USAGE);
  if (!values.source?.trim()) fail(`--source <name> is required\n${USAGE}`);
  const speed = Number(values.speed);
  if (!Number.isFinite(speed) || speed < 0) fail(`--speed must be a number ≥ 0 (got "${values.speed}")`);
  const key = values.key ?? process.env.RTCC_API_KEY;
  if (!key) fail('an API key is required: --key <apiKey> or env RTCC_API_KEY');
  let url: URL;
  try {
    url = new URL(values.url!);
  } catch {
    fail(`--url "${values.url}" is not a URL`);
  }
  return { file, source: values.source!.trim(), speed, key, url: url.origin };
}

/** One line that redraws itself on a terminal; plain lines at most every 5 s when piped to a log. */
function progress(total: number) {
  const tty = process.stdout.isTTY === true;
  let lastPlain = 0;
  return (t: Totals, virtualMs: number | null, done = false) => {
    const pct = total ? t.sent / total : 1;
    const clock = virtualMs === null ? '' : ` · file time ${new Date(virtualMs).toISOString().slice(0, 19).replace('T', ' ')}`;
    const counts = `${t.sent}/${total} sent · ${t.accepted} accepted · ${t.duplicates} duplicates · ${t.rejected} rejected${clock}`;
    if (tty) {
      const width = 28;
      const bar = '█'.repeat(Math.round(pct * width)).padEnd(width, '░');
      process.stdout.write(`\r${bar} ${(pct * 100).toFixed(0).padStart(3)}% ${counts}\x1b[K${done ? '\n' : ''}`);
    } else if (done || Date.now() - lastPlain >= 5000) {
      lastPlain = Date.now();
      console.log(`[replay] ${(pct * 100).toFixed(0)}% ${counts}`);
    }
  };
}

async function main(): Promise<void> {
  const opt = options();
  const text = await fs.readFile(opt.file, 'utf8').catch((err: Error) => fail(`cannot read ${opt.file}: ${err.message}`));
  let parsed;
  try {
    parsed = parseReplayFile(path.basename(opt.file), text);
  } catch (err) {
    fail((err as Error).message);
  }
  const events = [...parsed.events].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
  const totals: Totals = { sent: 0, accepted: 0, duplicates: 0, rejected: parsed.rejected.length };
  for (const r of parsed.rejected.slice(0, 5)) console.error(`[replay] line ${r.line} not sent: ${r.reason}`);
  if (parsed.rejected.length > 5) console.error(`[replay] … and ${parsed.rejected.length - 5} more invalid lines`);
  console.log(
    `[replay] ${events.length} events (${parsed.format}) from ${opt.file} → ${opt.url} as "${opt.source}"` +
      `${opt.speed === 0 ? ', as fast as possible' : ` at ${opt.speed}×`}`,
  );
  if (events.length === 0) fail('[replay] nothing to send', 1);

  let stopped = false;
  process.on('SIGINT', () => {
    if (stopped) process.exit(130);
    stopped = true;
    console.error('\n[replay] interrupted: finishing the batch in flight (Ctrl-C again to quit now)');
  });
  const show = progress(events.length);
  const fileStart = Date.parse(events[0]!.occurredAt);
  const wallStart = Date.now();
  let i = 0;
  while (i < events.length && !stopped) {
    // The file's clock runs `speed` times faster than the wall clock; send whatever it has reached.
    const fileNow = opt.speed === 0 ? Infinity : fileStart + (Date.now() - wallStart) * opt.speed;
    const due = Date.parse(events[i]!.occurredAt);
    if (due > fileNow) {
      show(totals, fileNow);
      await new Promise((r) => setTimeout(r, Math.min(1000, (due - fileNow) / opt.speed)));
      continue;
    }
    const batch: EventInput[] = [];
    while (i < events.length && batch.length < BATCH && Date.parse(events[i]!.occurredAt) <= fileNow) batch.push(events[i++]!);
    const out: PostOutcome = await postBatchWithRetry(opt.url, opt.key, batch, {
      attempts: 10,
      onRetry: (o, wait) => console.error(`\n[replay] ${o.status || o.error}: retrying the same batch in ${Math.round(wait)} ms`),
    });
    totals.sent += batch.length;
    totals.accepted += out.accepted;
    totals.duplicates += out.duplicates;
    totals.rejected += out.rejected;
    if (out.status !== 202) {
      const first = out.issues?.[0];
      console.error(`\n[replay] batch refused (${out.status || 'no answer'}): ${out.error ?? ''}${first ? ` [${first.path}]` : ''}`);
      if (out.status === 401) fail('[replay] the API key was refused: check --key / RTCC_API_KEY', 1);
    }
    show(totals, opt.speed === 0 ? Date.parse(batch[batch.length - 1]!.occurredAt) : fileNow);
  }
  show(totals, null, true);
  console.log(
    `[replay] summary for "${opt.source}": sent ${totals.sent}, accepted ${totals.accepted}, ` +
      `duplicates ${totals.duplicates}, rejected ${totals.rejected} in ${((Date.now() - wallStart) / 1000).toFixed(1)} s`,
  );
  console.log(JSON.stringify(totals));
  process.exit(totals.rejected > 0 || stopped ? 1 : 0);
}

void main();
