import type { Metadata } from 'next';
import { RegisterForm } from './register-form';

export const metadata: Metadata = { title: 'Register a community camera' };
export const dynamic = 'force-dynamic';

/** Public form: businesses and residents offer their camera to the agency (`?agency=<slug>`). */
export default async function RegisterCameraPage({ searchParams }: { searchParams: Promise<{ agency?: string }> }) {
  const { agency } = await searchParams;
  return (
    <main className="mx-auto max-w-xl p-8">
      <h1 className="text-2xl font-semibold">Register your camera</h1>
      <p className="mt-2 text-sm text-ink-muted">
        Tell the agency where your camera is and what you are willing to share. Nothing is accessed without your consent:
        footage is only ever requested from you, and you decide each time.
      </p>
      <RegisterForm agency={agency ?? 'sf-demo'} />
    </main>
  );
}
