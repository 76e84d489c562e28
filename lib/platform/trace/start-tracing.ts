import type { Env } from '@/lib/platform/env';
import { setTracer } from './tracing';

export interface TracingHandle {
  endpoint: string;
  shutdown: () => Promise<void>;
}

/** The OTLP/HTTP traces URL from the standard variables, or null when tracing is off. */
export function tracesEndpoint(env: Pick<Env, 'OTEL_ENABLED' | 'OTEL_EXPORTER_OTLP_ENDPOINT' | 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'>): string | null {
  if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT) return `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`;
  // The OTLP default: a collector beside the node.
  return env.OTEL_ENABLED ? 'http://localhost:4318/v1/traces' : null;
}

/** Loads the OpenTelemetry SDK and exporter when tracing is configured (lib/platform/trace/tracing.ts says what is traced). */
export async function startTracing(env: Env, log: (line: string) => void): Promise<TracingHandle | null> {
  const url = tracesEndpoint(env);
  if (!url || env.OTEL_ENABLED === false) return null;
  const [{ TracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }] = await Promise.all([
    import('@opentelemetry/sdk-trace'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
  ]);
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME, 'service.instance.id': `${process.pid}:${env.PORT}` }),
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url }), scheduledDelayMillis: env.OTEL_EXPORT_DELAY_MS })],
  });
  setTracer(provider.getTracer('rtcc'));
  log(`[trace] OpenTelemetry spans exported to ${url.replace(/\/\/[^@/]*@/, '//')} (OTLP/HTTP)`);
  return {
    endpoint: url,
    shutdown: async () => {
      setTracer(undefined);
      await provider.shutdown().catch(() => {});
    },
  };
}

