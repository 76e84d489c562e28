// Copies MapLibre's web worker into public/: maplibre-gl 6 does not bundle it, and the map loads it
// from /maplibre-gl-worker.mjs (see components/map/live-map.tsx). Run from postinstall.
// Plain Node ESM with no dependencies, so it runs before anything else is built.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'node_modules', 'maplibre-gl', 'dist', 'maplibre-gl-worker.mjs');
const target = join(root, 'public', 'maplibre-gl-worker.mjs');

if (!existsSync(source)) {
  console.error(`copy-maplibre-worker: ${source} not found; is maplibre-gl installed?`);
  process.exit(1);
}
mkdirSync(dirname(target), { recursive: true });
copyFileSync(source, target);
console.log('copy-maplibre-worker: public/maplibre-gl-worker.mjs');
