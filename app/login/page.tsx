import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/auth/login-form';
import { getCurrentUser } from '@/lib/auth/current-user';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage() {
  // Already signed in (a bookmarked /login on a wall workstation): go straight to the console.
  if (await getCurrentUser()) redirect('/');

  return (
    <main className="grid min-h-dvh place-items-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-line bg-panel p-8 shadow-2xl">
        <p className="text-xs font-semibold tracking-[0.3em] text-accent uppercase">RTCC</p>
        <h1 className="mt-1 mb-6 text-2xl font-semibold">Sign in to the console</h1>
        <LoginForm />
      </div>
      <p className="mt-6 max-w-sm text-center text-xs text-ink-muted">
        Authorised personnel only. Activity on this system is logged.
      </p>
    </main>
  );
}
