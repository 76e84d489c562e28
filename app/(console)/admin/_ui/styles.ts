/** Form and table classes shared by the admin pages, in the console's dark control-room look (app/globals.css). */
export const INPUT = 'rounded-md border border-line bg-panel-raised px-2 py-1.5 text-sm text-ink placeholder:text-ink-muted/70 aria-invalid:border-danger';
export const LABEL = 'flex flex-col gap-1 text-xs font-semibold tracking-wide text-ink-muted uppercase';
export const PANEL = 'rounded-lg border border-line bg-panel p-4';
export const TH = 'border-b border-line px-3 py-2 text-left text-xs font-semibold tracking-wide text-ink-muted uppercase';
export const TD = 'border-b border-line/50 px-3 py-2 align-middle';
export const LINK_BUTTON = 'text-sm font-semibold text-accent hover:underline disabled:text-ink-muted';
export const DANGER_BUTTON = 'text-sm font-semibold text-red-300 hover:underline disabled:text-ink-muted';

/** `2026-11-25 14:03:22` in UTC, or a dash: operators compare these with CAD logs, which are UTC too. */
export function utc(iso: string | null): string {
  return iso ? iso.replace('T', ' ').slice(0, 19) : '—';
}
