// Several real server processes on one PostgreSQL and one Redis, behind a real nginx using the same proxy settings
// as the compose cluster profile (deploy/nginx/rtcc-proxy.conf). Shared by the cluster test and bench:e2e --nodes.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../helpers/test-app';
import { benchServer } from './bench-env';

export interface ClusterNode {
  port: number;
  server: Awaited<ReturnType<typeof benchServer>> | null;
}

export interface Cluster {
  /** nginx's address: what clients and sources use. */
  url: string;
  nodes: ClusterNode[];
  redisUrl: string;
  /** Drain one node (SIGTERM), wait for its exit, start it again on the same port; resolves once it is ready. */
  restart: (i: number) => Promise<{ drainMs: number; startMs: number }>;
  stop: () => Promise<void>;
}

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

async function which(bin: string, dirs = ['/usr/sbin', '/usr/bin', '/usr/local/bin', '/usr/local/sbin']): Promise<string | null> {
  for (const d of dirs) if (await fs.access(path.join(d, bin)).then(() => true, () => false)) return path.join(d, bin);
  return null;
}

/**
 * REDIS_URL, else the machine's Redis on 6379, else a redis-server of our own. Neither: a loud failure, never a
 * silent single-node run.
 */
export async function ensureRedis(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL, stop: async () => {} };
  if (await portOpen(6379)) return { url: 'redis://127.0.0.1:6379', stop: async () => {} };
  const bin = await which('redis-server');
  if (!bin) throw new Error('cluster: no Redis (REDIS_URL unset, nothing on 127.0.0.1:6379, no redis-server binary): apt-get install redis-server');
  const port = await freePort();
  const proc = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !(await portOpen(port)); i++) await new Promise((r) => setTimeout(r, 50));
  return { url: `redis://127.0.0.1:${port}`, stop: async () => void proc.kill('SIGTERM') };
}

export async function startNginx(nodePorts: number[]): Promise<{ url: string; stop: () => Promise<void> }> {
  const bin = await which('nginx');
  if (!bin) throw new Error('cluster: nginx is not installed (apt-get install nginx-light; .ci/run does)');
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rtcc-nginx-'));
  await fs.chmod(dir, 0o777); // workers run as nobody when the master is root
  const port = await freePort();
  const include = path.resolve('deploy/nginx/rtcc-proxy.conf');
  const conf = `
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fcgi;
  uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  map $http_upgrade $rtcc_connection { default upgrade; '' ''; }
  map $scheme $rtcc_scheme { default $scheme; }
  upstream rtcc {
    least_conn;
${nodePorts.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=2s;`).join('\n')}
  }
  server {
    listen 127.0.0.1:${port};
    location / { proxy_pass http://rtcc; include ${include}; }
  }
}`;
  await fs.writeFile(path.join(dir, 'nginx.conf'), conf);
  const proc: ChildProcess = spawn(bin, ['-c', path.join(dir, 'nginx.conf'), '-p', dir], { stdio: ['ignore', 'inherit', 'inherit'] });
  for (let i = 0; i < 100 && !(await portOpen(port)); i++) await new Promise((r) => setTimeout(r, 50));
  if (!(await portOpen(port))) throw new Error(`nginx did not start: ${await fs.readFile(path.join(dir, 'error.log'), 'utf8').catch(() => '')}`);
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      const done = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGQUIT');
      await done;
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

export async function startCluster(databaseUrl: string, count: number, env: Record<string, string> = {}): Promise<Cluster> {
  const redis = await ensureRedis();
  const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
  const nodeEnv = (port: number) => ({ REDIS_URL: redis.url, TRUST_PROXY: '1', PORT: String(port), MQTT_CLIENT_ID: `rtcc-node-${port}`, ...env });
  // One at a time: the first applies migrations and seeds; the rest then start on a ready database.
  const nodes: ClusterNode[] = [];
  for (const port of ports) nodes.push({ port, server: await benchServer(databaseUrl, nodeEnv(port)) });
  const nginx = await startNginx(ports);
  return {
    url: nginx.url,
    nodes,
    redisUrl: redis.url,
    async restart(i) {
      const node = nodes[i]!;
      const t0 = performance.now();
      await node.server?.stop();
      node.server = null;
      const t1 = performance.now();
      node.server = await benchServer(databaseUrl, nodeEnv(node.port));
      return { drainMs: Math.round(t1 - t0), startMs: Math.round(performance.now() - t1) };
    },
    async stop() {
      await nginx.stop();
      await Promise.all(nodes.map((n) => n.server?.stop()));
      await redis.stop();
    },
  };
}
