import type { ReactNode } from 'react';
import { getCurrentUser } from '@/lib/auth/current-user';
import type { Action } from '@/lib/policy/actions';
import { authorize } from '@/lib/policy/authorize';
import { AdminNav, type AdminLink } from './_ui/admin-nav';

const SECTIONS: (AdminLink & { action: Action })[] = [
  { href: '/admin', label: 'Overview', action: 'admin.manage' },
  { href: '/admin/sources', label: 'Sources & API keys', action: 'admin.manage' },
  { href: '/admin/cameras', label: 'Cameras', action: 'admin.manage' },
  { href: '/admin/geofences', label: 'Geofences', action: 'admin.manage' },
  { href: '/admin/rules', label: 'Rules', action: 'admin.manage' },
  { href: '/admin/users', label: 'Users & roles', action: 'admin.manage' },
  { href: '/admin/audit', label: 'Audit log', action: 'audit.read' },
];

/**
 * The admin area's frame: a section nav beside the page. Only links the user may follow are shown (none for other
 * roles, whose pages answer 404 anyway); each page still runs its own gate, as a layout does not protect children.
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  const links = user ? SECTIONS.filter((s) => authorize(user, s.action).allow) : [];
  return (
    <div className="flex h-full min-h-0">
      {links.length > 1 && <AdminNav links={links.map(({ href, label }) => ({ href, label }))} />}
      <div className="min-w-0 flex-1">{children}</div>
    </div>
  );
}
