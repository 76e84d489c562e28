import type { Metadata } from 'next';
import { listWallDevices } from '@/lib/auth/wall-device';
import { requirePageUser } from '@/lib/policy/require-page-user';
import { runtime } from '@/lib/platform/runtime';
import { PageHeader } from '../_ui/page-header';
import { WallDevicesManager } from './wall-devices-manager';

export const metadata: Metadata = { title: 'Wall devices' };

export default async function WallDevicesPage() {
  const user = await requirePageUser('/admin/wall-devices');
  const devices = await listWallDevices(runtime().pool, user.agencyId);
  return (
    <div className="h-full overflow-auto p-6">
      <PageHeader title="Wall devices">
        Video-wall kiosks sign in with a device token (read-only, no idle lock). The token is shown once; open
        <code> /wall/device#token=…</code> on the kiosk. Revoking refuses the token and ends its sessions at once.
      </PageHeader>
      <WallDevicesManager devices={devices} />
    </div>
  );
}
