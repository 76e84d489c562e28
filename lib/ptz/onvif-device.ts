import type http from 'node:http';
import { Cam } from 'onvif';
import { AppError } from '@/lib/platform/errors/app-error';
import { OutboundRefused } from '@/lib/platform/outbound/outbound-fetch';
import { outboundHttpAgent } from '@/lib/platform/outbound/outbound-agent';
import type { Runtime } from '@/lib/platform/runtime';
import { containOnvifThrows } from './contain-onvif-throws';

/** Where and how to reach one camera's ONVIF device service (the password already unsealed). */
export interface OnvifTarget {
  cameraId: string;
  url: string;
  username: string | null;
  password: string | null;
}

export interface PtzPreset {
  token: string;
  name: string;
  /** Pan of the stored position in ONVIF's generic space (-1…1), when the device reports it. */
  pan: number | null;
  tilt: number | null;
}

/** A connected device: the media profile that carries the PTZ configuration, and what that node supports. */
export interface OnvifSession {
  cam: Cam;
  agent: http.Agent;
  profileToken: string;
  absolute: boolean;
  key: string;
  at: number;
}

const TIMEOUT_MS = 5000;
/** A session (clock offset, service addresses, profile) is reused for this long, then rebuilt. */
const SESSION_TTL_MS = 5 * 60_000;
const SESSIONS = Symbol.for('rtcc.onvif.sessions');
type Holder = { [SESSIONS]?: Map<string, Promise<OnvifSession>> };
const sessions = (): Map<string, Promise<OnvifSession>> => ((globalThis as Holder)[SESSIONS] ??= new Map());

/**
 * One library call as a promise. Our own deadline too: when the library throws inside its network callback (a reply
 * it cannot read, contained by containOnvifThrows), it never calls back, and the request must still end.
 */
function call<T>(fn: (cb: (err: Error | null, data?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no usable answer from the device in time')), TIMEOUT_MS + 1000);
    try {
      fn((err, data) => (clearTimeout(timer), err ? reject(err) : resolve(data as T)));
    } catch (err) {
      clearTimeout(timer);
      reject(err as Error);
    }
  });
}

/** Device errors become a 503 that says what the camera answered; policy refusals stay a 400 naming `url`. */
export function deviceError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const cause = (err as { cause?: unknown }).cause;
  if (cause instanceof OutboundRefused) return cause;
  const msg = err instanceof Error ? err.message : String(err);
  return new AppError('UNAVAILABLE', `The camera's ONVIF service did not do it: ${msg.slice(0, 300)}`);
}

type Profile = { $?: { token?: string }; PTZConfiguration?: { defaultAbsolutePantTiltPositionSpace?: unknown; defaultAbsolutePanTiltPositionSpace?: unknown } };

async function connect(rt: Pick<Runtime, 'env'>, t: OnvifTarget, key: string): Promise<OnvifSession> {
  let url: URL;
  try {
    url = new URL(t.url);
  } catch {
    throw new AppError('BAD_REQUEST', 'The ONVIF URL of this camera is not a URL', [{ path: 'url', message: 'not a URL' }]);
  }
  containOnvifThrows();
  const agent: http.Agent = outboundHttpAgent(rt, url);
  const cam = new Cam({
    hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: Number(url.port) || (url.protocol === 'https:' ? 443 : 80),
    path: url.pathname || '/onvif/device_service',
    useSecure: url.protocol === 'https:',
    username: t.username ?? undefined,
    password: t.password ?? undefined,
    timeout: TIMEOUT_MS,
    agent,
    // Service addresses the device reports are rewritten to the host and port configured here: a device cannot
    // steer our requests elsewhere (and the agent checks every connection anyway).
    preserveAddress: true,
    autoconnect: false,
  });
  // The library's own connect() also walks video sources and throws on layouts it does not know; PTZ needs only
  // the clock (for WS-Security), the service addresses and the profile that holds a PTZ configuration.
  try {
    await call((cb) => cam.getSystemDateAndTime(cb));
    await call((cb) => cam.getServices(true, cb)).catch(() => call((cb) => cam.getCapabilities(cb)));
    const profiles = (await call<Profile[]>((cb) => cam.getProfiles(cb))) ?? [];
    const withPtz = profiles.find((p) => p.PTZConfiguration && p.$?.token);
    if (!withPtz?.$?.token) throw new AppError('CONFLICT', 'The camera reports no media profile with a PTZ configuration');
    const ptzConf = withPtz.PTZConfiguration!;
    return {
      cam,
      agent,
      profileToken: withPtz.$.token,
      absolute: ptzConf.defaultAbsolutePantTiltPositionSpace !== undefined || ptzConf.defaultAbsolutePanTiltPositionSpace !== undefined,
      key,
      at: Date.now(),
    };
  } catch (err) {
    agent.destroy();
    throw err;
  }
}

/** The camera's session: reused while fresh and while its URL and credentials are unchanged. */
export async function onvifSession(rt: Pick<Runtime, 'env'>, t: OnvifTarget): Promise<OnvifSession> {
  const key = `${t.url}\n${t.username ?? ''}\n${t.password ?? ''}\n${rt.env.OUTBOUND_ALLOW}`;
  const map = sessions();
  const cur = map.get(t.cameraId);
  if (cur) {
    const s = await cur.catch(() => null);
    if (s && s.key === key && Date.now() - s.at < SESSION_TTL_MS) return s;
    if (map.get(t.cameraId) === cur) {
      map.delete(t.cameraId);
      s?.agent.destroy();
    }
  }
  const next = connect(rt, t, key);
  map.set(t.cameraId, next);
  try {
    return await next;
  } catch (err) {
    if (map.get(t.cameraId) === next) map.delete(t.cameraId);
    throw deviceError(err);
  }
}

/** Forget a camera's session (its settings changed, or the device stopped answering). */
export function dropOnvifSession(cameraId: string): void {
  const cur = sessions().get(cameraId);
  sessions().delete(cameraId);
  void cur?.then((s) => s.agent.destroy(), () => {});
}

async function run<T>(rt: Pick<Runtime, 'env'>, t: OnvifTarget, op: (s: OnvifSession) => Promise<T>): Promise<T> {
  const s = await onvifSession(rt, t);
  try {
    return await op(s);
  } catch (err) {
    dropOnvifSession(t.cameraId);
    throw deviceError(err);
  }
}

const num = (v: unknown): number | null => {
  const n = typeof v === 'string' || typeof v === 'number' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
};

type RawPreset = { $?: { token?: string }; name?: string; PTZPosition?: { panTilt?: { $?: { x?: string; y?: string } } } };

export function listPresets(rt: Pick<Runtime, 'env'>, t: OnvifTarget): Promise<PtzPreset[]> {
  return run(rt, t, async (s) => {
    const byName = await call<Record<string, RawPreset>>((cb) => s.cam.getPresets({ profileToken: s.profileToken }, cb));
    return Object.values(byName ?? {}).flatMap((p) => {
      const token = p.$?.token;
      if (!token) return [];
      const pt = p.PTZPosition?.panTilt?.$;
      return [{ token: String(token), name: String(p.name ?? token), pan: num(pt?.x), tilt: num(pt?.y) }];
    });
  });
}

export function gotoPreset(rt: Pick<Runtime, 'env'>, t: OnvifTarget, token: string): Promise<void> {
  return run(rt, t, async (s) => {
    await call((cb) => s.cam.gotoPreset({ profileToken: s.profileToken, preset: token }, cb));
  });
}

export interface Velocity {
  pan: number;
  tilt: number;
  zoom: number;
}

export function continuousMove(rt: Pick<Runtime, 'env'>, t: OnvifTarget, v: Velocity, timeoutMs: number): Promise<void> {
  return run(rt, t, async (s) => {
    await call((cb) => s.cam.continuousMove({ profileToken: s.profileToken, x: v.pan, y: v.tilt, zoom: v.zoom, timeout: timeoutMs }, cb));
  });
}

export function stopMove(rt: Pick<Runtime, 'env'>, t: OnvifTarget): Promise<void> {
  return run(rt, t, async (s) => {
    await call((cb) => s.cam.stop({ profileToken: s.profileToken, panTilt: true, zoom: true }, cb));
  });
}

/** Absolute pan/tilt in the generic space; refused (409) when the device's PTZ node has no absolute space. */
export function absoluteMove(rt: Pick<Runtime, 'env'>, t: OnvifTarget, pan: number, tilt: number): Promise<void> {
  return run(rt, t, async (s) => {
    if (!s.absolute) throw new AppError('CONFLICT', 'This camera does not support absolute moves');
    await call((cb) => s.cam.absoluteMove({ profileToken: s.profileToken, x: pan, y: tilt, onlySendPanTilt: true } as never, cb));
  });
}
