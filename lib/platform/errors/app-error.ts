import type { z } from 'zod';

export type AppErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'RATE_LIMITED'
  | 'UNAVAILABLE';

export interface FieldIssue {
  path: string;
  message: string;
}

/** Services throw this; the edge maps it to HTTP. Messages are safe to show to the caller. */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly issues: FieldIssue[] = [],
    readonly retryAfterSeconds?: number,
    /** Extra fields of the error body a client acts on (e.g. `mfaRequired: true`). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** zod issues as `events[3].lat: Too big…` paths a caller can act on. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({
    path: i.path.reduce<string>(
      (acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)),
      '',
    ),
    message: i.message,
  }));
}

export function invalid(error: z.ZodError, what = 'request body'): AppError {
  const issues = fieldIssues(error);
  const first = issues[0];
  const summary = first ? `${first.path || what}: ${first.message}` : 'invalid';
  return new AppError('BAD_REQUEST', `Invalid ${what}: ${summary}${issues.length > 1 ? ` (+${issues.length - 1} more)` : ''}`, issues);
}
