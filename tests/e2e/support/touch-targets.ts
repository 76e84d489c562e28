import type { Page } from 'playwright-core';

export interface TargetProblem {
  what: string;
  width: number;
  height: number;
}

/**
 * Every interactive element shown on the page that is smaller than `min` px in width or height (WCAG 2.5.5 / Apple
 * HIG 44 px), or that sticks out of the viewport horizontally. A checkbox or radio inside a <label> counts as
 * its label (the label is what a finger taps). The map canvas is excluded: it is one big target.
 */
export async function touchTargetProblems(page: Page, min = 44): Promise<{ small: TargetProblem[]; outside: TargetProblem[]; pageOverflowPx: number }> {
  return page.evaluate((minPx) => {
    const SELECTOR = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [role="option"], [role="tab"], [role="switch"], [role="checkbox"], [tabindex]:not([tabindex="-1"])';
    const describe = (el: Element) => {
      const label = (el.getAttribute('aria-label') || (el as HTMLElement).innerText || el.getAttribute('title') || el.getAttribute('name') || '').trim().replace(/\s+/g, ' ').slice(0, 40);
      return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''} "${label}"`;
    };
    const small: { what: string; width: number; height: number }[] = [];
    const outside: { what: string; width: number; height: number }[] = [];
    const vw = document.documentElement.clientWidth;
    for (const el of document.querySelectorAll(SELECTOR)) {
      if (el.tagName === 'CANVAS' || el.closest('.maplibregl-canvas-container')) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      const input = el as HTMLInputElement;
      const box = (el.tagName === 'INPUT' && (input.type === 'checkbox' || input.type === 'radio') && el.closest('label')) || el;
      const r = box.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue; // not rendered (sr-only, collapsed)
      if (el.closest('[aria-hidden="true"]') || el.classList.contains('sr-only')) continue;
      const w = Math.round(r.width);
      const h = Math.round(r.height);
      if (w < minPx || h < minPx) small.push({ what: describe(el), width: w, height: h });
      if (r.right > vw + 1 || r.left < -1) outside.push({ what: describe(el), width: Math.round(r.left), height: Math.round(r.right) });
    }
    return { small, outside, pageOverflowPx: document.documentElement.scrollWidth - vw };
  }, min);
}
