import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedDb } from '@/lib/platform/db/embedded';

/**
 * One PostgreSQL server for the integration run: the one at DATABASE_URL (CI: the machine's PostgreSQL 15) or a
 * real embedded one in a temp dir. Each test file then makes its own database on it (tests/helpers/test-db.ts).
 */
let embedded: EmbeddedDb | null = null;
let dir: string | null = null;

export async function setup(project: TestProject): Promise<void> {
  let url = process.env.DATABASE_URL;
  if (!url) {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rtcc-it-'));
    embedded = await startEmbeddedPostgres(dir);
    url = embedded.url;
  }
  project.provide('adminDatabaseUrl', url);
}

export async function teardown(): Promise<void> {
  await embedded?.stop();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
  }
}
