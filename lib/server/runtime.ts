import type pg from 'pg';
import type { Db } from '@/lib/db/prisma';
import type { Env } from '@/lib/config/env';
import type { EventBus } from '@/lib/realtime/bus';

/**
 * What one server process shares between server.ts and the Next.js route handlers. Next bundles routes
 * separately from server.ts, so module-level singletons would exist twice; the process-wide symbol makes them one.
 */
export interface Runtime {
  env: Env;
  pool: pg.Pool;
  prisma: Db;
  bus: EventBus;
}

const KEY = Symbol.for('rtcc.runtime');
type Holder = { [KEY]?: Runtime };

export function setRuntime(rt: Runtime | undefined): void {
  (globalThis as Holder)[KEY] = rt;
}

export function runtime(): Runtime {
  const rt = (globalThis as Holder)[KEY];
  if (!rt) throw new Error('RTCC runtime not initialised: start the app with `npm start` (server.ts)');
  return rt;
}
