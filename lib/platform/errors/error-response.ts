import { AppError, type AppErrorCode } from './app-error';

const STATUS: Record<AppErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
};

/** Map anything thrown by a service to a JSON response. Unknown errors are logged and never leak details. */
export function errorResponse(err: unknown): Response {
  if (err instanceof AppError) {
    const headers: Record<string, string> = { 'cache-control': 'no-store' };
    if (err.retryAfterSeconds !== undefined) headers['retry-after'] = String(err.retryAfterSeconds);
    const body = { error: err.message, code: err.code, ...(err.issues.length ? { issues: err.issues } : {}), ...err.extra };
    return Response.json(body, { status: STATUS[err.code], headers });
  }
  if (isDatabaseDown(err)) {
    return Response.json(
      { error: 'Database unavailable, retry later', code: 'UNAVAILABLE' },
      { status: 503, headers: { 'retry-after': '2', 'cache-control': 'no-store' } },
    );
  }
  console.error('unhandled error in route', err);
  return Response.json({ error: 'Internal error', code: 'INTERNAL' }, { status: 500 });
}

function isDatabaseDown(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  const msg = err instanceof Error ? err.message : '';
  return (
    code === 'ECONNREFUSED' ||
    code === '57P01' || // admin_shutdown
    code === '57P03' || // cannot_connect_now
    code === '53300' || // too_many_connections
    /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect/i.test(msg)
  );
}
