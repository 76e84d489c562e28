import { ROOT_CONTEXT, SpanKind, trace, type Attributes, type Link, type Span, type SpanContext, type Tracer } from '@opentelemetry/api';
import { isTraceparent } from './origins';

/**
 * Optional OpenTelemetry tracing (OTEL_ENABLED=1 or an OTLP endpoint set): spans for HTTP requests, the ingest
 * commit, the correlator's batches and the pushes to sockets, exported over OTLP/HTTP (JSON) to the operator's
 * collector. Off, the SDK is never even loaded: every helper below is one null check.
 *
 * The provider is ours, not registered globally: Next.js emits its own spans through the global API when a
 * provider is registered, which would cost every page render. Context is passed explicitly (a W3C traceparent
 * string carried with the seqs, lib/platform/trace/origins.ts), not through a context manager.
 */
const KEY = Symbol.for('rtcc.tracer');
type Holder = { [KEY]?: Tracer };

export const tracer = (): Tracer | undefined => (globalThis as Holder)[KEY];

/** Set by start-tracing.ts (server side only: the route bundles never load the SDK). */
export function setTracer(t: Tracer | undefined): void {
  (globalThis as Holder)[KEY] = t;
}

function contextOf(traceparent: string): SpanContext | null {
  if (!isTraceparent(traceparent)) return null;
  const [, traceId, spanId, flags] = traceparent.split('-');
  return { traceId: traceId!, spanId: spanId!, traceFlags: parseInt(flags!, 16), isRemote: true };
}

export interface SpanOptions {
  /** The parent, as a W3C traceparent; none: a new trace. */
  parent?: string;
  /** Other traces this span also serves (a correlator batch covers several requests). */
  links?: string[];
  kind?: 'server' | 'internal';
  attributes?: Attributes;
  startTime?: number;
}

/** A span when tracing is on, else undefined (callers use `span?.end()`). */
export function startSpan(name: string, opts: SpanOptions = {}): Span | undefined {
  const t = tracer();
  if (!t) return undefined;
  const parent = opts.parent ? contextOf(opts.parent) : null;
  const ctx = parent ? trace.setSpanContext(ROOT_CONTEXT, parent) : ROOT_CONTEXT;
  const links: Link[] = [];
  for (const l of opts.links ?? []) {
    const c = contextOf(l);
    if (c) links.push({ context: c });
  }
  return t.startSpan(name, { kind: opts.kind === 'server' ? SpanKind.SERVER : SpanKind.INTERNAL, attributes: opts.attributes, links, startTime: opts.startTime }, ctx);
}

export function traceparentOf(span: Span): string {
  const c = span.spanContext();
  return `00-${c.traceId}-${c.spanId}-${c.traceFlags.toString(16).padStart(2, '0')}`;
}
