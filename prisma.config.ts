// Prisma CLI configuration. `engine: "js"` + a driver adapter make the CLI use the wasm schema engine shipped
// on npm, so migrations work air-gapped (the native engine would be downloaded from Prisma's servers).
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';
import { pgConfigFromUrl } from './lib/platform/db/url';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  engine: 'js',
  experimental: { adapter: true },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set (npm start and npm test set it for the embedded PostgreSQL)');
    // A short idle timeout lets the CLI exit as soon as it is done instead of waiting out the pool.
    return new PrismaPg({ ...pgConfigFromUrl(url), idleTimeoutMillis: 200 });
  },
});
