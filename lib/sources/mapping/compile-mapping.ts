import { ZEventInput, type EventInput } from '@/lib/domain/event';
import { fastEventInput } from '@/lib/domain/event-input-fast';
import { checkPlace, type Extent } from '@/lib/domain/event-rules';
import type { EventMapping, FieldRule, LocationRule } from '@/lib/domain/source-mapping';
import type { CodeLookup } from '@/lib/ingest/adapters/code-map';
import { compileDate } from './date-format';
import { parseDegree, parsePoint } from './point';
import { pathValue } from './read-records';

/** What a mapping needs besides its spec: the zone local times are in, the source's codes, the agency's extent. */
export interface MappingContext {
  timeZone: string;
  codes: CodeLookup;
  extent: Extent | null;
}

export type Refusal = { ok: false; field: string; reason: string };
export type MappedEvent = { ok: true; event: EventInput; warnings: string[]; unmappedCode: string | null } | Refusal;

/** A cell as text: numbers printed, objects as JSON, nothing as ''. */
function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** A field rule as a function of the record; templates are split once. */
export function compileRule(rule: FieldRule): (rec: Record<string, unknown>) => string {
  if (rule.from === 'constant') return () => rule.value;
  if (rule.from === 'column') return (rec) => text(pathValue(rec, rule.value)).trim();
  const parts = rule.value.split(/(\{[^{}]+\})/).filter(Boolean);
  const getters = parts.map((p) => (p.startsWith('{') && p.endsWith('}') ? ((col: string) => (rec: Record<string, unknown>) => text(pathValue(rec, col)).trim())(p.slice(1, -1)) : () => p));
  return (rec) => {
    let out = '';
    for (const g of getters) out += g(rec);
    return out.trim();
  };
}

/** Columns a rule reads (the admin preview marks the file's columns that the mapping uses). */
export function ruleColumns(rule: FieldRule | null): string[] {
  if (!rule || rule.from === 'constant') return [];
  if (rule.from === 'column') return [rule.value];
  return [...rule.value.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]!);
}

type Place = { lat: number | null; lon: number | null } | Refusal;

export function compileLocation(rule: LocationRule): (rec: Record<string, unknown>) => Place {
  if (rule.mode === 'none') return () => ({ lat: null, lon: null });
  if (rule.mode === 'point') {
    return (rec) => {
      const p = parsePoint(pathValue(rec, rule.column));
      if (typeof p === 'string') return { ok: false, field: 'location', reason: `column "${rule.column}": ${p}` };
      return p ?? { lat: null, lon: null };
    };
  }
  return (rec) => {
    const lat = parseDegree(pathValue(rec, rule.lat), 90);
    if (typeof lat === 'string') return { ok: false, field: 'lat', reason: `column "${rule.lat}": ${lat}` };
    const lon = parseDegree(pathValue(rec, rule.lon), 180);
    if (typeof lon === 'string') return { ok: false, field: 'lon', reason: `column "${rule.lon}": ${lon}` };
    if ((lat === null) !== (lon === null)) return { ok: false, field: lat === null ? 'lat' : 'lon', reason: 'latitude and longitude go together' };
    return { lat, lon };
  };
}

const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n) : s);

/**
 * The spec as one function from a record to an event or a refusal naming the event field and why. Refusals are
 * per record: the caller stores the others. Checks end with the event schema itself (the fast check, zod for the
 * wording) and the place rules every door applies (lib/domain/event-rules.ts).
 */
export function compileEventMapping(spec: EventMapping, ctx: MappingContext): (rec: Record<string, unknown>) => MappedEvent {
  const externalId = compileRule(spec.externalId);
  const typeCode = compileRule(spec.typeCode);
  const when = compileRule(spec.occurredAt.rule);
  const date = compileDate(spec.occurredAt.format, spec.timeZone || ctx.timeZone);
  const place = compileLocation(spec.location);
  const priority = spec.priority ? compileRule(spec.priority) : null;
  const title = spec.title ? compileRule(spec.title) : null;
  const address = spec.address ? compileRule(spec.address) : null;
  const keep = spec.keep;

  return (rec) => {
    const id = externalId(rec);
    if (!id) return { ok: false, field: 'externalId', reason: `no id (${describe(spec.externalId)} is blank)` };
    if (id.length > 200) return { ok: false, field: 'externalId', reason: 'id longer than 200 characters' };
    const code = typeCode(rec);
    if (!code) return { ok: false, field: 'typeCode', reason: `no type (${describe(spec.typeCode)} is blank)` };
    const d = date(when(rec));
    if (!d.ok) return { ok: false, field: 'occurredAt', reason: d.reason };
    const p = place(rec);
    if ('ok' in p) return p;
    const verdict = checkPlace({ kind: spec.kind, lat: p.lat, lon: p.lon }, ctx.extent);
    if (!verdict.ok) return { ok: false, field: verdict.field, reason: verdict.reason };
    const meaning = ctx.codes(code);
    let prio: number | null = meaning?.priority ?? null;
    if (priority) {
      const raw = priority(rec);
      if (raw) {
        const n = Number(raw);
        if (!Number.isInteger(n) || n < 1 || n > 5) return { ok: false, field: 'priority', reason: `"${raw.slice(0, 20)}" is not a priority 1–5` };
        prio = n;
      }
    }
    const payload: Record<string, unknown> = { sourceCode: code, mapped: !!meaning };
    for (const col of keep) {
      const v = pathValue(rec, col);
      if (v !== undefined && v !== '') payload[col] = v;
    }
    if (verdict.flag) payload.locationFlag = verdict.flag;
    const event: EventInput = {
      externalId: id,
      kind: spec.kind,
      typeCode: clip(meaning?.category ?? code, 100),
      occurredAt: d.iso,
      lat: p.lat,
      lon: p.lon,
      priority: prio,
      title: clip((title?.(rec) || meaning?.description || code).trim(), 300),
      payload,
    };
    const addr = address?.(rec);
    if (addr) event.address = clip(addr, 300);
    const checked = fastEventInput(event) ?? schemaCheck(event);
    if ('ok' in checked) return checked;
    return { ok: true, event: checked, warnings: d.warning ? [d.warning] : [], unmappedCode: meaning ? null : code };
  };
}

function schemaCheck(e: EventInput): EventInput | Refusal {
  const parsed = ZEventInput.safeParse(e);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  return { ok: false, field: issue.path.join('.') || 'event', reason: issue.message };
}

function describe(rule: FieldRule): string {
  return rule.from === 'column' ? `column "${rule.value}"` : rule.from === 'template' ? `template ${rule.value}` : 'the constant';
}
