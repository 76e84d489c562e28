// npm run replay -- --source <name> <file> [--key <apiKey>] [--speed 0] [--url http://localhost:3000] [--rejects <path>]
// Sends a recorded file through the source's saved mapping (POST /api/ingest/import), row by row: every row is
// accepted, a duplicate, or refused with its field and reason; refused rows go to a reject file. Without a saved
// mapping it reads NDJSON of EventInput or a known San Francisco CSV export.
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { RowOutcome } from '../lib/domain/source-mapping';
import { parseReplayFile } from '../lib/ingest/adapters/csv-replay';
import { csvLine } from '../lib/sources/mapping/read-records';
import { splitFile, type FileChunk } from '../lib/sources/replay/file-chunks';
import { postImportWithRetry } from '../lib/sources/replay/post-import';
import { fetchMapping, recordTimes, type RemoteMapping } from '../lib/sources/replay/remote-mapping';
import { createProgress, type Totals } from '../lib/sources/replay/progress';

const USAGE = `usage: npm run replay -- --source <name> <file.csv|file.ndjson|file.json> [options]
  --key K       the source's API key (or env RTCC_API_KEY): the key decides which source the rows belong to
  --speed N     N× the file's own pace (60: an hour of data per minute); default 0 = as fast as possible (history)
  --url U       the console (default http://localhost:3000 or env RTCC_URL)
  --rejects P   where refused rows are written (default <file>.rejects.csv|.ndjson next to the file)
  --chunk N     rows per request (default 5000)`;

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

function options() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      source: { type: 'string' },
      speed: { type: 'string', default: '0' },
      url: { type: 'string', default: process.env.RTCC_URL ?? 'http://localhost:3000' },
      key: { type: 'string' },
      rejects: { type: 'string' },
      chunk: { type: 'string', default: '5000' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) fail(USAGE, 0);
  const file = positionals[0];
  if (!file || positionals.length > 1) fail(USAGE);
  if (!values.source?.trim()) fail(`--source <name> is required\n${USAGE}`);
  const speed = Number(values.speed);
  if (!Number.isFinite(speed) || speed < 0) fail(`--speed must be a number ≥ 0 (got "${values.speed}")`);
  const chunk = Number(values.chunk);
  if (!Number.isInteger(chunk) || chunk < 1 || chunk > 50_000) fail(`--chunk must be 1–50000 (got "${values.chunk}")`);
  const key = values.key ?? process.env.RTCC_API_KEY;
  if (!key) fail('an API key is required: --key <apiKey> or env RTCC_API_KEY');
  let url: URL;
  try {
    url = new URL(values.url!);
  } catch {
    fail(`--url "${values.url}" is not a URL`);
  }
  return { file, source: values.source!.trim(), speed, key, url: url.origin, chunk, rejects: values.rejects };
}

interface Plan {
  describe: string;
  /** Index ranges of the records, in send order, each with the time it is due (file time) when pacing. */
  runs: { from: number; to: number; due: number | null }[];
  chunk: (from: number, to: number) => FileChunk;
  format?: 'events';
  csvHeader: string | null;
  localRefused: RowOutcome[];
}

/** Consecutive records (by file row) that are due together: one request each, so the report keeps file rows. */
function paceRuns(times: (number | null)[], speed: number, chunk: number): Plan['runs'] {
  const n = times.length;
  if (speed === 0) {
    const runs = [];
    for (let i = 0; i < n; i += chunk) runs.push({ from: i, to: Math.min(n, i + chunk), due: null });
    return runs;
  }
  const order = [...Array(n).keys()].sort((a, b) => (times[a] ?? Infinity) - (times[b] ?? Infinity) || a - b);
  const runs: Plan['runs'] = [];
  for (const i of order) {
    const last = runs.at(-1);
    const due = times[i] ?? null;
    if (last && last.to === i && last.to - last.from < chunk && (due === null || (last.due !== null && due - last.due < 1000))) last.to = i + 1;
    else runs.push({ from: i, to: i + 1, due });
  }
  return runs;
}

async function plan(opt: ReturnType<typeof options>, text: string, remote: RemoteMapping): Promise<Plan> {
  if (remote.spec) {
    const spec = remote.spec;
    const split = splitFile(text, spec.format, spec.recordsPath);
    const times = opt.speed === 0 ? split.records.map(() => null) : recordTimes(spec, remote.timeZone, split.records);
    const header = spec.format === 'csv' ? text.slice(0, text.search(/\r?\n|$/)).replace(/^\uFEFF/, '') : null;
    return { describe: `${split.records.length} rows (${spec.format}, saved mapping → ${spec.target === 'camera' ? 'cameras' : `${spec.kind} events`})`, runs: paceRuns(times, opt.speed, opt.chunk), chunk: split.chunk, csvHeader: header, localRefused: [] };
  }
  // No saved mapping: the console's own EventInput as NDJSON, or a San Francisco export it knows by its header.
  const parsed = parseReplayFile(path.basename(opt.file), text);
  const events = [...parsed.events].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
  const lines = events.map((e) => JSON.stringify(e));
  const times = events.map((e) => (opt.speed === 0 ? null : Date.parse(e.occurredAt)));
  return {
    describe: `${events.length} events (${parsed.format}, no saved mapping)`,
    runs: paceRuns(times, opt.speed, opt.chunk),
    chunk: (from, to) => ({ firstRow: from + 1, count: to - from, contentType: 'application/x-ndjson', body: lines.slice(from, to).join('\n') }),
    format: 'events',
    csvHeader: null,
    localRefused: parsed.rejected.map((r) => ({ row: r.line, status: 'refused', field: r.reason.split(':')[0], reason: r.reason, raw: '' })),
  };
}

async function main(): Promise<void> {
  const opt = options();
  const text = (await fs.readFile(opt.file, 'utf8').catch((err: Error) => fail(`cannot read ${opt.file}: ${err.message}`))).replace(/^\uFEFF/, '');
  const remote = await fetchMapping(opt.url, opt.key).catch((err: Error) => fail(`[replay] ${err.message}`, 1));
  let p: Plan;
  try {
    p = await plan(opt, text, remote);
  } catch (err) {
    fail((err as Error).message);
  }
  for (const r of p.localRefused) console.error(`[replay] line ${r.row} not sent: ${r.reason}`);
  const total = p.runs.reduce((n, r) => n + r.to - r.from, 0);
  console.log(`[replay] ${p.describe} from ${opt.file} → ${opt.url} as "${opt.source}" (${remote.source.name})${opt.speed === 0 ? ', as fast as possible' : ` at ${opt.speed}×`}`);
  if (total === 0) fail('[replay] nothing to send', 1);

  let stopped = false;
  process.on('SIGINT', () => {
    if (stopped) process.exit(130);
    stopped = true;
    console.error('\n[replay] interrupted: finishing the request in flight (Ctrl-C again to quit now)');
  });
  const totals: Totals = { sent: 0, accepted: 0, duplicates: 0, rejected: p.localRefused.length };
  const refused: RowOutcome[] = [];
  const warned: RowOutcome[] = [];
  const show = createProgress(total);
  const firstDue = p.runs.find((r) => r.due !== null)?.due ?? null;
  const wallStart = Date.now();
  for (const run of p.runs) {
    if (stopped) break;
    if (run.due !== null && firstDue !== null) {
      const wait = (run.due - firstDue) / opt.speed - (Date.now() - wallStart);
      if (wait > 0) {
        show(totals, firstDue + (Date.now() - wallStart) * opt.speed);
        await new Promise((r) => setTimeout(r, wait));
      }
    }
    const out = await postImportWithRetry(opt.url, opt.key, p.chunk(run.from, run.to), {
      format: p.format,
      onRetry: (why, wait) => console.error(`\n[replay] ${why}: retrying the same rows in ${Math.round(wait)} ms`),
    });
    totals.sent += run.to - run.from;
    if (out.status !== 200 || !('report' in out)) {
      if (out.status === 401) fail('\n[replay] the API key was refused: check --key / RTCC_API_KEY', 1);
      const error = 'error' in out ? out.error : '';
      console.error(`\n[replay] rows ${run.from + 1}–${run.to} refused as a whole (${out.status || 'no answer'}): ${error}`);
      totals.rejected += run.to - run.from;
      continue;
    }
    const r = out.report;
    totals.accepted += r.accepted;
    totals.duplicates += r.duplicates;
    totals.rejected += r.refused;
    for (const o of r.outcomes) {
      if (o.status === 'refused') refused.push(o);
      else if (o.warnings?.length) warned.push(o);
    }
    show(totals, run.due);
  }
  show(totals, null, true);
  await report(opt, p, refused, warned);
  console.log(
    `[replay] summary for "${opt.source}": sent ${totals.sent}, accepted ${totals.accepted}, duplicates ${totals.duplicates}, ` +
      `rejected ${totals.rejected}, warnings ${warned.length} in ${((Date.now() - wallStart) / 1000).toFixed(1)} s`,
  );
  console.log(JSON.stringify(totals));
  process.exit(totals.rejected > 0 || stopped ? 1 : 0);
}

/** Every problem, not only the first: grouped counts, each refused row (up to 200 on screen), all in the reject file. */
async function report(opt: ReturnType<typeof options>, p: Plan, refused: RowOutcome[], warned: RowOutcome[]): Promise<void> {
  if (refused.length) {
    const groups = new Map<string, number>();
    for (const o of refused) groups.set(`${o.field}: ${o.reason?.replace(/"[^"]*"/g, '"…"')}`, (groups.get(`${o.field}: ${o.reason?.replace(/"[^"]*"/g, '"…"')}`) ?? 0) + 1);
    console.error(`[replay] ${refused.length} rows refused:`);
    for (const [why, n] of [...groups].sort((a, b) => b[1] - a[1])) console.error(`  ${String(n).padStart(7)} × ${why}`);
    for (const o of refused.slice(0, 200)) console.error(`[replay] row ${o.row} refused: ${o.field}: ${o.reason}`);
    if (refused.length > 200) console.error(`[replay] … and ${refused.length - 200} more refused rows`);
    const csv = p.csvHeader !== null;
    const file = opt.rejects ?? `${opt.file.replace(/\.[^.]+$/, '')}.rejects.${csv ? 'csv' : 'ndjson'}`;
    const lines = csv
      ? [`${p.csvHeader},${csvLine(['rtcc_row', 'rtcc_field', 'rtcc_reason'])}`, ...refused.map((o) => `${o.raw ?? ''},${csvLine([String(o.row), o.field ?? '', o.reason ?? ''])}`)]
      : refused.map((o) => JSON.stringify({ rtcc_row: o.row, rtcc_field: o.field, rtcc_reason: o.reason, record: o.raw }));
    await fs.writeFile(file, `${lines.join('\n')}\n`);
    console.error(`[replay] refused rows written to ${file}`);
  }
  for (const o of warned.slice(0, 50)) console.error(`[replay] row ${o.row} warning: ${o.warnings!.join('; ')}`);
  if (warned.length > 50) console.error(`[replay] … and ${warned.length - 50} more rows with warnings`);
}

void main();
