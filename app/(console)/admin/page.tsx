import type { Metadata } from 'next';
import { getAdminSummary } from '@/lib/sources/get-admin-summary';
import { requirePageUser } from '@/lib/policy/require-page-user';
import { runtime } from '@/lib/platform/runtime';
import { PageHeader } from './_ui/page-header';

export const metadata: Metadata = { title: 'Administration' };

interface Card {
  href: string;
  title: string;
  figure: string;
  detail: string;
  /** Something needs the admin's attention: the card says so in amber. */
  attention?: string | null;
}

export default async function AdminIndexPage() {
  const user = await requirePageUser('/admin');
  const s = await getAdminSummary(runtime().pool, user.agencyId);
  const cards: Card[] = [
    { href: '/admin/sources', title: 'Sources & API keys', figure: String(s.sources.total), detail: 'create sources, rotate keys, disable', attention: s.sources.disabled ? `${s.sources.disabled} disabled` : null },
    { href: '/admin/cameras', title: 'Cameras', figure: `${s.cameras.online} / ${s.cameras.total}`, detail: 'online / registered; add, edit, import CSV' },
    { href: '/admin/geofences', title: 'Geofences', figure: String(s.geofences), detail: 'schools, hospitals, critical sites, jurisdiction' },
    { href: '/admin/rules', title: 'Rules', figure: `${s.rules.enabled} / ${s.rules.total}`, detail: 'enabled / defined correlation rules' },
    {
      href: '/admin/users',
      title: 'Users & roles',
      figure: String(s.users.total),
      detail: 'create users, change roles, unlock, reset MFA',
      attention: [s.users.locked ? `${s.users.locked} locked` : '', s.users.withoutMfa ? `${s.users.withoutMfa} without MFA` : ''].filter(Boolean).join(' · ') || null,
    },
    { href: '/admin/audit', title: 'Audit log', figure: '→', detail: 'every change above, hash-chained' },
  ];
  return (
    <div className="h-full overflow-auto p-6">
      <PageHeader title="Administration">Configuration of {user.agencyName}. Every change made here is recorded in the audit log.</PageHeader>
      <ul className="grid max-w-6xl grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3">
        {cards.map((c) => (
          <li key={c.href}>
            <a href={c.href} className="flex h-full flex-col gap-1 rounded-lg border border-line bg-panel p-4 hover:border-accent/70 hover:bg-panel-raised">
              <span className="text-sm font-semibold text-ink-muted">{c.title}</span>
              <span className="text-3xl font-bold tabular-nums">{c.figure}</span>
              <span className="text-sm text-ink-muted">{c.detail}</span>
              {c.attention && <span className="text-sm font-semibold text-amber-300">{c.attention}</span>}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
