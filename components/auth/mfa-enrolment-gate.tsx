'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useEffect, type ReactNode } from 'react';

/**
 * With MFA_REQUIRED=1 a user without a second factor may only enrol. The layout cannot see the URL, so this gate
 * does the last step: the enrolment page renders, anything else goes there. Pages that load data refuse on the
 * server already (requirePageUser redirects, the APIs answer 403): this only keeps their client parts unmounted.
 */
export function MfaEnrolmentGate({ enrolPath, message, children }: { enrolPath: string; message?: string; children: ReactNode }) {
  const pathname = usePathname();
  const router = useRouter();
  const here = pathname === enrolPath;
  useEffect(() => {
    if (!here) router.replace(enrolPath);
  }, [here, enrolPath, router]);
  if (here) return children;
  return <p className="p-6 text-sm text-ink-muted">{message ?? 'Two-factor sign-in must be set up first. Opening the set-up page…'}</p>;
}
