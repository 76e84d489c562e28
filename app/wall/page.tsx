import type { Metadata } from 'next';
import { SocketProvider } from '@/components/live/socket-provider';
import { VideoWall } from '@/components/wall/video-wall';
import { ACTION_ROLES } from '@/lib/policy/actions';
import { requirePageUser } from '@/lib/policy/require-page-user';

export const metadata: Metadata = { title: 'Video wall' };

type Search = Record<string, string | string[] | undefined>;

/** The video wall: a kiosk (`?kiosk=1` hides the controls) or an operator's second screen. */
export default async function WallPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requirePageUser('wall.view');
  const kiosk = (await searchParams).kiosk === '1';
  const canControl = (ACTION_ROLES['wall.control'] as readonly string[]).includes(user.role);
  return (
    <SocketProvider wall>
      <VideoWall canControl={canControl && !kiosk} />
    </SocketProvider>
  );
}
