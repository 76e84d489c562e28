import type { Metadata } from 'next';
import { PasswordChangeForm } from '@/components/auth/password-change-form';
import { requirePageUser } from '@/lib/policy/require-page-user';

export const metadata: Metadata = { title: 'Password' };

/** Change one's password; a user signed in with a temporary password is sent here before anything else. */
export default async function AccountPasswordPage() {
  const user = await requirePageUser('/account/password');
  return (
    <div className="mx-auto w-full max-w-2xl p-6">
      <p className="text-xs font-semibold tracking-[0.3em] text-accent uppercase">Account</p>
      <h1 className="mt-1 text-2xl font-semibold">Password</h1>
      <div className="mt-6 rounded-xl border border-line bg-panel p-6 shadow-2xl">
        {user.mustChangePassword && (
          <p className="mb-4 text-sm" data-testid="password-must-change">
            You signed in with a temporary password. Choose your own (at least 12 characters) to continue.
          </p>
        )}
        <PasswordChangeForm username={user.username} />
      </div>
    </div>
  );
}
