/** Client calls for PTZ control. Each resolves to an error message (null on success) — never throws. */
import { ZPtzPresetDto, type PtzPresetDto } from '@/lib/domain/ptz';

const base = (cameraId: string) => `/api/cameras/${encodeURIComponent(cameraId)}/ptz`;

async function post(url: string, body?: unknown): Promise<string | null> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
    if (res.ok) return null;
    const data = (await res.json().catch(() => null)) as { error?: unknown } | null;
    return typeof data?.error === 'string' ? data.error : `HTTP ${res.status}`;
  } catch (err) {
    return err instanceof Error ? err.message : 'network error';
  }
}

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
