export interface Totals {
  sent: number;
  accepted: number;
  duplicates: number;
  rejected: number;
}

/** One line that redraws itself on a terminal (a bar); plain lines at most every 5 s when piped to a log. */
export function createProgress(total: number, out: NodeJS.WriteStream = process.stdout) {
  const tty = out.isTTY === true;
  let lastPlain = 0;
  const started = Date.now();
  return (t: Totals, fileMs: number | null, done = false) => {
    const pct = total ? t.sent / total : 1;
    const secs = (Date.now() - started) / 1000;
    const rate = secs > 0 ? ` · ${Math.round(t.sent / secs)} rows/s` : '';
    const clock = fileMs === null ? '' : ` · file time ${new Date(fileMs).toISOString().slice(0, 19).replace('T', ' ')}`;
    const counts = `${t.sent}/${total} sent · ${t.accepted} accepted · ${t.duplicates} duplicates · ${t.rejected} refused${rate}${clock}`;
    if (tty) {
      const width = 28;
      const bar = '█'.repeat(Math.round(pct * width)).padEnd(width, '░');
      out.write(`\r${bar} ${(pct * 100).toFixed(0).padStart(3)}% ${counts}\x1b[K${done ? '\n' : ''}`);
    } else if (done || Date.now() - lastPlain >= 5000) {
      lastPlain = Date.now();
      out.write(`[replay] ${(pct * 100).toFixed(0)}% ${counts}\n`);
    }
  };
}
