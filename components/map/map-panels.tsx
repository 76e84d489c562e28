'use client';

import { useState, type ReactNode } from 'react';

/**
 * The map's legend and layer panels. On a wall workstation (≥ 1280 px, mouse) they stay open in the corner; on a
 * tablet they covered most of a portrait map, so there they fold behind one 44 px button and open on demand.
 */
export function MapPanels({ children, className = '' }: { children: ReactNode; className?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <div className={`flex flex-col items-start gap-2 ${className}`}>
      <div className={`${open ? 'flex' : 'hidden'} max-h-[calc(100dvh-12rem)] flex-col items-start gap-2 overflow-y-auto xl:pointer-fine:flex xl:pointer-fine:max-h-none xl:pointer-fine:flex-row xl:pointer-fine:items-end xl:pointer-fine:overflow-visible`} data-testid="map-panels">
        {children}
      </div>
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        className="min-h-11 rounded-md border border-line bg-panel/90 px-3 text-sm font-semibold shadow-lg backdrop-blur-sm xl:pointer-fine:hidden"
      >
        {open ? 'Hide legend & layers' : 'Legend & layers'}
      </button>
    </div>
  );
}
