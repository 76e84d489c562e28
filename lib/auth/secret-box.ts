import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * AES-256-GCM for small secrets kept at rest (TOTP seeds) and short-lived sealed cookies (OIDC sign-in state).
 * The key is MFA_ENCRYPTION_KEY (32 bytes, base64); without it, one is generated once into DATA_DIR beside the
 * embedded PostgreSQL's password, so a copy of the database alone does not reveal any second factor.
 * Each value is bound to a context string (AAD): a TOTP ciphertext moved to another user's row does not open.
 */

const PREFIX = 'enc:v1:';
const KEY_FILE = 'mfa-key';
const HOLDER = Symbol.for('rtcc.mfaKey');
type Holder = { [HOLDER]?: Buffer };

export function parseKey(b64: string): Buffer {
  const key = Buffer.from(b64.trim(), 'base64');
  if (key.length !== 32) throw new Error(`MFA_ENCRYPTION_KEY must be 32 bytes, base64-encoded (got ${key.length} bytes): openssl rand -base64 32`);
  return key;
}

/**
 * The key for this process: MFA_ENCRYPTION_KEY when set, else DATA_DIR/mfa-key (created once, mode 0600).
 * Returns where it came from, for the boot log; never the key.
 */
export async function loadMfaKey(opts: { envKey?: string; dataDir: string }): Promise<{ key: Buffer; source: 'env' | 'file' | 'generated' }> {
  if (opts.envKey) return { key: parseKey(opts.envKey), source: 'env' };
  const file = path.resolve(opts.dataDir, KEY_FILE);
  await fs.mkdir(opts.dataDir, { recursive: true });
  try {
    // 'wx': of two nodes starting at once on one DATA_DIR, one writes and the other reads what it wrote.
    await fs.writeFile(file, `${crypto.randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    return { key: parseKey(await fs.readFile(file, 'utf8')), source: 'generated' };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return { key: parseKey(await fs.readFile(file, 'utf8')), source: 'file' };
}

export function setMfaKey(key: Buffer | undefined): void {
  (globalThis as Holder)[HOLDER] = key;
}

/** The process-wide key (server.ts and the Next.js bundles share globalThis); MFA_ENCRYPTION_KEY wins. */
export function mfaKey(): Buffer {
  const held = (globalThis as Holder)[HOLDER];
  if (held) return held;
  if (process.env.MFA_ENCRYPTION_KEY) return parseKey(process.env.MFA_ENCRYPTION_KEY);
  throw new Error('MFA encryption key not loaded: start the app with server.ts');
}

export function isSealed(value: string): boolean {
  return value.startsWith(PREFIX);
}

export function seal(plain: string, context: string, key: Buffer = mfaKey()): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${PREFIX}${iv.toString('base64url')}:${body.toString('base64url')}`;
}

/** The plaintext, or null when the value is not ours, was altered, or belongs to another context or key. */
export function unseal(value: string, context: string, key: Buffer = mfaKey()): string | null {
  if (!isSealed(value)) return null;
  const [ivB64, bodyB64] = value.slice(PREFIX.length).split(':');
  if (!ivB64 || !bodyB64) return null;
  const iv = Buffer.from(ivB64, 'base64url');
  const body = Buffer.from(bodyB64, 'base64url');
  if (iv.length !== 12 || body.length < 16) return null;
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(body.subarray(body.length - 16));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
