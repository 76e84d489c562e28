import type { EventInput } from '@/lib/domain/event';
import { capFromElement, capToEvent, parseCapXml } from './cap-xml';
import { decodeXml, parseXmlSafely, type XmlElement, type XmlNode } from './xml-safe';

/** An alert embedded in a feed entry, with the namespaces in scope where it sits. */
interface Embedded {
  name: string;
  el: XmlElement;
  ns: Record<string, string>;
}

function elements(el: XmlElement, local: string): { name: string; el: XmlElement }[] {
  const out: { name: string; el: XmlElement }[] = [];
  for (const [qname, nodes] of Object.entries(el.children)) {
    if (qname.split(':').pop() !== local) continue;
    for (const n of nodes) if (typeof n !== 'string') out.push({ name: qname, el: n });
  }
  return out;
}

const textOf = (n: XmlNode | undefined) => (n === undefined ? '' : typeof n === 'string' ? n : n.text);

/**
 * Atom or RSS index → the alerts embedded in entries (Atom `<content>`), and links to CAP documents to fetch
 * (Atom `<link href>` of type application/cap+xml, or any entry link when nothing is embedded; RSS `<link>`).
 */
export function readFeed(root: XmlElement): { embedded: Embedded[]; links: string[] } {
  const embedded: Embedded[] = [];
  const links: string[] = [];
  const channel = elements(root, 'channel')[0]?.el;
  const entries = [...elements(root, 'entry'), ...(channel ? elements(channel, 'item') : [])];
  for (const { el: entry } of entries) {
    const content = elements(entry, 'content')[0]?.el;
    const alerts = content ? elements(content, 'alert') : [];
    const ns = { ...root.attrs, ...entry.attrs, ...(content?.attrs ?? {}) };
    for (const a of alerts) embedded.push({ ...a, ns });
    if (alerts.length) continue;
    const atomLinks = elements(entry, 'link').map((l) => ({ href: l.el.attrs.href ?? l.el.text, type: l.el.attrs.type ?? '' }));
    const capLink = atomLinks.find((l) => /cap\+xml/i.test(l.type)) ?? atomLinks[0];
    if (capLink?.href) links.push(capLink.href);
    else if (entry.children.link) links.push(textOf(entry.children.link[0]));
  }
  return { embedded, links };
}

export interface CapDocument {
  /** Alerts read from the document itself (a CAP alert, or those embedded in a feed). */
  events: EventInput[];
  /** Absolute URLs of CAP documents the feed links to, still to fetch. */
  links: string[];
  /** Embedded alerts that could not be read, with why. */
  refused: { what: string; error: Error }[];
}

/** A CAP alert or an Atom/RSS feed of them, as fetched from `url` (relative links resolved against it). */
export function readCapDocument(bytes: Uint8Array, url: string): CapDocument {
  const doc = parseXmlSafely(decodeXml(bytes));
  if (doc.name.split(':').pop() === 'alert') return { events: [parseCapXml(bytes)], links: [], refused: [] };
  const { embedded, links } = readFeed(doc.root);
  const out: CapDocument = { events: [], links: [], refused: [] };
  for (const a of embedded) {
    try {
      out.events.push(capToEvent(capFromElement(a.name, a.el, a.ns)));
    } catch (err) {
      out.refused.push({ what: `alert embedded in ${url}`, error: err as Error });
    }
  }
  for (const link of links) {
    try {
      out.links.push(new URL(link, url).toString());
    } catch (err) {
      out.refused.push({ what: link, error: err as Error });
    }
  }
  return out;
}
