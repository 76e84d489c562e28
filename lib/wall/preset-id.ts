import { z } from 'zod';
import { AppError } from '@/lib/platform/errors/app-error';

/** A non-uuid id is simply not found (no 500 from PostgreSQL's uuid cast). */
export function presetId(id: string | undefined): string {
  if (!z.uuid().safeParse(id).success) throw new AppError('NOT_FOUND', 'No such wall preset');
  return id!;
}
