import type { ReactNode } from 'react';

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <header className="mb-5">
      <h1 className="text-xl font-semibold">{title}</h1>
      {children && <p className="mt-1 max-w-4xl text-sm text-ink-muted">{children}</p>}
    </header>
  );
}
