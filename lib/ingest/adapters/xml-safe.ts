import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * XML for untrusted input: no DTD, no entities beyond XML's five predefined ones and character references.
 * A document with `<!DOCTYPE` or `<!ENTITY` is refused before any parsing (XXE, billion laughs); the parser is
 * told to process no entities at all and we decode the predefined ones ourselves.
 */

export class XmlRefused extends Error {}

export type XmlNode = string | XmlElement;
export interface XmlElement {
  /** Namespace declarations and other attributes, as written (`xmlns`, `xmlns:cap`). */
  attrs: Record<string, string>;
  children: Record<string, XmlNode[]>;
  text: string;
}

const ENCODINGS = new Map([
  ['utf-8', 'utf-8'], ['utf8', 'utf-8'], ['us-ascii', 'utf-8'], ['ascii', 'utf-8'],
  ['iso-8859-1', 'iso-8859-1'], ['latin1', 'iso-8859-1'], ['windows-1252', 'windows-1252'],
  ['iso-8859-15', 'iso-8859-15'],
]);

/** Bytes → text by BOM or the XML declaration's encoding (UTF-8 when none); unknown encodings are refused. */
export function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xfe || bytes[0] === 0xff) throw new XmlRefused('UTF-16 documents are not accepted: send UTF-8');
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const declared = /^(?:\uFEFF|\xEF\xBB\xBF)?<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']/i.exec(head)?.[1]?.toLowerCase();
  const encoding = declared ? ENCODINGS.get(declared) : 'utf-8';
  if (!encoding) throw new XmlRefused(`unsupported encoding "${declared}"`);
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new XmlRefused(`body is not valid ${encoding}`);
  }
  // XML 1.0 forbids NUL (and PostgreSQL text cannot hold it).
  if (text.includes('\u0000')) throw new XmlRefused('NUL character in document');
  return text;
}

const NOT_ALLOWED = /<!\s*(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/i;
const BAD_AMP = /&(?!(?:lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});)/;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  attributesGroupName: '@',
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: '#cdata',
  alwaysCreateTextNode: false,
  isArray: () => true,
  maxNestedTags: 64,
});

/** Parse to a tree of elements; throws XmlRefused (a 400) for DTDs, bad entities or malformed XML. */
export function parseXmlSafely(text: string): { name: string; root: XmlElement } {
  if (NOT_ALLOWED.test(text)) throw new XmlRefused('DTDs and entity declarations are not accepted');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new XmlRefused(`not well-formed XML (line ${valid.err.line}): ${valid.err.msg}`);
  let doc: unknown;
  try {
    doc = parser.parse(text);
  } catch (err) {
    throw new XmlRefused(`not well-formed XML: ${(err as Error).message}`);
  }
  const entries = Object.entries(doc as Record<string, unknown[]>).filter(([k]) => !k.startsWith('?') && k !== '#text');
  const rootName = entries[0]?.[0];
  const roots = entries[0]?.[1];
  if (entries.length !== 1 || !rootName || !Array.isArray(roots) || roots.length !== 1) {
    throw new XmlRefused('document must have exactly one root element');
  }
  const root = toElement(roots[0]);
  if (typeof root === 'string') return { name: rootName, root: { attrs: {}, children: {}, text: root } };
  return { name: rootName, root };
}

function decodeText(raw: string): string {
  if (BAD_AMP.test(raw)) throw new XmlRefused('undefined entity reference or bare "&" in text');
  return raw.replace(/&(?:(lt|gt|amp|quot|apos)|#(\d{1,7})|#x([0-9a-fA-F]{1,6}));/g, (_m, named: string, dec, hex) => {
    if (named) return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[named as 'lt'];
    const code = dec ? Number(dec) : parseInt(hex as string, 16);
    if (code > 0x10ffff || code === 0 || (code >= 0xd800 && code <= 0xdfff)) throw new XmlRefused('invalid character reference');
    return String.fromCodePoint(code);
  });
}

function asText(v: unknown): string {
  if (typeof v === 'string') return decodeText(v);
  if (Array.isArray(v)) return v.map(asText).join('');
  return '';
}

function toElement(node: unknown): XmlNode {
  if (typeof node === 'string') return decodeText(node);
  if (node === null || typeof node !== 'object') return '';
  const attrs: Record<string, string> = {};
  const children: Record<string, XmlNode[]> = {};
  let text = '';
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (key === '@') {
      for (const [a, v] of Object.entries((Array.isArray(value) ? value[0] : value) as Record<string, unknown>)) {
        attrs[a] = asText(v);
      }
    } else if (key === '#text') text += asText(value);
    else if (key === '#cdata') {
      // CDATA is literal: no entity decoding.
      for (const c of value as unknown[]) for (const t of Object.values(c as Record<string, unknown>)) text += String(t);
    } else {
      Object.defineProperty(children, key, {
        value: (value as unknown[]).map(toElement),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return { attrs, children, text: text.trim() };
}
