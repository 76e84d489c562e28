import 'server-only';
import type { FileHandle } from 'node:fs/promises';
import { PMTiles, TileType, type Source } from 'pmtiles';
import { AppError } from '@/lib/platform/errors/app-error';

/** What the console needs from an archive's header to draw it. */
export interface PmtilesInfo {
  minZoom: number;
  maxZoom: number;
  /** West, south, east, north. */
  bounds: [number, number, number, number];
}

/** The Protomaps (v4 schema) layers the console's street style draws: an archive without them would draw nothing. */
const NEEDED_LAYERS = ['earth', 'roads', 'water'];

const bad = (message: string) => new AppError('BAD_REQUEST', message, [{ path: 'file', message }]);

/** pmtiles' own reader over a local file: the header and metadata are parsed by the library the browser uses. */
function fileSource(fh: FileHandle, size: number): Source {
  return {
    getKey: () => 'upload',
    async getBytes(offset, length) {
      if (offset < 0 || offset + length > size) throw bad(`the archive points past its end (byte ${offset + length} of ${size})`);
      const buf = Buffer.alloc(length);
      const { bytesRead } = await fh.read(buf, 0, length, offset);
      return { data: buf.buffer.slice(buf.byteOffset, buf.byteOffset + bytesRead) as ArrayBuffer };
    },
  };
}

/**
 * Validate an uploaded .pmtiles by reading it as a client would: the 127-byte header (magic "PMTiles", spec
 * version 3), its sections inside the file, vector tiles (MVT), zooms and bounds in range, and metadata naming the
 * Protomaps basemap layers the street style draws. Anything else is a 400 naming what is wrong.
 */
export async function readPmtilesInfo(fh: FileHandle, size: number): Promise<PmtilesInfo> {
  if (size < 127) throw bad('not a PMTiles archive (shorter than its 127-byte header)');
  const magic = Buffer.alloc(7);
  await fh.read(magic, 0, 7, 0);
  if (magic.toString('latin1') !== 'PMTiles') throw bad('not a PMTiles archive (no "PMTiles" magic at the start)');
  const archive = new PMTiles(fileSource(fh, size));
  let h;
  try {
    h = await archive.getHeader();
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw bad(`unreadable PMTiles header: ${(err as Error).message}`);
  }
  if (h.specVersion !== 3) throw bad(`PMTiles spec version ${h.specVersion} is not supported (3 is)`);
  for (const [name, off, len] of [['root directory', h.rootDirectoryOffset, h.rootDirectoryLength], ['metadata', h.jsonMetadataOffset, h.jsonMetadataLength], ['tile data', h.tileDataOffset, h.tileDataLength]] as const) {
    if (off + (len ?? 0) > size) throw bad(`the archive's ${name} ends past the end of the file (truncated upload?)`);
  }
  if (h.tileType !== TileType.Mvt) throw bad('the archive holds raster tiles: a vector (MVT) street map is needed');
  if (!(h.minZoom >= 0 && h.maxZoom <= 16 && h.minZoom <= h.maxZoom)) throw bad(`zooms ${h.minZoom}–${h.maxZoom} are out of range (0–16)`);
  const bounds: [number, number, number, number] = [h.minLon, h.minLat, h.maxLon, h.maxLat];
  if (!(h.minLon >= -180 && h.maxLon <= 180 && h.minLat >= -90 && h.maxLat <= 90 && h.minLon < h.maxLon && h.minLat < h.maxLat)) {
    throw bad(`bounds ${bounds.join(', ')} are not a valid west, south, east, north box`);
  }
  let meta: { vector_layers?: { id?: unknown }[] };
  try {
    meta = (await archive.getMetadata()) as typeof meta;
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw bad(`unreadable metadata: ${(err as Error).message}`);
  }
  const layers = new Set((meta.vector_layers ?? []).map((l) => String(l.id)));
  const missing = NEEDED_LAYERS.filter((l) => !layers.has(l));
  if (missing.length) throw bad(`not a Protomaps basemap: layers ${missing.join(', ')} are missing (it has ${[...layers].join(', ') || 'none'})`);
  return { minZoom: h.minZoom, maxZoom: h.maxZoom, bounds };
}
