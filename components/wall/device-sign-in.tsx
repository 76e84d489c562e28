'use client';

import { useEffect, useState } from 'react';

/** Kept on the wall workstation so the kiosk signs itself in again after its session ends (expiry, server restart). */
export const DEVICE_TOKEN_KEY = 'rtcc.wall-device-token';
const MAX_WAIT_MS = 60_000;

/**
 * Signs a kiosk in with its device token (from `#token=…`, else the one remembered from last time), then opens the
 * kiosk wall. Nobody stands at a wall: failures never show a dialog, they say what is wrong on screen and retry
 * with a growing pause (a server that is restarting, a network that is down).
 */
export function DeviceSignIn() {
  const [status, setStatus] = useState('Signing in…');
  useEffect(() => {
    const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
    if (fromHash) {
      window.localStorage.setItem(DEVICE_TOKEN_KEY, fromHash);
      // Out of the address bar and the history: the token is a credential.
      window.history.replaceState(null, '', window.location.pathname);
    }
    const token = fromHash ?? window.localStorage.getItem(DEVICE_TOKEN_KEY);
    let failures = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const attempt = async () => {
      if (!token) return setStatus('No device token: start this screen with /wall/device#token=<the wall device token>.');
      try {
        const res = await fetch('/api/auth/device', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
        if (res.ok) return window.location.replace('/wall?kiosk=1');
        setStatus(res.status === 401 || res.status === 400 ? 'This wall device token was refused (revoked?). Retrying…' : `Server answered ${res.status}. Retrying…`);
      } catch {
        setStatus('Server unreachable. Retrying…');
      }
      if (stopped) return;
      failures++;
      timer = setTimeout(() => void attempt(), Math.min(MAX_WAIT_MS, 1000 * 2 ** failures));
    };
    void attempt();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);
  return (
    <main className="grid h-dvh cursor-none place-items-center bg-black">
      <p role="status" className="text-sm text-ink-muted" data-testid="device-status">
        {status}
      </p>
    </main>
  );
}
