import type { Metadata } from 'next';
import { MfaEnrolment } from '@/components/auth/mfa-enrolment';
import { securityConfig } from '@/lib/auth/security-config';
import { requirePageUser } from '@/lib/policy/require-page-user';

export const metadata: Metadata = { title: 'Two-factor sign-in' };

/** TOTP enrolment for the signed-in user; with MFA_REQUIRED=1 the console sends users without MFA here. */
export default async function AccountMfaPage() {
  const user = await requirePageUser('/account/mfa');
  const required = securityConfig().MFA_REQUIRED;

  return (
    <div className="mx-auto w-full max-w-2xl p-6">
      <p className="text-xs font-semibold tracking-[0.3em] text-accent uppercase">Account</p>
      <h1 className="mt-1 text-2xl font-semibold">Two-factor sign-in</h1>
      <div className="mt-6 rounded-xl border border-line bg-panel p-6 shadow-2xl">
        {user.mfa ? (
          <div data-testid="mfa-status" data-enabled="true" className="flex flex-col gap-2">
            <p className="font-semibold text-emerald-300">Two-factor sign-in is on for {user.username}.</p>
            <p className="text-sm text-ink-muted">
              Every sign-in asks for a code from your authenticator app. Lost the device? An administrator must reset it.
            </p>
          </div>
        ) : (
          <MfaEnrolment username={user.username} required={required} />
        )}
      </div>
    </div>
  );
}
