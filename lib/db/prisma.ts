import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';
import { pgConfigFromUrl } from './url';

export type Db = InstanceType<typeof PrismaClient>;

/** Prisma through the pg driver adapter and the wasm query compiler: no native engine, nothing downloaded. */
export function createPrisma(url: string): Db {
  return new PrismaClient({ adapter: new PrismaPg({ ...pgConfigFromUrl(url), max: 10 }) });
}
