import type { CameraSeed, CameraVideoHealth } from './camera';

/** A camera as the admin page sees it: the whole registry row, stream URL included (only admins get this). */
export interface CameraAdminDto extends CameraSeed {
  id: string;
  /** Reported status, `offline` once heartbeats stop for 5 minutes, `unknown` before the first one. */
  status: string;
  lastSeenAt: string | null;
  restreamUrl: string | null;
  /** Video as the server last received it (restreamer or relay): online / offline (why) / idle, and the last frame. */
  video: CameraVideoHealth;
  /** ONVIF device service (PTZ control) and its user; the password is never sent, only whether one is stored. */
  onvifUrl: string | null;
  onvifUsername: string | null;
  onvifPasswordSet: boolean;
}
