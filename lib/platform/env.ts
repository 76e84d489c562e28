import { z } from 'zod';

const bool = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

/** Every setting the server reads, validated once at boot. README's configuration table mirrors this. */
export const ZEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  /** The tables' owner: migrations and grants run as it; DATABASE_URL's role then owns nothing (see README). */
  MIGRATION_DATABASE_URL: z.string().url().optional(),
  /** How often the audit and custody chains' heads are signed into DATA_DIR/audit-checkpoints.jsonl. */
  AUDIT_CHECKPOINT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  DATA_DIR: z.string().default('.data'),
  MAP_STYLE_URL: z.string().url().optional(),
  /**
   * Largest .pmtiles street map an agency may upload in admin. At most 32 MiB: Next's proxy buffers request bodies
   * up to 33 MB (next.config.ts), so a larger upload would be cut short.
   */
  BASEMAP_MAX_BYTES: z.coerce.number().int().min(1024).max(32 * 1024 * 1024).default(32 * 1024 * 1024),
  /** 1: an ffmpeg test-pattern camera served by the app (development, tests, air-gapped demos). */
  TEST_STREAMS: bool.default(false),
  ADMIN_USERNAME: z.string().min(3).default('admin'),
  ADMIN_PASSWORD: z.string().min(12, 'ADMIN_PASSWORD must be at least 12 characters').optional(),
  DEMO: bool.default(true),
  // The demo's cameras play generated live video (ffmpeg); off: the cameras are registered without streams running.
  DEMO_VIDEO: bool.default(true),
  DEMO_SPEED: z.coerce.number().positive().max(100_000).default(60),
  INGEST_MAX_BODY_BYTES: z.coerce.number().int().positive().default(2 * 1024 * 1024),
  // Per-source token bucket on every ingest route: sustained requests/s and burst; 429 + Retry-After beyond.
  INGEST_RATE_PER_SEC: z.coerce.number().positive().max(1_000_000).default(50),
  INGEST_BURST: z.coerce.number().int().min(1).max(1_000_000).default(100),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  COOKIE_SECURE: bool.optional(),
  REDIS_URL: z.string().url().optional(),
  CLUSTER_ADAPTER: z.enum(['postgres', 'none']).default('postgres'),
  /** 0: this node never runs the correlator (a pure ingest/console node; another node holds the lock). */
  CORRELATOR: bool.default(true),
  /**
   * Quiet period per situation origin before one without a CAD close goes stale and closes (it reopens if an event
   * joins): `kind:minutes` pairs, e.g. `gunshot:60,call911:120`. Kinds: cad call911 gunshot alert rule sensor manual.
   */
  SITUATION_QUIET_MINUTES: z.string().regex(/^(\s*(cad|call911|gunshot|alert|rule|sensor|manual)\s*:\s*\d+\s*)(,\s*(cad|call911|gunshot|alert|rule|sensor|manual)\s*:\s*\d+\s*)*$|^$/, 'SITUATION_QUIET_MINUTES: kind:minutes pairs, comma-separated').default(''),
  /** Backpressure: packets a socket may have queued unsent before it is dropped to resync from its last seq. */
  SOCKET_MAX_QUEUED_PACKETS: z.coerce.number().int().min(10).max(100_000).default(500),
  TRUST_PROXY: bool.default(false),
  /** SIGTERM: how long /api/ready answers 503 before the listener closes (a probe-based balancer needs a period). */
  DRAIN_DELAY_MS: z.coerce.number().int().min(0).max(120_000).default(0),
  /** SIGTERM: how long in-flight requests (ingest above all) may take to finish before the node exits anyway. */
  DRAIN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(20_000),
  /** Prometheus scrapes GET /metrics with `Authorization: Bearer <this>`; unset: /metrics is off (admins: /api/metrics). */
  METRICS_TOKEN: z.string().min(24, 'METRICS_TOKEN must be at least 24 characters').optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  // OpenTelemetry tracing (lib/platform/trace/tracing.ts): on with OTEL_ENABLED=1 (collector at localhost:4318) or an
  // OTLP/HTTP endpoint; OTEL_ENABLED=0 keeps it off even with an endpoint set. The operator's collector, not an
  // address a user gives: it is not checked against OUTBOUND_ALLOW.
  OTEL_ENABLED: bool.optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.string().url().optional(),
  OTEL_SERVICE_NAME: z.string().min(1).default('rtcc'),
  /** How long finished spans wait to be sent in one export. */
  OTEL_EXPORT_DELAY_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
  // IoT sensors over MQTT: a real broker at MQTT_URL, else an embedded one on MQTT_PORT (taken or 0: a free port, logged).
  MQTT_URL: z.string().url().optional(),
  MQTT_PORT: z.coerce.number().int().min(0).max(65535).default(1883),
  /** Fixed per node so the broker keeps this node's persistent session (QoS 1 messages queued while down). */
  MQTT_CLIENT_ID: z.string().min(1).max(128).optional(),
  // The ingester's own sign-in on MQTT_URL (a broker with authentication); the embedded broker needs none.
  MQTT_USERNAME: z.string().min(1).optional(),
  MQTT_PASSWORD: z.string().optional(),
  // CAP 1.2 feeds: comma-separated URLs polled every CAP_POLL_SECONDS.
  CAP_FEED_URLS: z.string().optional(),
  CAP_POLL_SECONDS: z.coerce.number().int().min(5).max(86_400).default(60),
  /**
   * Private addresses the server may still reach for cameras, restreams and feeds (comma-separated CIDRs, addresses
   * or host names, e.g. `10.20.0.0/16,nvr.city.local`): everything non-public is refused otherwise.
   */
  OUTBOUND_ALLOW: z.string().default(''),
  // rtsp:// cameras without an external restreamer: ffmpeg per camera, started by the first viewer, one camera
  // connection however many viewers, stopped after this many seconds without one.
  RESTREAM_IDLE_SECONDS: z.coerce.number().int().min(5).max(3600).default(30),
  /** HLS segment length of managed restreams (with `-c copy`, cut on the camera's key frames: set its GOP to match). */
  RESTREAM_SEGMENT_SECONDS: z.coerce.number().int().min(1).max(6).default(1),
  /** Restreams (ffmpeg processes) one node runs at most; beyond, a new camera answers "No signal" with the reason. */
  RESTREAM_MAX_CAMERAS: z.coerce.number().int().min(1).max(1000).default(32),
  RESTREAM_FFMPEG: z.string().min(1).default('ffmpeg'),
  /** PTZ commands per user and camera: sustained per second, and burst (429 + Retry-After beyond). */
  PTZ_RATE_PER_SEC: z.coerce.number().min(0.1).max(1000).default(5),
  PTZ_BURST: z.coerce.number().int().min(1).max(1000).default(20),
});
export type Env = z.infer<typeof ZEnv>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const parsed = ZEnv.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
