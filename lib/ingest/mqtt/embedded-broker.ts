import net from 'node:net';
import { Aedes, type AedesOptions, type AuthenticateError, type Client } from 'aedes';
import { mayPublish, sameSecret, type BrokerAuth } from './broker-auth';

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
  auth?: BrokerAuth,
): Promise<EmbeddedBroker> {
  const broker = await Aedes.createBroker(auth ? authOptions(auth, log) : {});
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

/** Who is on the other end of a connection, as decided at CONNECT. */
const identities = new WeakMap<Client, { internal: boolean; source: string | null }>();

/** MQTT 3.1.1 CONNACK return codes (aedes types them as a const enum, which isolated modules cannot read). */
const SERVER_UNAVAILABLE = 3;
const BAD_USERNAME_OR_PASSWORD = 4;
const NOT_AUTHORIZED = 5;
/** Client ids only the console's own ingester may use. */
export const INGEST_CLIENT_PREFIX = 'rtcc-ingest';

function refused(code: number, message: string): AuthenticateError {
  return Object.assign(new Error(message), { returnCode: code }) as AuthenticateError;
}

/** aedes hooks enforcing BrokerAuth: CONNECT needs credentials, PUBLISH only to one's own topics, SUBSCRIBE only internal. */
function authOptions(auth: BrokerAuth, log: (line: string) => void): AedesOptions {
  return {
    authenticate: (client, username, password, done) => {
      const secret = password?.toString('utf8') ?? '';
      if (!username || !secret) return done(refused(NOT_AUTHORIZED, 'credentials required'), false);
      if (username === auth.internal.username && sameSecret(secret, auth.internal.password)) {
        identities.set(client, { internal: true, source: null });
        return done(null, true);
      }
      // The ingester's client ids are reserved: a sensor taking one would take over its persistent session.
      if (client.id.toLowerCase().startsWith(INGEST_CLIENT_PREFIX)) {
        log(`[mqtt] refused sign-in as "${username}": client id ${client.id.slice(0, 64)} is reserved for the console's ingester`);
        return done(refused(NOT_AUTHORIZED, 'client id reserved'), false);
      }
      auth.verifySource(username, secret).then(
        (ok) => {
          if (!ok) {
            log(`[mqtt] refused sign-in as "${username}": unknown sensor source or wrong key`);
            return done(refused(BAD_USERNAME_OR_PASSWORD, 'bad username or password'), false);
          }
          identities.set(client, { internal: false, source: username });
          done(null, true);
        },
        () => done(refused(SERVER_UNAVAILABLE, 'cannot check credentials now'), false),
      );
    },
    authorizePublish: (client, packet, callback) => {
      const who = client ? identities.get(client) : { internal: true, source: null };
      if (who?.internal || (who?.source && mayPublish(who.source, packet.topic))) return callback(null);
      log(`[mqtt] refused publish by "${who?.source ?? '?'}" to ${packet.topic}: not its topic`);
      callback(new Error('not authorised for this topic'));
    },
    authorizeSubscribe: (client, subscription, callback) => {
      callback(null, identities.get(client)?.internal ? subscription : null);
    },
  };
}
