import type { SessionUser } from '@/lib/auth/session-user';
import { clientIp } from '@/lib/platform/http/request-meta';
import type { Action } from '@/lib/policy/actions';
import { requireUser } from '@/lib/policy/require-user';
import { runtime, type Runtime } from '@/lib/platform/runtime';
import { evidenceConfig, type EvidenceConfig } from './config';
import { evidenceStorage, type EvidenceStorage } from './storage';

export interface EvidenceContext {
  rt: Runtime;
  user: SessionUser;
  ip: string | null;
  storage: EvidenceStorage;
  cfg: EvidenceConfig;
}

/** What every case route starts with: the permitted user, the client address for custody rows, the store. */
export async function evidenceContext(req: Request, action: Action): Promise<EvidenceContext> {
  const rt = runtime();
  const user = await requireUser(req, action, {}, rt.pool);
  return { rt, user, ip: clientIp(req.headers), storage: evidenceStorage(rt.env.DATA_DIR), cfg: evidenceConfig() };
}

export const noStore = { 'cache-control': 'no-store' } as const;
