/** When this tab last reloaded itself for a newer console (sessionStorage: per tab, survives the reload). */
const KEY = 'rtcc.outdatedReloadAt';
/** A second mismatch this soon after a reload is not fixed by another one (a stale cache, a mixed cluster). */
const AGAIN_AFTER_MS = 60_000;

/**
 * The server was updated since this page loaded (live-connection.ts `onOutdated`): load its current console. At
 * most once a minute per tab: if the reloaded page still disagrees, the connection indicator says so and the
 * operator decides, instead of a wall reloading in a loop.
 */
export function reloadForCurrentConsole(): void {
  let last = 0;
  try {
    last = Number(sessionStorage.getItem(KEY) ?? 0);
    sessionStorage.setItem(KEY, String(Date.now()));
  } catch {
    // Storage refused (a locked-down kiosk profile): reload once per page load still holds.
  }
  if (Date.now() - last < AGAIN_AFTER_MS) return;
  window.location.reload();
}
