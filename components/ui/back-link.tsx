'use client';

import { useSyncExternalStore } from 'react';

const noSubscription = () => () => {};

/** "Back" when there is somewhere to go back to, and the start page; marks the page as running once hydrated. */
export function BackLink() {
  // null while server-rendered; the browser's answer once React runs (which the strict CSP must allow).
  const canGoBack = useSyncExternalStore(noSubscription, () => window.history.length > 1, () => null);
  return (
    <p className="mt-2 flex gap-4 text-sm" data-testid="not-found-links" data-hydrated={canGoBack !== null ? 'true' : undefined}>
      {canGoBack && (
        <button type="button" className="underline underline-offset-2" onClick={() => window.history.back()}>
          Back
        </button>
      )}
      <a href="/" className="underline underline-offset-2">
        Start page
      </a>
    </p>
  );
}
