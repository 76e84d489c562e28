import type pg from 'pg';
import type { CameraDto } from '@/lib/domain/camera';
import { selectAgencyCameras } from './camera-sql';

/** The user's agency's cameras as DTOs (the upstream URL never leaves the server). */
export async function listCameras(pool: pg.Pool, agencyId: string): Promise<CameraDto[]> {
  return (await selectAgencyCameras(pool, agencyId)).map((c) => c.dto);
}
