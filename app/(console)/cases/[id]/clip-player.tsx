'use client';

import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';

const hex = (buf: ArrayBuffer) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');

type State = { kind: 'idle' } | { kind: 'busy' } | { kind: 'verified'; url: string } | { kind: 'failed'; message: string };

/**
 * Plays a recorded MP4 clip (fMP4 camera recordings are one fragmented MP4) only after hashing the exact bytes it
 * plays in the browser and comparing them with the SHA-256 recorded when the clip was stored: what is watched is
 * shown to be the evidence. The download itself is verified by the server too, and logged in the chain of custody.
 */
export function ClipPlayer({ href, sha256, title }: { href: string; sha256: string; title: string }) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const video = useRef<HTMLVideoElement>(null);
  const url = state.kind === 'verified' ? state.url : null;
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);

  async function play() {
    setState({ kind: 'busy' });
    try {
      const res = await fetch(href);
      if (!res.ok) throw new Error((await res.json().catch(() => ({ error: `download failed (${res.status})` })) as { error: string }).error);
      const bytes = await res.arrayBuffer();
      const actual = hex(await crypto.subtle.digest('SHA-256', bytes));
      if (actual !== sha256) throw new Error(`SHA-256 mismatch: recorded ${sha256}, received ${actual}`);
      setState({ kind: 'verified', url: URL.createObjectURL(new Blob([bytes], { type: res.headers.get('content-type') ?? 'video/mp4' })) });
    } catch (err) {
      setState({ kind: 'failed', message: (err as Error).message });
    }
  }

  if (state.kind === 'verified') {
    return (
      <div className="mt-1 flex flex-col gap-1" data-testid="clip-player">
        <video ref={video} src={state.url} controls autoPlay muted playsInline aria-label={`Clip: ${title}`} className="max-h-72 max-w-lg rounded border border-line bg-black" />
        <p className="font-mono text-xs text-emerald-300" data-testid="clip-verified">
          SHA-256 verified: {sha256}
        </p>
      </div>
    );
  }
  return (
    <span className="ml-2 inline-flex items-center gap-2">
      <Button variant="ghost" onClick={() => void play()} disabled={state.kind === 'busy'}>
        {state.kind === 'busy' ? 'Verifying…' : 'Play (verify SHA-256)'}
      </Button>
      {state.kind === 'failed' && (
        <span role="alert" className="text-xs text-red-300">
          {state.message}
        </span>
      )}
    </span>
  );
}
