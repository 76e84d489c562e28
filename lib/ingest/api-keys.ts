import crypto from 'node:crypto';

/** API keys are random, shown once, and stored only as sha256 (a slow hash is pointless for 256-bit secrets). */
export function newApiKey(): { key: string; hash: string; hint: string } {
  const key = `rtcc_${crypto.randomBytes(24).toString('base64url')}`;
  return { key, hash: hashApiKey(key), hint: key.slice(0, 9) };
}

export function hashApiKey(key: string): string {
  return crypto.createHash('sha256').update(key).digest('hex');
}
