'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';

/**
 * Ends the session on the server, then reloads into /login. A full page load rather than a client
 * navigation: it closes the socket and discards the in-memory events of this session, which matters
 * on a shared workstation.
 */
export function SignOutButton() {
  const [busy, setBusy] = useState(false);

  async function signOut() {
    setBusy(true);
    try {
      await fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin' });
    } catch {
      // Even if the server is unreachable, leave: the login page is the right place either way.
    }
    window.location.assign('/login');
  }

  return (
    <Button variant="ghost" onClick={signOut} disabled={busy} className="whitespace-nowrap pointer-coarse:min-h-11">
      {busy ? 'Signing out…' : 'Sign out'}
    </Button>
  );
}
