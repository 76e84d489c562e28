import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/auth/login-form';
import { OidcCodeForm, OidcSignInLink } from '@/components/auth/oidc-sign-in';
import { oidcConfig } from '@/lib/auth/oidc/config';
import { getCurrentUser } from '@/lib/auth/current-user';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ step?: string }> }) {
  // Already signed in (a bookmarked /login on a wall workstation): go straight to the console.
  if (await getCurrentUser()) redirect('/');
  // Directory (OIDC) sign-in, when configured; `step=oidc-code` is its TOTP step (app/api/auth/oidc/callback).
  const oidc = oidcConfig();
  const oidcCode = oidc && (await searchParams).step === 'oidc-code';

  return (
    <main className="grid min-h-dvh place-items-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-line bg-panel p-8 shadow-2xl">
        <p className="text-xs font-semibold tracking-[0.3em] text-accent uppercase">RTCC</p>
        <h1 className="mt-1 mb-6 text-2xl font-semibold">Sign in to the console</h1>
        {oidcCode ? <OidcCodeForm /> : <LoginForm />}
        {oidc && !oidcCode && <OidcSignInLink displayName={oidc.displayName} />}
      </div>
      <p className="mt-6 max-w-sm text-center text-xs text-ink-muted">
        Authorised personnel only. Activity on this system is logged.
      </p>
    </main>
  );
}
