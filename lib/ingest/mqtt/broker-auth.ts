import crypto from 'node:crypto';
import type pg from 'pg';
import { hashApiKey } from '@/lib/ingest/api-keys';

/** The embedded broker's rules: who may connect, publish and subscribe. */
export interface BrokerAuth {
  /** The console's own ingester: the only client that may subscribe. */
  internal: { username: string; password: string };
  /** A sensor source connecting with its name as username and its API key as password. */
  verifySource: (username: string, password: string) => Promise<boolean>;
}

/**
 * Per-source credentials on the embedded broker, the same keys as the HTTP ingest: a sensor signs in as its
 * source (username = source name, password = its API key), may publish only under `rtcc/sensors/<its name>/`,
 * and may not subscribe (no reading other sources' readings). With MQTT_URL these rules are the broker's job.
 */
export function sensorBrokerAuth(pool: pg.Pool, internal = { username: 'rtcc-ingest', password: crypto.randomBytes(24).toString('base64url') }): BrokerAuth {
  return {
    internal,
    async verifySource(username, password) {
      if (!validSourceName(username)) return false;
      const { rows } = await pool.query(
        `SELECT 1 FROM source WHERE kind = 'sensor' AND enabled AND name = $1 AND api_key_hash = $2`,
        [username, hashApiKey(password)],
      );
      return rows.length > 0;
    },
  };
}

/** Topics a source signed in as `username` may publish to. */
export function mayPublish(username: string, topic: string): boolean {
  return validSourceName(username) && topic.startsWith(`rtcc/sensors/${username}/`) && !/[+#]/.test(topic);
}

/** A source name usable as one topic level: a name with `/` would reach into another source's topics. */
export function validSourceName(name: string): boolean {
  return name.length > 0 && !/[/+#\u0000]/.test(name);
}

export function sameSecret(a: string, b: string): boolean {
  const x = crypto.createHash('sha256').update(a).digest();
  const y = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(x, y);
}
