import type { Metadata } from 'next';
import { GEOFENCE_KINDS } from '@/lib/domain/geofence';
import { listGeofences } from '@/lib/geofences/list-geofences';
import { requirePageUser } from '@/lib/policy/require-page-user';
import { runtime } from '@/lib/platform/runtime';
import { PageHeader } from '../_ui/page-header';
import { GeofencesManager, type GeofenceSummary } from './geofences-manager';

export const metadata: Metadata = { title: 'Geofences' };

export default async function GeofencesPage() {
  const user = await requirePageUser('/admin/geofences');
  const geofences = await listGeofences(runtime().pool, user.agencyId);
  // The page needs a summary, not every vertex of a jurisdiction boundary shipped to the browser.
  const rows: GeofenceSummary[] = geofences.map((g) => {
    const outer = g.polygon.coordinates[0] ?? [];
    const lons = outer.map((p) => p[0]);
    const lats = outer.map((p) => p[1]);
    return {
      id: g.id,
      name: g.name,
      kind: g.kind,
      vertices: Math.max(0, outer.length - 1),
      holes: g.polygon.coordinates.length - 1,
      bbox: [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)],
      createdAt: g.createdAt,
    };
  });
  return (
    <div className="h-full overflow-auto p-6">
      <PageHeader title="Geofences">
        Areas rules can test (an event inside a school zone, a unit leaving the jurisdiction). Paste a GeoJSON Polygon
        (lon, lat order), or a Feature holding one, as exported by geojson.io or a GIS.
      </PageHeader>
      <GeofencesManager geofences={rows} kinds={[...GEOFENCE_KINDS]} />
    </div>
  );
}
