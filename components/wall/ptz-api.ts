/** Client calls for PTZ control. Each resolves to an error message (null on success) — never throws. */
import { sendForError } from '@/components/api/send-json';
import { ZPtzPresetDto, type PtzPresetDto } from '@/lib/domain/ptz';

const base = (cameraId: string) => `/api/cameras/${encodeURIComponent(cameraId)}/ptz`;

const post = (url: string, body?: unknown) => sendForError(url, 'POST', body);

export const ptzMove = (cameraId: string, v: { pan?: number; tilt?: number; zoom?: number }) => post(`${base(cameraId)}/move`, { ...v, timeoutMs: 5000 });
export const ptzStop = (cameraId: string) => post(`${base(cameraId)}/stop`);
export const ptzGoto = (cameraId: string, token: string) => post(`${base(cameraId)}/preset`, { token });

export async function fetchPtzPresets(cameraId: string, signal?: AbortSignal): Promise<PtzPresetDto[] | string> {
  try {
    const res = await fetch(`${base(cameraId)}/presets`, { cache: 'no-store', signal });
    const body = (await res.json().catch(() => null)) as { presets?: unknown[]; error?: unknown } | null;
    if (!res.ok) return typeof body?.error === 'string' ? body.error : `HTTP ${res.status}`;
    return (body?.presets ?? []).flatMap((p) => {
      const r = ZPtzPresetDto.safeParse(p);
      return r.success ? [r.data] : [];
    });
  } catch (err) {
    return err instanceof Error ? err.message : 'network error';
  }
}
