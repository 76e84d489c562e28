import type { ReactNode } from 'react';
import { getCurrentUser } from '@/lib/auth/current-user';
import { authorize } from '@/lib/policy/authorize';
import { pageAction, type GatedPage } from '@/lib/policy/page-policies';
import { AdminNav, type AdminLink } from './_ui/admin-nav';

const SECTIONS: (AdminLink & { href: GatedPage })[] = [
  { href: '/admin', label: 'Overview' },
  { href: '/admin/agencies', label: 'Agencies (platform)' },
  { href: '/admin/agency', label: 'Agency, jurisdiction & districts' },
  { href: '/admin/sources', label: 'Sources & API keys' },
  { href: '/admin/cameras', label: 'Cameras' },
  { href: '/admin/hotlists', label: 'LPR hotlist' },
  { href: '/admin/geofences', label: 'Geofences' },
  { href: '/admin/rules', label: 'Rules' },
  { href: '/admin/shares', label: 'Agency shares' },
  { href: '/admin/community', label: 'Community cameras' },
  { href: '/admin/wall-devices', label: 'Wall devices' },
  { href: '/admin/users', label: 'Users & roles' },
  { href: '/admin/audit', label: 'Audit log' },
];

/**
 * The admin area's frame: a section nav beside the page. Only links the user may follow are shown (none for other
 * roles, whose pages answer 404 anyway); each page still runs its own gate, as a layout does not protect children.
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  const links = user ? SECTIONS.filter((s) => authorize(user, pageAction(s.href)).allow) : [];
  return (
    <div className="flex h-full min-h-0">
      {links.length > 0 && <AdminNav links={links.map(({ href, label }) => ({ href, label }))} />}
      <div className="min-w-0 flex-1">{children}</div>
    </div>
  );
}
