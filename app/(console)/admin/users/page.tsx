import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { audit } from '@/lib/audit/audit';
import { ASSIGNABLE_ROLES } from '@/lib/domain/user-admin';
import { clientIp } from '@/lib/platform/http/request-meta';
import { requirePageUser } from '@/lib/policy/require-page-user';
import { runtime } from '@/lib/platform/runtime';
import { listUsers } from '@/lib/users/list-users';
import { PageHeader } from '../_ui/page-header';
import { UsersManager } from './users-manager';

export const metadata: Metadata = { title: 'Users & roles' };

export default async function UsersPage() {
  const admin = await requirePageUser('/admin/users');
  const pool = runtime().pool;
  const users = await listUsers(pool, admin.agencyId);
  // Who holds which role is itself sensitive: the view is audited, as GET /api/admin/users is.
  await audit(pool, { actor: admin, action: 'admin.user.list', targetType: 'user', ip: clientIp(await headers()), outcome: 'allow', details: { count: users.length } });
  return (
    <div className="h-full overflow-auto p-6">
      <PageHeader title="Users & roles">
        Accounts of {admin.agencyName}. A new user gets a temporary password, shown once: hand it over in person or by
        phone. Five failed sign-ins lock an account for 10 minutes; unlock it here once you know who was trying.
      </PageHeader>
      <UsersManager users={users} roles={[...ASSIGNABLE_ROLES]} selfId={admin.id} />
    </div>
  );
}
