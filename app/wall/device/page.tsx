import type { Metadata } from 'next';
import { DeviceSignIn } from '@/components/wall/device-sign-in';

export const metadata: Metadata = { title: 'Video wall' };
// Rendered per request: the CSP nonce (proxy.ts) must reach this page's scripts; a prerendered page has none.
export const dynamic = 'force-dynamic';

/**
 * A wall workstation's start page: `chromium --kiosk --app='https://…/wall/device#token=wd_…'`. The token stays
 * in the URL fragment (never sent to the server, never in its logs) and is exchanged for a wall_device session.
 */
export default function WallDevicePage() {
  return <DeviceSignIn />;
}
