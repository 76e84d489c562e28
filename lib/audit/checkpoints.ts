import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import { canonicalJson } from './canonical';

/**
 * Signed checkpoints of the audit chain's head and of each case's custody head, appended to a file outside the
 * database (DATA_DIR/audit-checkpoints.jsonl) and published on the transparency page. Whoever can rewrite the
 * database (the owner, a superuser) can trim a chain at its end so that it still verifies; a head recorded
 * here, or copied from the page or from a share manifest, shows the rows that are gone.
 */
export const CHECKPOINT_FILE = 'audit-checkpoints.jsonl';
const KEY_FILE = 'checkpoint-key.pem';

export interface Head {
  id: string;
  hash: string;
}

export interface Checkpoint {
  v: 1;
  /** The database the heads belong to (several test or staging databases may share one DATA_DIR). */
  db: string;
  at: string;
  audit: Head | null;
  /** Custody heads of the cases that changed since the previous checkpoint. */
  cases: Record<string, Head>;
  /** Highest custody row id covered: the next checkpoint looks only past it. */
  custodyAfter: string;
  /** Ed25519 over canonical JSON of every other field, base64. */
  sig: string;
}

/** The signing key (created once, 0600) and its public half, which the transparency page publishes. */
export async function checkpointKey(dataDir: string): Promise<{ privateKey: crypto.KeyObject; publicKey: crypto.KeyObject; publicPem: string }> {
  const file = path.join(dataDir, KEY_FILE);
  let pem = await fs.readFile(file, 'utf8').catch(() => null);
  if (!pem) {
    await fs.mkdir(dataDir, { recursive: true });
    const fresh = crypto.generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    // Two processes starting together: the first link wins, both then use its key.
    const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
    await fs.writeFile(tmp, fresh, { mode: 0o600 });
    await fs.link(tmp, file).catch(() => {});
    await fs.rm(tmp, { force: true });
    pem = await fs.readFile(file, 'utf8');
  }
  const privateKey = crypto.createPrivateKey(pem);
  const publicKey = crypto.createPublicKey(privateKey);
  return { privateKey, publicKey, publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

const signedBody = (c: Omit<Checkpoint, 'sig'>) => Buffer.from(canonicalJson(c as never), 'utf8');

export function verifyCheckpointSig(c: Checkpoint, publicKey: crypto.KeyObject): boolean {
  const { sig, ...rest } = c;
  try {
    return crypto.verify(null, signedBody(rest), publicKey, Buffer.from(sig, 'base64'));
  } catch {
    return false;
  }
}

/** Every checkpoint of database `db` in the file, oldest first; `bad` counts lines whose signature fails. */
export async function readCheckpoints(dataDir: string, db: string): Promise<{ checkpoints: Checkpoint[]; bad: number; publicPem: string | null }> {
  const text = await fs.readFile(path.join(dataDir, CHECKPOINT_FILE), 'utf8').catch(() => '');
  if (!text) return { checkpoints: [], bad: 0, publicPem: null };
  const { publicKey, publicPem } = await checkpointKey(dataDir);
  const checkpoints: Checkpoint[] = [];
  let bad = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let c: Checkpoint;
    try {
      c = JSON.parse(line) as Checkpoint;
    } catch {
      bad++;
      continue;
    }
    if (c.db !== db) continue;
    if (verifyCheckpointSig(c, publicKey)) checkpoints.push(c);
    else bad++;
  }
  return { checkpoints, bad, publicPem };
}

export async function currentDatabase(pool: pg.Pool): Promise<string> {
  return (await pool.query<{ name: string }>('SELECT current_database() AS name')).rows[0]!.name;
}

/** Append a checkpoint when either chain moved since `after`; returns the custody id to continue from. */
export async function writeCheckpoint(
  pool: pg.Pool,
  dataDir: string,
  last: { audit: string | null; custodyAfter: string } | null,
  warn: (line: string) => void = console.warn,
): Promise<{ audit: string | null; custodyAfter: string }> {
  const db = await currentDatabase(pool);
  if (!last) {
    const prior = (await readCheckpoints(dataDir, db)).checkpoints.at(-1);
    last = prior ? { audit: prior.audit?.id ?? null, custodyAfter: prior.custodyAfter } : { audit: null, custodyAfter: '0' };
  }
  const head = (await pool.query<Head>('SELECT id::text AS id, hash FROM audit_log ORDER BY id DESC LIMIT 1')).rows[0] ?? null;
  const moved = await pool.query<{ case_id: string; id: string; hash: string }>(
    `SELECT DISTINCT ON (case_id) case_id::text AS case_id, id::text AS id, hash FROM custody_log WHERE id > $1 ORDER BY case_id, id DESC`,
    [last.custodyAfter],
  );
  if ((head?.id ?? null) === last.audit && moved.rows.length === 0) return last;
  // A head behind the last one recorded means rows were removed. The earlier checkpoints keep saying so (verification
  // checks every one); this one records the chain as it is now, and custody heads go on being anchored.
  const behind = last.audit && BigInt(head?.id ?? '0') < BigInt(last.audit);
  const cases = Object.fromEntries(moved.rows.map((r) => [r.case_id, { id: r.id, hash: r.hash }]));
  const custodyAfter = moved.rows.reduce((m, r) => (BigInt(r.id) > BigInt(m) ? r.id : m), last.custodyAfter);
  const body: Omit<Checkpoint, 'sig'> = { v: 1, db, at: new Date().toISOString(), audit: head, cases, custodyAfter };
  const { privateKey } = await checkpointKey(dataDir);
  const sig = crypto.sign(null, signedBody(body), privateKey).toString('base64');
  await fs.appendFile(path.join(dataDir, CHECKPOINT_FILE), `${JSON.stringify({ ...body, sig })}\n`, { mode: 0o644 });
  if (behind) warn(`[audit] ALERT: the audit chain ends at row ${head?.id ?? 'none'}, before an earlier checkpoint (row ${last.audit}): run npm run audit:verify`);
  return { audit: head?.id ?? null, custodyAfter };
}

/** The checkpointer of a running node: every `seconds`, and once more when it stops. */
export function startCheckpoints(pool: pg.Pool, dataDir: string, seconds: number, log: (line: string) => void): { stop: () => Promise<void> } {
  let last: { audit: string | null; custodyAfter: string } | null = null;
  let running: Promise<void> = Promise.resolve();
  const tick = () =>
    (running = running.then(async () => {
      try {
        last = await writeCheckpoint(pool, dataDir, last, log);
      } catch (err) {
        log(`[audit] checkpoint not written: ${(err as Error).message}`);
      }
    }));
  void tick();
  const timer = setInterval(tick, seconds * 1000);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await tick();
    },
  };
}

/** Every distinct head the checkpoints recorded, oldest first, for the audit chain or one case's custody chain. */
export function recordedHeads(checkpoints: Checkpoint[], pick: (c: Checkpoint) => Head | null | undefined): (Head & { at: string })[] {
  const seen = new Map<string, Head & { at: string }>();
  for (const c of checkpoints) {
    const h = pick(c);
    if (h && !seen.has(`${h.id}:${h.hash}`)) seen.set(`${h.id}:${h.hash}`, { ...h, at: c.at });
  }
  return [...seen.values()];
}

/**
 * Which recorded heads the chain no longer holds with the same hash (removed from its end, or rewritten). Every
 * checkpoint counts, not only the newest: rows appended after a trim get new ids past the removed ones.
 */
export async function missingHeads(
  heads: (Head & { at: string })[],
  hashesById: (ids: string[]) => Promise<Map<string, string>>,
): Promise<string[]> {
  if (!heads.length) return [];
  const found = await hashesById([...new Set(heads.map((h) => h.id))]);
  const problems: string[] = [];
  for (const h of heads) {
    const now = found.get(h.id);
    if (now === h.hash) continue;
    problems.push(
      now === undefined
        ? `the chain no longer holds row id ${h.id} (checkpoint of ${h.at}): rows were removed`
        : `row id ${h.id} does not carry the hash checkpointed at ${h.at}: the chain was rewritten`,
    );
  }
  return problems;
}

/**
 * The trimmed-tail check: does the chain still hold the row a checkpoint (or an outside copy of a head) names?
 * `rowHash` looks a row up by id (or, for a bare hash, by hash) in the live chain.
 */
export async function checkHead(
  expected: { id?: string; hash: string; at?: string },
  rowHash: (h: { id?: string; hash: string }) => Promise<string | null>,
): Promise<string | null> {
  const found = await rowHash(expected);
  if (found === expected.hash) return null;
  const where = expected.id ? `row id ${expected.id}` : `head ${expected.hash.slice(0, 16)}…`;
  return found === null
    ? `the chain no longer holds ${where}${expected.at ? ` (checkpoint of ${expected.at})` : ''}: rows were removed from its end`
    : `${where} does not carry the hash the checkpoint recorded: the chain was rewritten`;
}
