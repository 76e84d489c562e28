'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { FieldIssue } from '@/lib/platform/errors/app-error';
import { sendJson, type ApiResult } from './api';

export interface AdminError {
  message: string;
  issues: FieldIssue[];
}

/**
 * How every admin page talks to the API: send one JSON request; on success clear the error and re-read the
 * server-rendered page, on failure keep the message and the fields it names for the form. `busy` is true while a
 * request is out.
 */
export function useAdminApi() {
  const router = useRouter();
  const [error, setError] = useState<AdminError | null>(null);
  const [busy, setBusy] = useState(false);

  async function send<T = unknown>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<ApiResult<T>> {
    setBusy(true);
    const res = await sendJson<T>(method, url, body);
    setBusy(false);
    if (res.ok) {
      setError(null);
      router.refresh();
    } else {
      setError({ message: res.error, issues: res.issues });
    }
    return res;
  }

  return { send, error, issues: error?.issues ?? [], setError, busy, refresh: () => router.refresh() };
}
