// A console tab in its own process, so the test can freeze it for real (SIGSTOP): the kernel buffers fill, the
// server's queue for it grows. Prints one JSON line when synced and one when the server has cut it off.
import { LiveClient } from '../../helpers/live-client';

const [url, cookie] = process.argv.slice(2) as [string, string];
const c = new LiveClient(url, cookie);
/** The tab's own TCP port, so the test can find this connection (and only this one) in /proc/net/tcp. */
function localPort(): number | undefined {
  const engine = c.socket.io.engine as unknown as { transport?: { ws?: { _socket?: { localPort?: number } } } };
  return engine.transport?.ws?._socket?.localPort;
}
c.socket.on('synced', () => console.log(JSON.stringify({ synced: true, localPort: localPort() })));
c.socket.on('disconnect', (reason) => {
  console.log(JSON.stringify({ disconnected: reason, seqs: c.seqs.map(String), lastSeq: c.lastSeq }));
  process.exit(0);
});
