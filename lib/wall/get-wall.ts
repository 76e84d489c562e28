import type pg from 'pg';
import type { WallStateDto } from '@/lib/domain/wall';
import { selectWall } from './wall-sql';

/** The agency's stored wall state (defaults when never set). */
export function getWall(pool: pg.Pool, agencyId: string): Promise<WallStateDto> {
  return selectWall(pool, agencyId);
}
