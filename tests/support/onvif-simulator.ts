import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { XMLParser } from 'fast-xml-parser';

/**
 * An ONVIF PTZ camera for tests: SOAP 1.2 over HTTP on the device, media and PTZ service paths, answering
 * GetSystemDateAndTime, GetServices, GetCapabilities, GetProfiles, GetPresets, GotoPreset, ContinuousMove, Stop and
 * AbsoluteMove as a Profile S device does. Every request but GetSystemDateAndTime must carry a WS-Security
 * UsernameToken whose PasswordDigest (Base64(SHA-1(nonce + created + password))) checks out, with a fresh Created
 * and an unused nonce; otherwise the answer is HTTP 400 with a `ter:NotAuthorized` SOAP fault, as the ONVIF core
 * spec says. Each accepted command is recorded with what it asked for, and the head's position follows it.
 */
export interface SimPreset {
  token: string;
  name: string;
  pan: number;
  tilt: number;
}

export interface SimCall {
  action: string;
  /** The authenticated user (null for the unauthenticated clock request). */
  user: string | null;
  params: Record<string, string | number>;
  at: number;
}

export interface OnvifSimulator {
  url: string;
  port: number;
  calls: SimCall[];
  /** Requests refused for their credentials. */
  refused: { action: string; why: string }[];
  position: { pan: number; tilt: number; zoom: number; moving: boolean };
  /** Actions answered with a well-formed SOAP envelope whose body is not what ONVIF says (a buggy firmware). */
  garbled: Set<string>;
  waitFor: (pred: (c: SimCall) => boolean, ms?: number) => Promise<SimCall>;
  close: () => Promise<void>;
}

export interface SimOptions {
  username?: string;
  password?: string;
  presets?: SimPreset[];
  /** Whether the PTZ node has an absolute pan/tilt space (AbsoluteMove allowed). */
  absolute?: boolean;
  host?: string;
}

const NS = {
  s: 'http://www.w3.org/2003/05/soap-envelope',
  tds: 'http://www.onvif.org/ver10/device/wsdl',
  trt: 'http://www.onvif.org/ver10/media/wsdl',
  tptz: 'http://www.onvif.org/ver20/ptz/wsdl',
  tt: 'http://www.onvif.org/ver10/schema',
  ter: 'http://www.onvif.org/ver10/error',
};
const SPACE = 'http://www.onvif.org/ver10/tptz/PanTiltSpaces';

const envelope = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="${NS.s}" xmlns:tds="${NS.tds}" xmlns:trt="${NS.trt}" xmlns:tptz="${NS.tptz}" xmlns:tt="${NS.tt}" xmlns:ter="${NS.ter}"><s:Body>${body}</s:Body></s:Envelope>`;

const fault = (sub: string, reason: string) =>
  envelope(`<s:Fault><s:Code><s:Value>s:Sender</s:Value><s:Subcode><s:Value>ter:${sub}</s:Value></s:Subcode></s:Code><s:Reason><s:Text xml:lang="en">${reason}</s:Text></s:Reason></s:Fault>`);

const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, parseAttributeValue: false });

type Node = Record<string, unknown>;
const child = (n: unknown, k: string): Node | undefined => (n && typeof n === 'object' ? ((n as Node)[k] as Node | undefined) : undefined);
const text = (n: unknown): string | undefined => (typeof n === 'string' ? n : n && typeof n === 'object' && typeof (n as Node)['#text'] === 'string' ? ((n as Node)['#text'] as string) : undefined);

export async function startOnvifSimulator(opts: SimOptions = {}): Promise<OnvifSimulator> {
  const username = opts.username ?? 'ptz-operator';
  const password = opts.password ?? 'sim-secret-42';
  const presets = opts.presets ?? [
    { token: '1', name: 'North street', pan: 0, tilt: 0 },
    { token: '2', name: 'East corner', pan: 0.5, tilt: -0.1 },
  ];
  const absolute = opts.absolute ?? true;
  const host = opts.host ?? '127.0.0.1';
  const calls: SimCall[] = [];
  const refused: OnvifSimulator['refused'] = [];
  const garbled = new Set<string>();
  const position = { pan: 0, tilt: 0, zoom: 0, moving: false };
  const nonces = new Set<string>();
  let base = '';

  function authenticate(header: unknown): { user: string } | { why: string } {
    const token = child(child(header, 'Security'), 'UsernameToken');
    if (!token) return { why: 'no WS-Security UsernameToken' };
    const user = text(token.Username);
    const pw = child(token, 'Password') ?? (token.Password as unknown);
    const digest = text(pw);
    const type = pw && typeof pw === 'object' ? (pw as Node)['@_Type'] : undefined;
    const nonce = text(token.Nonce);
    const created = text(token.Created);
    if (!user || !digest || !nonce || !created) return { why: 'incomplete UsernameToken' };
    if (typeof type !== 'string' || !type.endsWith('#PasswordDigest')) return { why: 'password is not a digest' };
    const createdMs = Date.parse(created);
    if (!Number.isFinite(createdMs) || Math.abs(Date.now() - createdMs) > 5 * 60_000) return { why: 'Created is not within 5 minutes of the device clock' };
    if (nonces.has(nonce)) return { why: 'nonce replayed' };
    const expected = crypto.createHash('sha1').update(Buffer.concat([Buffer.from(nonce, 'base64'), Buffer.from(created, 'ascii'), Buffer.from(password, 'ascii')])).digest('base64');
    if (user !== username || expected !== digest) return { why: 'wrong username or password' };
    nonces.add(nonce);
    return { user };
  }

  const presetXml = (p: SimPreset) =>
    `<tptz:Preset token="${p.token}"><tt:Name>${p.name}</tt:Name><tt:PTZPosition><tt:PanTilt x="${p.pan}" y="${p.tilt}" space="${SPACE}/PositionGenericSpace"/><tt:Zoom x="0"/></tt:PTZPosition></tptz:Preset>`;

  const profile = () =>
    `<trt:Profiles token="profile_1" fixed="true"><tt:Name>mainStream</tt:Name>` +
    `<tt:VideoSourceConfiguration token="vsc_1"><tt:Name>VideoSource</tt:Name><tt:UseCount>1</tt:UseCount><tt:SourceToken>vs_1</tt:SourceToken><tt:Bounds x="0" y="0" width="1920" height="1080"/></tt:VideoSourceConfiguration>` +
    `<tt:VideoEncoderConfiguration token="vec_1"><tt:Name>H264</tt:Name><tt:UseCount>1</tt:UseCount><tt:Encoding>H264</tt:Encoding><tt:Resolution><tt:Width>1920</tt:Width><tt:Height>1080</tt:Height></tt:Resolution><tt:Quality>5</tt:Quality></tt:VideoEncoderConfiguration>` +
    `<tt:PTZConfiguration token="ptz_1"><tt:Name>PTZ</tt:Name><tt:UseCount>1</tt:UseCount><tt:NodeToken>node_1</tt:NodeToken>` +
    (absolute ? `<tt:DefaultAbsolutePantTiltPositionSpace>${SPACE}/PositionGenericSpace</tt:DefaultAbsolutePantTiltPositionSpace>` : '') +
    `<tt:DefaultContinuousPanTiltVelocitySpace>${SPACE}/VelocityGenericSpace</tt:DefaultContinuousPanTiltVelocitySpace>` +
    `<tt:DefaultPTZTimeout>PT5S</tt:DefaultPTZTimeout></tt:PTZConfiguration></trt:Profiles>`;

  function answer(action: string, op: Node, user: string | null): { status: number; xml: string } {
    const ok = (xml: string) => ({ status: 200, xml: envelope(xml) });
    const vec = (n: unknown) => ({ x: Number(child(n, 'PanTilt')?.['@_x'] ?? 0), y: Number(child(n, 'PanTilt')?.['@_y'] ?? 0), z: Number(child(n, 'Zoom')?.['@_x'] ?? 0) });
    const profileToken = text(op.ProfileToken);
    const needsProfile = ['GetPresets', 'GotoPreset', 'ContinuousMove', 'Stop', 'AbsoluteMove'].includes(action);
    if (needsProfile && profileToken !== 'profile_1') return { status: 400, xml: fault('NoProfile', `no profile ${profileToken ?? '(none)'}`) };
    const record = (params: SimCall['params']) => calls.push({ action, user, params, at: Date.now() });
    if (garbled.has(action)) {
      record({ garbled: 1 });
      return ok(`<tt:Unexpected>${action}</tt:Unexpected>`);
    }
    switch (action) {
      case 'GetSystemDateAndTime': {
        const d = new Date();
        record({});
        return ok(`<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>NTP</tt:DateTimeType><tt:DaylightSavings>false</tt:DaylightSavings><tt:TimeZone><tt:TZ>UTC</tt:TZ></tt:TimeZone><tt:UTCDateTime><tt:Time><tt:Hour>${d.getUTCHours()}</tt:Hour><tt:Minute>${d.getUTCMinutes()}</tt:Minute><tt:Second>${d.getUTCSeconds()}</tt:Second></tt:Time><tt:Date><tt:Year>${d.getUTCFullYear()}</tt:Year><tt:Month>${d.getUTCMonth() + 1}</tt:Month><tt:Day>${d.getUTCDate()}</tt:Day></tt:Date></tt:UTCDateTime></tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>`);
      }
      case 'GetServices': {
        record({});
        const svc = (ns: string, path: string, major: number) => `<tds:Service><tds:Namespace>${ns}</tds:Namespace><tds:XAddr>${base}${path}</tds:XAddr><tds:Version><tt:Major>${major}</tt:Major><tt:Minor>0</tt:Minor></tds:Version></tds:Service>`;
        return ok(`<tds:GetServicesResponse>${svc(NS.tds, '/onvif/device_service', 2)}${svc(NS.trt, '/onvif/media_service', 2)}${svc(NS.tptz, '/onvif/ptz_service', 2)}</tds:GetServicesResponse>`);
      }
      case 'GetCapabilities':
        record({});
        return ok(`<tds:GetCapabilitiesResponse><tds:Capabilities><tt:Device><tt:XAddr>${base}/onvif/device_service</tt:XAddr></tt:Device><tt:Media><tt:XAddr>${base}/onvif/media_service</tt:XAddr></tt:Media><tt:PTZ><tt:XAddr>${base}/onvif/ptz_service</tt:XAddr></tt:PTZ></tds:Capabilities></tds:GetCapabilitiesResponse>`);
      case 'GetProfiles':
        record({});
        return ok(`<trt:GetProfilesResponse>${profile()}</trt:GetProfilesResponse>`);
      case 'GetPresets':
        record({ profile: profileToken! });
        return ok(`<tptz:GetPresetsResponse>${presets.map(presetXml).join('')}</tptz:GetPresetsResponse>`);
      case 'GotoPreset': {
        const token = text(op.PresetToken) ?? '';
        const p = presets.find((x) => x.token === token);
        if (!p) return { status: 400, xml: fault('NoToken', `no preset ${token}`) };
        record({ profile: profileToken!, preset: token });
        Object.assign(position, { pan: p.pan, tilt: p.tilt, moving: false });
        return ok('<tptz:GotoPresetResponse/>');
      }
      case 'ContinuousMove': {
        const v = vec(op.Velocity);
        const timeout = text(op.Timeout) ?? '';
        record({ profile: profileToken!, pan: v.x, tilt: v.y, zoom: v.z, timeout });
        position.moving = true;
        return ok('<tptz:ContinuousMoveResponse/>');
      }
      case 'Stop':
        record({ profile: profileToken! });
        position.moving = false;
        return ok('<tptz:StopResponse/>');
      case 'AbsoluteMove': {
        if (!absolute) return { status: 400, xml: fault('InvalidArgVal', 'no absolute position space') };
        const v = vec(op.Position);
        if (Math.abs(v.x) > 1 || Math.abs(v.y) > 1) return { status: 400, xml: fault('InvalidPosition', 'position out of range') };
        record({ profile: profileToken!, pan: v.x, tilt: v.y });
        Object.assign(position, { pan: v.x, tilt: v.y, moving: false });
        return ok('<tptz:AbsoluteMoveResponse/>');
      }
      default:
        return { status: 400, xml: fault('ActionNotSupported', `${action} is not supported by this simulator`) };
    }
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, xml: string) => {
        res.writeHead(status, { 'content-type': 'application/soap+xml; charset=utf-8' });
        res.end(xml);
      };
      if (req.method !== 'POST' || !req.url?.startsWith('/onvif/')) return send(404, fault('NotFound', 'not an ONVIF service path'));
      let doc: Node;
      try {
        doc = parser.parse(Buffer.concat(chunks).toString('utf8')) as Node;
      } catch {
        return send(400, fault('WellFormed', 'not XML'));
      }
      const env = child(doc, 'Envelope');
      const body = child(env, 'Body');
      const action = body ? Object.keys(body).find((k) => !k.startsWith('@_')) : undefined;
      if (!action) return send(400, fault('WellFormed', 'no SOAP body'));
      let user: string | null = null;
      if (action !== 'GetSystemDateAndTime') {
        const auth = authenticate(child(env, 'Header'));
        if ('why' in auth) {
          refused.push({ action, why: auth.why });
          return send(400, fault('NotAuthorized', `Sender not Authorized: ${auth.why}`));
        }
        user = auth.user;
      }
      const op = (body![action] && typeof body![action] === 'object' ? body![action] : {}) as Node;
      const out = answer(action, op, user);
      send(out.status, out.xml);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  base = `http://${host}:${port}`;
  return {
    url: `${base}/onvif/device_service`,
    port,
    calls,
    refused,
    position,
    garbled,
    async waitFor(pred, ms = 15_000) {
      const t0 = Date.now();
      for (;;) {
        const hit = calls.find(pred);
        if (hit) return hit;
        if (Date.now() - t0 > ms) throw new Error(`the ONVIF simulator saw no matching call in ${ms} ms; saw ${calls.map((c) => c.action).join(', ') || 'nothing'}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
