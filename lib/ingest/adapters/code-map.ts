import type { EventKind } from '@/lib/domain/event';

/** What a source's code means in the console: the type code to store, its title, its priority. */
export interface CodeMeaning {
  category: string;
  description: string;
  priority: number | null;
}

/**
 * Codes compare without case and with spaces, underscores and dashes alike: exports of one provider write
 * `Multiple_Gunshots`, `Multiple Gunshots` and `MULTIPLE-GUNSHOTS`, and all three are the same classification.
 */
export function normaliseCode(code: string): string {
  return code.trim().toLowerCase().replace(/[\s_-]+/g, ' ');
}

/**
 * What the console knows without any code map, per kind: acoustic gunshot classifications (multiple shots are
 * the likelier shooting). A source's own code map overrides these.
 */
const BUILT_IN: Partial<Record<EventKind, Record<string, CodeMeaning>>> = {
  gunshot: {
    'multiple gunshots': { category: 'Multiple_Gunshots', description: 'Multiple gunshots', priority: 1 },
    'multiple gunshot': { category: 'Multiple_Gunshots', description: 'Multiple gunshots', priority: 1 },
    gunfire: { category: 'Multiple_Gunshots', description: 'Gunfire', priority: 1 },
    'probable gunfire': { category: 'Multiple_Gunshots', description: 'Probable gunfire', priority: 1 },
    'single gunshot': { category: 'Single_Gunshot', description: 'Single gunshot', priority: 2 },
    'possible gunshot': { category: 'Single_Gunshot', description: 'Possible gunshot', priority: 2 },
    // A detection the provider did not classify (SF's export: 70 % of rows) is still a detection: known, P3.
    unclassified: { category: 'Unclassified', description: 'Gunshot (unclassified)', priority: 3 },
  },
};

export type CodeLookup = (code: string) => CodeMeaning | null;

/** A lookup over a source's code map (exact rows, any spelling of the code) then the kind's built-in meanings. */
export function codeLookup(kind: EventKind, rows: readonly ({ code: string } & CodeMeaning)[]): CodeLookup {
  const own = new Map(rows.map((r) => [normaliseCode(r.code), { category: r.category, description: r.description, priority: r.priority }]));
  const builtIn = BUILT_IN[kind] ?? {};
  // A file repeats a handful of codes over and over: each spelling is normalised once (bounded, for odd files).
  const seen = new Map<string, CodeMeaning | null>();
  return (code) => {
    const hit = seen.get(code);
    if (hit !== undefined) return hit;
    const key = normaliseCode(code);
    const meaning = own.get(key) ?? builtIn[key] ?? null;
    if (seen.size < 10_000) seen.set(code, meaning);
    return meaning;
  };
}
