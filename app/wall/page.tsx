import type { Metadata } from 'next';
import { SocketProvider } from '@/components/live/socket-provider';
import { VideoWall } from '@/components/wall/video-wall';
import { ACTION_ROLES } from '@/lib/policy/actions';
import { requirePageUser } from '@/lib/policy/require-page-user';

export const metadata: Metadata = { title: 'Video wall' };

type Search = Record<string, string | string[] | undefined>;

/** The video wall: a kiosk (`?kiosk=1` or a wall device's session: no chrome at all) or an operator's second screen. */
export default async function WallPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requirePageUser('/wall');
  const kiosk = (await searchParams).kiosk === '1' || user.role === 'wall_device';
  const canControl = (ACTION_ROLES['wall.control'] as readonly string[]).includes(user.role);
  return (
    // A wall device whose session ended signs itself in again with its remembered token (no one to type a password).
    <SocketProvider wall signInPath={user.role === 'wall_device' ? '/wall/device' : '/login'}>
      <VideoWall canControl={canControl && !kiosk} kiosk={kiosk} />
    </SocketProvider>
  );
}
