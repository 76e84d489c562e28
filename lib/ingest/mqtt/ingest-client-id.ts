import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

const KEY_FILE = 'mqtt-ingest.key';

/**
 * `rtcc-ingest-<hmac>`: an HMAC of this node's host and port under a random key kept in DATA_DIR (created once,
 * 0600). The same node gets the same id after a restart (its persistent session survives); nobody can work it
 * out from the host name and port.
 */
export async function ingestClientId(dataDir: string, node: string): Promise<string> {
  const file = path.join(dataDir, KEY_FILE);
  let key = await fs.readFile(file, 'utf8').catch(() => '');
  if (!key.trim()) {
    await fs.mkdir(dataDir, { recursive: true });
    const fresh = crypto.randomBytes(32).toString('hex');
    const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
    await fs.writeFile(tmp, fresh, { mode: 0o600 });
    await fs.link(tmp, file).catch(() => {}); // two nodes starting together: the first one's key wins
    await fs.rm(tmp, { force: true });
    key = await fs.readFile(file, 'utf8');
  }
  return `rtcc-ingest-${crypto.createHmac('sha256', key.trim()).update(node).digest('hex').slice(0, 24)}`;
}
