import type { ReactNode } from 'react';
import { PANEL } from './styles';

/** An admin page's titled panel (`id` names the heading the section is labelled by). */
export function AdminPanel({ id, title, className = '', children }: { id: string; title: ReactNode; className?: string; children: ReactNode }) {
  return (
    <section className={`${PANEL} ${className}`.trim()} aria-labelledby={id}>
      <h2 id={id} className="text-sm font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}
