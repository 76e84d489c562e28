import net from 'node:net';
import { Aedes } from 'aedes';

export interface EmbeddedBroker {
  url: string;
  port: number;
  close: () => Promise<void>;
}

function listen(server: net.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const addr = server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : port);
    });
  });
}

/**
 * An in-process MQTT broker (aedes) for installs without one. Sessions and queued QoS 1 messages live in memory,
 * so they survive an ingester reconnect but not a process restart: production sets MQTT_URL to a real broker.
 * A taken port (e.g. a system Mosquitto on 1883) falls back to a free one, which is logged.
 */
export async function startEmbeddedBroker(
  port: number,
  log: (line: string) => void,
  host = '127.0.0.1',
): Promise<EmbeddedBroker> {
  const broker = await Aedes.createBroker();
  const server = net.createServer(broker.handle);
  let bound: number;
  try {
    bound = await listen(server, port, host);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) throw err;
    bound = await listen(server, 0, host);
    log(`[mqtt] port ${port} is taken: embedded broker listens on ${bound} instead`);
  }
  return {
    url: `mqtt://${host}:${bound}`,
    port: bound,
    close: async () => {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
