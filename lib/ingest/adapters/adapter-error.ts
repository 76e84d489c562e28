import type { z } from 'zod';
import { AppError, fieldIssues, type FieldIssue } from '@/lib/platform/errors/app-error';

/** A 400 naming one field of a foreign payload (`callComponent[0].callStartTimestamp: …`). */
export function badField(path: string, message: string): AppError {
  return new AppError('BAD_REQUEST', `Invalid ${path}: ${message}`, [{ path, message }]);
}

/** zod failure of a foreign payload → 400 whose issue paths start at `prefix` (e.g. `[2]` in a batch). */
export function badPayload(error: z.ZodError, what: string, prefix = ''): AppError {
  const issues: FieldIssue[] = fieldIssues(error).map((i) => ({
    ...i,
    path: prefix && i.path ? `${prefix}${i.path.startsWith('[') ? '' : '.'}${i.path}` : prefix || i.path,
  }));
  const first = issues[0];
  const more = issues.length > 1 ? ` (+${issues.length - 1} more)` : '';
  return new AppError('BAD_REQUEST', `Invalid ${what}: ${first ? `${first.path || what}: ${first.message}` : 'invalid'}${more}`, issues);
}

/** Any ISO 8601 instant with an offset → canonical UTC ISO (the form ZEventInput and Postgres agree on). */
export function toUtcIso(text: string): string {
  return new Date(text).toISOString();
}

/** Trim and cut foreign text to a column's bound rather than refuse a whole batch over a long description. */
export function clip(text: string | null | undefined, max: number): string | undefined {
  const t = text?.trim();
  return t ? t.slice(0, max) : undefined;
}

/** Optional CSV cell: '' → undefined, so zod defaults and `.optional()` apply. */
export const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);
