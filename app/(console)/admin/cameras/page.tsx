import type { Metadata } from 'next';
import { listAdminCameras } from '@/lib/cameras/list-admin-cameras';
import { CAMERA_OWNERS, CAMERA_STREAM_KINDS } from '@/lib/domain/camera';
import { requirePageUser } from '@/lib/policy/require-page-user';
import { runtime } from '@/lib/platform/runtime';
import { PageHeader } from '../_ui/page-header';
import { CamerasManager } from './cameras-manager';

export const metadata: Metadata = { title: 'Cameras' };

export default async function CamerasPage() {
  const user = await requirePageUser('/admin/cameras');
  const cameras = await listAdminCameras(runtime().pool, user.agencyId);
  const online = cameras.filter((c) => c.status === 'online').length;
  return (
    <div className="h-full overflow-auto p-6">
      <PageHeader title="Cameras">
        The camera registry: {cameras.length} cameras, {online} online. A camera is offline once its heartbeats stop for 5
        minutes. Cameras are keyed by external id: saving an existing id edits that camera.
      </PageHeader>
      <CamerasManager cameras={cameras} owners={[...CAMERA_OWNERS]} streamKinds={[...CAMERA_STREAM_KINDS]} />
    </div>
  );
}
