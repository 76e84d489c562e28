import { ZEventInput, type EventInput } from '../../domain/event';
import { AppError, fieldIssues } from '../../platform/errors/app-error';
import { combineShapes, parseCapCircle, parseCapPolygon, type CapCircle, type Position } from './cap-geometry';
import { CAP_REPEATED, ZCapAlert, type CapAlert } from './cap-schema';
import { decodeXml, parseXmlSafely, XmlRefused, type XmlElement, type XmlNode } from './xml-safe';

/**
 * CAP 1.2 `<alert>` XML → one `alert` event. Only CAP 1.2 is accepted: CAP 1.0 and 1.1 documents (a different
 * namespace, and 1.0 allows values 1.2 removed) are refused with 400 rather than half-understood; the feeds we
 * know publish 1.2 today. Atom/RSS indexes are for the feed poller, not this endpoint.
 */

export const CAP12_NS = 'urn:oasis:names:tc:emergency:cap:1.2';

function localName(qname: string): { prefix: string; local: string } {
  const i = qname.indexOf(':');
  return i < 0 ? { prefix: '', local: qname } : { prefix: qname.slice(0, i), local: qname.slice(i + 1) };
}

/**
 * Element tree → plain object of the CAP namespace only: strings for leaves, arrays for repeatable elements.
 * Elements of other namespaces (ds:Signature, extensions the XSD allows) are skipped.
 */
function toPlain(el: XmlElement, capPrefix: string, inheritedDefaultIsCap: boolean): Record<string, unknown> {
  const defaultIsCap = el.attrs.xmlns !== undefined ? el.attrs.xmlns === CAP12_NS : inheritedDefaultIsCap;
  const out: Record<string, unknown> = {};
  for (const [qname, nodes] of Object.entries(el.children)) {
    const { prefix, local } = localName(qname);
    const first = nodes[0];
    const ownDefault = first && typeof first !== 'string' ? first.attrs.xmlns : undefined;
    const isCap = prefix ? prefix === capPrefix : (ownDefault ?? (defaultIsCap ? CAP12_NS : '')) === CAP12_NS;
    if (!isCap) continue;
    const values = nodes.map((n) => leafOrObject(n, capPrefix, defaultIsCap));
    Object.defineProperty(out, local, {
      value: CAP_REPEATED.has(local) ? values : values.length === 1 ? values[0] : values,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function leafOrObject(n: XmlNode, capPrefix: string, defaultIsCap: boolean): unknown {
  if (typeof n === 'string') return n;
  if (Object.keys(n.children).length === 0) return n.text;
  return toPlain(n, capPrefix, defaultIsCap);
}

/** Parse and validate; throws AppError 400 naming the field, or why the document was refused. */
export function parseCapAlertXml(bytes: Uint8Array): CapAlert {
  let parsed: { name: string; root: XmlElement };
  try {
    parsed = parseXmlSafely(decodeXml(bytes));
  } catch (err) {
    if (err instanceof XmlRefused) throw new AppError('BAD_REQUEST', `Invalid CAP: ${err.message}`);
    throw err;
  }
  return capFromElement(parsed.name, parsed.root);
}

/**
 * A parsed `<alert>` element (a whole document, or one embedded in a feed entry) → validated CAP 1.2.
 * `inherited` holds the namespace declarations of its ancestors (`xmlns`, `xmlns:cap` → URI) for embedded alerts.
 */
export function capFromElement(name: string, root: XmlElement, inherited: Record<string, string> = {}): CapAlert {
  const { prefix, local } = localName(name);
  if (local !== 'alert') throw new AppError('BAD_REQUEST', `Invalid CAP: root element is <${name}>, expected <alert>`);
  const key = prefix ? `xmlns:${prefix}` : 'xmlns';
  const ns = root.attrs[key] ?? inherited[key];
  if (ns !== CAP12_NS) {
    const version = /^urn:oasis:names:tc:emergency:cap:(1\.\d)$/.exec(ns ?? '')?.[1];
    throw new AppError(
      'BAD_REQUEST',
      version ? `Invalid CAP: version ${version} is not accepted, send CAP 1.2` : `Invalid CAP: namespace must be ${CAP12_NS}`,
      [{ path: 'alert', message: 'namespace' }],
    );
  }
  const plain = toPlain(root, prefix, !prefix);
  const result = ZCapAlert.safeParse(plain);
  if (!result.success) {
    const issues = fieldIssues(result.error);
    const first = issues[0]!;
    throw new AppError('BAD_REQUEST', `Invalid CAP: ${first.path || 'alert'}: ${first.message}`, issues);
  }
  return result.data;
}

const SEVERITY_RANK = { Extreme: 1, Severe: 2, Moderate: 3, Minor: 4, Unknown: 3 } as const;
const URGENCY_SHIFT = { Immediate: 0, Expected: 0, Future: 1, Past: 2, Unknown: 1 } as const;

/** Console priority 1 (most urgent) … 5: Extreme/Immediate → 1; tests, exercises and drafts → 5. */
export function capPriority(alert: CapAlert): number {
  if (alert.status !== 'Actual') return 5;
  const ranks = alert.info.map((i) => SEVERITY_RANK[i.severity] + URGENCY_SHIFT[i.urgency]);
  return Math.min(5, Math.max(1, Math.min(...ranks)));
}

export function capToEvent(alert: CapAlert): EventInput {
  const polygons: Position[][] = [];
  const circles: CapCircle[] = [];
  for (const info of alert.info) {
    for (const area of info.area ?? []) {
      for (const p of area.polygon ?? []) polygons.push(parseCapPolygon(p) as Position[]);
      for (const c of area.circle ?? []) circles.push(parseCapCircle(c) as CapCircle);
    }
  }
  const { geometry, centroid } = combineShapes(polygons, circles);
  const first = alert.info[0]!;
  const areas = [...new Set(alert.info.flatMap((i) => (i.area ?? []).map((a) => a.areaDesc)))];
  const raw = {
    externalId: `${alert.sender},${alert.identifier}`,
    kind: 'alert',
    typeCode: first.event.slice(0, 100),
    occurredAt: new Date(alert.sent).toISOString(),
    lat: centroid?.lat ?? null,
    lon: centroid?.lon ?? null,
    priority: capPriority(alert),
    title: (first.headline ?? first.event).slice(0, 300),
    address: areas.join('; ').slice(0, 300) || undefined,
    payload: {
      cap: '1.2',
      identifier: alert.identifier,
      sender: alert.sender,
      sent: alert.sent,
      status: alert.status,
      msgType: alert.msgType,
      scope: alert.scope,
      references: alert.references ?? null,
      geometry,
      circles: circles.length ? circles : undefined,
      info: alert.info.map((i) => ({
        language: i.language ?? 'en-US',
        category: i.category,
        event: i.event,
        urgency: i.urgency,
        severity: i.severity,
        certainty: i.certainty,
        headline: i.headline ?? null,
        description: i.description ?? null,
        instruction: i.instruction ?? null,
        effective: i.effective ?? null,
        onset: i.onset ?? null,
        expires: i.expires ?? null,
        senderName: i.senderName ?? null,
        web: i.web ?? null,
        areas: (i.area ?? []).map((a) => ({ areaDesc: a.areaDesc, geocode: a.geocode ?? [] })),
      })),
    },
  };
  const parsed = ZEventInput.safeParse(raw);
  if (!parsed.success) {
    const issues = fieldIssues(parsed.error);
    throw new AppError('BAD_REQUEST', `Invalid CAP: ${issues[0]?.path}: ${issues[0]?.message}`, issues);
  }
  return parsed.data;
}

/** Bytes of one CAP 1.2 alert → the event to ingest. */
export function parseCapXml(bytes: Uint8Array): EventInput {
  return capToEvent(parseCapAlertXml(bytes));
}
