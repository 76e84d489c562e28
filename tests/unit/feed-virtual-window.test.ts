import { describe, expect, it } from 'vitest';
import { anchoredScrollTop, visibleRows } from '@/components/feed/use-virtual-window';

describe('feed virtual window', () => {
  it('renders the rows on screen plus the overscan, never before the first row', () => {
    expect(visibleRows(0, 400, 64, 6)).toEqual({ start: 0, end: 13 }); // 6.25 rows visible → 7, + 6
    expect(visibleRows(640, 400, 64, 6)).toEqual({ start: 4, end: 23 }); // rows 10–16 visible
    expect(visibleRows(650, 400, 64, 0)).toEqual({ start: 10, end: 17 });
  });

  it('keeps the row being read in place when newer rows arrive above it', () => {
    const before = ['s9', 's8', 's7', 's6'];
    const anchor = { key: 's7', offset: 10 }; // scrolled 10 px into row 2
    expect(anchoredScrollTop(before, anchor, 64, 2 * 64 + 10)).toBeNull(); // nothing moved
    const after = ['s12', 's11', 's10', ...before];
    expect(anchoredScrollTop(after, anchor, 64, 2 * 64 + 10)).toBe(5 * 64 + 10);
  });

  it('lets go when the row being read fell off the end of the feed', () => {
    expect(anchoredScrollTop(['s20', 's19'], { key: 's7', offset: 0 }, 64, 128)).toBeNull();
  });
});
