import type pg from 'pg';
import { listCustody, listItems, toCustodyDto, type ItemRow } from '../case-rows';
import { recordCustody, type CustodyActor } from '../custody';
import { hashStored, type EvidenceStorage } from '../storage';
import { AppError } from '@/lib/platform/errors/app-error';
import { zipStream, type ZipEntry } from './zip-writer';
import { shareActor, type ShareLinkRow } from './open-share';
import { packageReadme } from './package-readme';
import { custodyForRecipient } from './manifest-custody';
import { evidenceConfig } from '../config';

const EXT: Record<string, string> = {
  'application/json': '.json',
  'text/plain': '.txt',
  'application/pdf': '.pdf',
  'video/mp4': '.mp4',
  'video/mp2t': '.ts',
  'message/rfc822': '.eml',
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'audio/mpeg': '.mp3',
  'audio/wav': '.wav',
  'audio/x-wav': '.wav',
};

export function itemPath(it: ItemRow, index: number): string {
  const base = it.title.replace(/[^\w.\- ]+/g, '_').replace(/\s+/g, '_').slice(0, 80) || 'item';
  const ext = EXT[it.mime] ?? '';
  return `items/${String(index + 1).padStart(3, '0')}-${base}${base.toLowerCase().endsWith(ext) ? '' : ext}`;
}

const COMPRESSED = /^(video|image|audio)\//;

/**
 * The attorney's package: its size checked against EVIDENCE_PACKAGE_MAX_BYTES (413 before anything is recorded),
 * every item re-verified (a mismatch refuses the whole package, 409, and is logged), then an 'exported' custody
 * row, then the ZIP streams: README.txt, manifest.json (items, hashes, the custody chain including this export as
 * this recipient may see it, and its head), SHA256SUMS and the files.
 */
export async function buildPackage(pool: pg.Pool, storage: EvidenceStorage, link: ShareLinkRow, ip: string | null): Promise<AsyncGenerator<Buffer>> {
  const who: CustodyActor = shareActor(link, ip);
  const items = await listItems(pool, link.case_id);
  const total = items.reduce((n, it) => n + Number(it.size), 0);
  const limit = evidenceConfig().EVIDENCE_PACKAGE_MAX_BYTES;
  if (total > limit) {
    throw new AppError('PAYLOAD_TOO_LARGE', `This case's package would hold ${total} bytes, over the ${limit}-byte limit: ask the agency for it in parts`);
  }
  for (const it of items) {
    const actual = await hashStored(storage, it.storage_key);
    if (!actual || actual.sha256 !== it.sha256) {
      await recordCustody(pool, who, { caseId: link.case_id, itemId: it.id, action: 'integrity_failed', details: { via: 'share package', shareId: link.id, expected: it.sha256, actual: actual?.sha256 ?? 'missing' } });
      throw new AppError('CONFLICT', `Integrity check failed for item "${it.title}": the package was not produced. The agency has been notified in the custody log.`);
    }
  }
  await recordCustody(pool, who, { caseId: link.case_id, action: 'exported', details: { shareId: link.id, items: items.length, format: 'zip' } });
  const chain = (await listCustody(pool, link.case_id)).map(toCustodyDto);
  const custody = custodyForRecipient(chain, link.id);
  const head = chain.at(-1)!;
  const files = items.map((it, i) => ({ it, path: itemPath(it, i) }));
  const manifest = {
    format: 'rtcc-evidence-package/1',
    generatedAt: new Date().toISOString(),
    case: { id: link.case_id, number: link.case_number, title: link.case_title },
    recipient: { name: link.recipient_name, email: link.recipient_email },
    /** The case's custody head when this package was made: `npm run evidence:verify -- <case> --head <hash>`. */
    custodyHead: { id: head.id, hash: head.hash, at: head.at },
    items: files.map(({ it, path }) => ({
      id: it.id,
      kind: it.kind,
      title: it.title,
      mime: it.mime,
      size: Number(it.size),
      sha256: it.sha256,
      path,
      sourceRef: it.source_ref,
      addedAt: it.added_at.toISOString(),
    })),
    custody,
    custodyHash: 'sha256 hex of canonical JSON (object keys sorted, no spaces) of [prevHash, caseId, itemId, actor, actorName, action, at, ip, details]; the first row has prevHash = 64 zeros; rows listing `redacted` fields withhold them (other recipients, staff addresses): their links still show no row is missing',
  };
  const sums = files.map(({ it, path }) => `${it.sha256}  ${path}\n`).join('');
  const text = (s: string) => [Buffer.from(s, 'utf8')];
  const entries: ZipEntry[] = [
    { name: 'README.txt', data: () => text(packageReadme(manifest.case.number, link.recipient_name, files.length)) },
    { name: 'manifest.json', data: () => text(`${JSON.stringify(manifest, null, 2)}\n`) },
    { name: 'SHA256SUMS', data: () => text(sums) },
    ...files.map(({ it, path }) => ({
      name: path,
      level: COMPRESSED.test(it.mime) ? 1 : 6,
      mtime: it.added_at,
      data: () => storage.get(it.storage_key),
    })),
  ];
  return zipStream(entries);
}
