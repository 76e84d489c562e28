// Baseline for bench:e2e: the barest possible live path. PostgreSQL NOTIFY → a plain `ws` broadcast, one frame
// per notification (one notification per committed ingest batch), no auth, no rooms, no resume.
import pg from 'pg';
import { WebSocketServer } from 'ws';

const url = process.env.DATABASE_URL!;
const listen = new pg.Client({ connectionString: url });
await listen.connect();
listen.on('notification', (msg) => {
  if (!msg.payload) return;
  for (const client of wss.clients) client.send(msg.payload);
});
await listen.query('LISTEN bare_bench');
const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
wss.on('listening', () => {
  const addr = wss.address();
  console.log(`READY ${typeof addr === 'object' && addr ? addr.port : String(addr)}`);
});
process.on('SIGTERM', () => process.exit(0));
