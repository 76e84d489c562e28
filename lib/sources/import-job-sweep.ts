import os from 'node:os';
import type pg from 'pg';

/** How often a running job says it is alive, and how long without that before another node calls it interrupted. */
export const HEARTBEAT_MS = 5_000;
const STALE_SECONDS = 30;
const SWEEP_MS = 15_000;

/** This server process as import jobs record it: host and port (two nodes on one host listen on different ports). */
export function importNode(port: number): string {
  return `${os.hostname()}:${port}`;
}

const MESSAGE = `'Interrupted: the server stopped while this import ran (' || processed || ' of ' || total || ' rows done). '
  || 'Import the same file again to finish it: rows already stored come back as duplicates. The reject file has the rows refused so far.'`;

/**
 * Jobs that can no longer be running: this node's own (`node`, when the node has just started or is stopping: nothing
 * of it runs any more) and any whose heartbeat stopped (another node that died). Returns how many were marked.
 */
export async function markInterruptedImports(pool: pg.Pool, node: string | null): Promise<number> {
  const { rowCount } = await pool.query(
    `UPDATE import_job SET status = 'interrupted', error = ${MESSAGE}, finished_at = now()
      WHERE status = 'running' AND (node = $1 OR coalesce(heartbeat_at, created_at) < now() - make_interval(secs => $2))`,
    [node, STALE_SECONDS],
  );
  return rowCount ?? 0;
}

/**
 * On start: this node's jobs left running by its previous process are interrupted at once, and every
 * STALE_SECONDS-silent job on any node soon after (a sweep every 15 s). On stop: this node's own running jobs.
 */
export async function startImportJobSweep(pool: pg.Pool, node: string, log: (line: string) => void): Promise<{ stop: () => Promise<void> }> {
  const report = (n: number) => {
    if (n) log(`[import] ${n} import job(s) interrupted by a server stop marked as such`);
  };
  report(await markInterruptedImports(pool, node));
  const timer = setInterval(() => {
    markInterruptedImports(pool, null).then(report, () => {});
  }, SWEEP_MS);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      report(await markInterruptedImports(pool, node).catch(() => 0));
    },
  };
}
