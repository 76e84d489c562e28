/** Client calls for the wall and its presets. Each resolves to an error message (null on success) — never throws. */
import { sendForError } from '@/components/api/send-json';
import { ZWallPresetDto, type WallCommand, type WallPresetDto } from '@/lib/domain/wall';

const send = sendForError;

export const wallCommand = (c: WallCommand) => send('/api/wall', 'POST', c);

/** Save what the wall shows now (its layout, the camera of each tile) under `name`; same name overwrites. */
export const saveWallPreset = (name: string, layout: number, cameraIds: string[]) => send('/api/wall/presets', 'POST', { name, layout, cameraIds });

export const loadWallPreset = (id: string) => send(`/api/wall/presets/${encodeURIComponent(id)}/load`, 'POST');

export const deleteWallPreset = (id: string) => send(`/api/wall/presets/${encodeURIComponent(id)}`, 'DELETE');

export async function fetchWallPresets(signal?: AbortSignal): Promise<WallPresetDto[] | null> {
  try {
    const res = await fetch('/api/wall/presets', { cache: 'no-store', signal });
    if (!res.ok) return null;
    const body = (await res.json()) as { presets?: unknown[] };
    return (body.presets ?? []).flatMap((p) => {
      const r = ZWallPresetDto.safeParse(p);
      return r.success ? [r.data] : [];
    });
  } catch {
    return null;
  }
}
