import { z } from 'zod';
import { AppError } from '@/lib/platform/errors/app-error';

/**
 * Evidence settings read from the process environment (validated here: lib/platform/env.ts is shared).
 * EVIDENCE_MAX_BYTES: largest upload or clip, default 200 MiB.
 * EVIDENCE_PACKAGE_MAX_BYTES: largest share package, default 64 GiB (ZIP64 past 4 GiB).
 */
const ZEvidenceEnv = z.object({
  EVIDENCE_MAX_BYTES: z.coerce.number().int().positive().default(200 * 1024 * 1024),
  /** Longest camera clip a server will record, in seconds. */
  EVIDENCE_MAX_CLIP_SECONDS: z.coerce.number().int().positive().default(3600),
  /** Largest share package (sum of its items), refused with 413 before the export is recorded. Default 64 GiB. */
  EVIDENCE_PACKAGE_MAX_BYTES: z.coerce.number().int().positive().default(64 * 1024 ** 3),
});
export type EvidenceConfig = z.infer<typeof ZEvidenceEnv>;

export function evidenceConfig(source: NodeJS.ProcessEnv = process.env): EvidenceConfig {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([k, v]) => k.startsWith('EVIDENCE_') && v !== ''));
  return ZEvidenceEnv.parse(cleaned);
}

/** Types an upload may have: 911 audio, images, MP4 video, documents, texts and e-mails. */
export function allowedMime(mime: string): boolean {
  const m = mime.toLowerCase().split(';')[0]!.trim();
  return /^audio\/[\w.+-]+$/.test(m) || /^image\/[\w.+-]+$/.test(m) || ['video/mp4', 'application/pdf', 'text/plain', 'message/rfc822'].includes(m);
}

export function checkMime(mime: string): string {
  const m = mime.toLowerCase().split(';')[0]!.trim();
  if (!allowedMime(m)) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `File type ${m || '(none)'} is not accepted: allowed are audio/*, image/*, video/mp4, application/pdf, text/plain, message/rfc822`,
      [{ path: 'file', message: `type ${m || '(none)'} not allowed` }],
    );
  }
  return m;
}
