import { z } from 'zod';

/** What a backup holds and the hashes a restore checks before it writes anything. */
export const ZManifest = z.object({
  format: z.literal('rtcc-backup/1'),
  createdAt: z.string(),
  /** The applied migrations when the snapshot was taken: a restore rebuilds exactly this schema, then upgrades. */
  migrations: z.array(z.string()),
  tables: z.array(z.object({ name: z.string(), file: z.string(), rows: z.number().int(), sha256: z.string() })),
  evidence: z.object({
    count: z.number().int(),
    bytes: z.number().int(),
    files: z.array(z.object({ key: z.string(), sha256: z.string(), size: z.number().int() })),
  }),
  audit: z.object({ rows: z.number().int(), headId: z.string().nullable(), headHash: z.string().nullable() }),
  /** The DATA_DIR TOTP key (absent when MFA_ENCRYPTION_KEY is set: the operator keeps that one). */
  mfaKey: z.object({ sha256: z.string() }).nullable(),
});
export type Manifest = z.infer<typeof ZManifest>;

export const MANIFEST_FILE = 'manifest.json';
/** Schema state, rebuilt from the migrations themselves rather than copied. */
export const SKIP_TABLES = new Set(['_prisma_migrations']);
