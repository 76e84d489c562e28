import { z } from 'zod';
import { defineRoute } from '@/lib/api/define-route';
import { deleteRoute, listRoute } from '@/lib/api/resource-routes';
import { ZAlertAreaDto, ZGisLayerDto, ZGisLayerName } from '@/lib/domain/gis-layer';
import { can } from '@/lib/policy/route-policy';
import { deleteGisLayer, gisLayerFeatures, listGisLayers } from './gis-layer-rows';
import { importGisLayer } from './import-gis-layer';
import { listAlertAreas } from './list-alert-areas';
import { GIS_CONTENT_TYPES } from './parse-gis-file';

const admin = can('admin.manage');
const view = can('console.view');

export const gisRoutes = [
  listRoute({
    path: '/api/gis/layers',
    operationId: 'listGisLayers',
    summary: "The agency's imported GIS layers (names, counts, extents; no features)",
    policy: view,
    key: 'layers',
    item: ZGisLayerDto,
    list: listGisLayers,
  }),
  defineRoute({
    method: 'GET',
    path: '/api/gis/layers/[id]',
    operationId: 'getGisLayerFeatures',
    summary: "One layer's features as a GeoJSON FeatureCollection",
    policy: view,
    response: { contentType: 'application/geo+json' },
    errors: [404],
    handle: async ({ rt, user, params }) =>
      new Response(await gisLayerFeatures(rt.pool, user.agencyId, params.id!), { headers: { 'content-type': 'application/geo+json', 'cache-control': 'private, no-cache' } }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/admin/gis/layers',
    operationId: 'importGisLayer',
    summary: 'Import a GeoJSON, KML or zipped shapefile as a named layer (400 names what is wrong; nothing stored then)',
    policy: admin,
    query: z.strictObject({ name: ZGisLayerName, fileName: z.string().max(200).default('upload') }),
    rawBody: { contentTypes: GIS_CONTENT_TYPES, description: 'GeoJSON (FeatureCollection, Feature or geometry), KML, or a zipped shapefile (.shp + .dbf + .prj)' },
    response: { status: 201, schema: z.object({ layer: ZGisLayerDto }) },
    errors: [409, 413],
    handle: async ({ rt, user, req, query, ip }) => ({ layer: await importGisLayer(rt.pool, user, req, query, ip) }),
  }),
  deleteRoute({
    path: '/api/admin/gis/layers/[id]',
    operationId: 'deleteGisLayer',
    summary: 'Delete an imported GIS layer',
    policy: admin,
    remove: deleteGisLayer,
  }),
  listRoute({
    path: '/api/gis/alert-areas',
    operationId: 'listAlertAreas',
    summary: 'Areas of the CAP alerts received over the last 24 hours, for the map',
    policy: view,
    key: 'areas',
    item: ZAlertAreaDto,
    list: listAlertAreas,
  }),
];
