// Copies MapLibre's web worker into public/: maplibre-gl 6 does not bundle it, and the map loads it
// from /maplibre-gl-worker.mjs (see components/map/live-map.tsx). Also copies the street map's label fonts
// (Noto Sans, OFL, from the pinned @fontsource/noto-sans) to public/basemap/fonts/: labels are drawn from these
// files, never from a glyph server (components/map/basemap-style.ts). Run from postinstall.
// Plain Node ESM with no dependencies, so it runs before anything else is built.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const copies = [
  [join('maplibre-gl', 'dist', 'maplibre-gl-worker.mjs'), 'maplibre-gl-worker.mjs'],
  ...['400-normal', '500-normal', '400-italic'].flatMap((face) =>
    ['latin', 'latin-ext'].map((subset) => [
      join('@fontsource', 'noto-sans', 'files', `noto-sans-${subset}-${face}.woff2`),
      join('basemap', 'fonts', `noto-sans-${subset}-${face}.woff2`),
    ]),
  ),
];

for (const [from, to] of copies) {
  const source = join(root, 'node_modules', from);
  const target = join(root, 'public', to);
  if (!existsSync(source)) {
    console.error(`copy-maplibre-worker: ${source} not found; is it installed?`);
    process.exit(1);
  }
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(source, target);
}
console.log(`copy-maplibre-worker: ${copies.map(([, to]) => `public/${to}`).join(', ')}`);
