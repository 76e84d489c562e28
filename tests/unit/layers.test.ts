import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layers of lib/ (docs/ARCHITECTURE.md): what each may import. Lower layers never import higher ones; a route
 * declaration file (`routes.ts`) belongs to the API surface, above its own folder, and only those import lib/api.
 */
const SECURITY = ['platform', 'domain', 'policy', 'auth', 'audit'];
const RULES: { layer: string; match: (file: string) => boolean; may: readonly string[] }[] = [
  { layer: 'domain', match: (f) => f.startsWith('lib/domain/'), may: ['domain'] },
  { layer: 'platform', match: (f) => f.startsWith('lib/platform/'), may: ['platform', 'domain'] },
  { layer: 'security', match: (f) => /^lib\/(policy|auth|audit)\//.test(f) && !isRoutes(f), may: SECURITY },
  { layer: 'api', match: (f) => f.startsWith('lib/api/'), may: [...SECURITY, 'api'] },
  { layer: 'ingest adapters', match: (f) => f.startsWith('lib/ingest/adapters/'), may: ['platform', 'domain', 'ingest/adapters'] },
  { layer: 'realtime', match: (f) => f.startsWith('lib/realtime/'), may: [...SECURITY, 'realtime'] },
  // The one forbidden arrow of the pipeline: the correlator reads committed rows, it never calls ingest.
  { layer: 'correlate', match: (f) => f.startsWith('lib/correlate/'), may: ['*', '!ingest'] },
];
const isRoutes = (f: string) => path.basename(f) === 'routes.ts';

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** Imports of a file as repository paths (lib/x/y), for `@/` and relative specifiers. */
function imports(file: string): string[] {
  const src = fs.readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of src.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
    const spec = m[1]!;
    if (spec.startsWith('@/')) out.push(spec.slice(2));
    else if (spec.startsWith('.')) out.push(path.normalize(path.join(path.dirname(file), spec)));
  }
  return out;
}

/** `lib/ingest/adapters/x` → 'ingest/adapters'; `lib/cameras/x` → 'cameras'; `app/...` → 'app'. */
function areaOf(target: string): string {
  if (!target.startsWith('lib/')) return target.split('/')[0]!;
  const parts = target.split('/');
  if (parts[1] === 'ingest' && parts[2] === 'adapters') return 'ingest/adapters';
  return parts[1]!;
}

function allowed(may: readonly string[], area: string): boolean {
  if (may.includes(`!${area}`)) return false;
  return may.includes('*') || may.includes(area);
}

describe('lib/ layers', () => {
  const all = files('lib');

  it('nothing below imports upward', () => {
    const bad: string[] = [];
    for (const f of all) {
      const rule = RULES.find((r) => r.match(f));
      if (!rule) continue;
      for (const t of imports(f)) {
        const area = areaOf(t);
        if (!t.startsWith('lib/')) {
          if (['app', 'components'].includes(area)) bad.push(`${f} → ${t} (lib never imports the UI or app/)`);
          continue;
        }
        if (!allowed(rule.may, area)) bad.push(`${f} → ${t} (${rule.layer} may import ${rule.may.join(', ')})`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('only route declarations (routes.ts) use the route wrapper, and nothing in lib imports app/ or components/', () => {
    const bad = all.filter((f) => !f.startsWith('lib/api/') && !isRoutes(f) && imports(f).some((t) => t.startsWith('lib/api/')));
    expect(bad).toEqual([]);
    const ui = all.filter((f) => imports(f).some((t) => t.startsWith('app/') || t.startsWith('components/')));
    expect(ui).toEqual([]);
  });
});
