// shpjs 6.2.0 ships no types: the one call used (a zipped shapefile as an ArrayBuffer → GeoJSON, one
// FeatureCollection per layer, an array of them when the zip holds several).
declare module 'shpjs' {
  type FeatureCollection = { type: 'FeatureCollection'; features: unknown[]; fileName?: string };
  export default function shp(input: ArrayBuffer | Uint8Array): Promise<FeatureCollection | FeatureCollection[]>;
}
