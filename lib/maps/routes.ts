import { defineRoute } from '@/lib/api/define-route';
import { noContent } from '@/lib/api/responses';
import { can } from '@/lib/policy/route-policy';
import { deleteAgencyBasemap, getAgencyBasemap, uploadAgencyBasemap, ZBasemapUploadQuery } from './agency-basemap';
import { updateAttribution, ZAttribution } from './map-credits';
import { serveAgencyBasemap } from './serve-basemap';

const admin = can('admin.manage');

export const mapRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/basemap/[file]',
    operationId: 'getAgencyBasemapFile',
    summary: "The user's agency's own street map (.pmtiles), with HTTP Range (206), as the map's pmtiles protocol reads it",
    policy: can('console.view'),
    response: { contentType: 'application/vnd.pmtiles' },
    errors: [404, 416],
    handle: ({ rt, user, params, req }) => serveAgencyBasemap(rt, user, params.file!, req),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/admin/agency/basemap',
    operationId: 'getOwnAgencyBasemap',
    summary: "The agency's own street map, if it uploaded one (null: the bundled one or MAP_STYLE_URL)",
    policy: admin,
    handle: async ({ rt, user }) => ({ basemap: await getAgencyBasemap(rt.pool, user.agencyId) }),
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/admin/agency/basemap',
    operationId: 'putOwnAgencyBasemap',
    summary: 'Upload the agency\'s street map: a Protomaps (v4) .pmtiles, at most BASEMAP_MAX_BYTES, validated by its header; replaces the previous one',
    policy: admin,
    query: ZBasemapUploadQuery,
    rawBody: { contentTypes: ['application/vnd.pmtiles', 'application/octet-stream'], description: 'The .pmtiles archive' },
    errors: [413],
    handle: ({ rt, user, req, query, ip }) => uploadAgencyBasemap(rt, user, req, query, ip),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/api/admin/agency/basemap',
    operationId: 'deleteOwnAgencyBasemap',
    summary: 'Remove the agency\'s own street map (back to the bundled one, or MAP_STYLE_URL)',
    policy: admin,
    response: { status: 204 },
    errors: [404],
    handle: async ({ rt, user, ip }) => (await deleteAgencyBasemap(rt, user, ip), noContent()),
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/admin/agency/attribution',
    operationId: 'putAgencyAttribution',
    summary: "The credit the map shows for the agency's own data (e.g. \"DataSF\"); blank: none",
    policy: admin,
    body: ZAttribution,
    bodyLimit: 4 * 1024,
    handle: ({ rt, user, body, ip }) => updateAttribution(rt.pool, user, { kind: 'agency' }, body, ip),
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/admin/sources/[id]/attribution',
    operationId: 'putSourceAttribution',
    summary: "The credit the map shows for one source's data (its publisher and licence); blank: none",
    policy: admin,
    body: ZAttribution,
    bodyLimit: 4 * 1024,
    errors: [404],
    handle: ({ rt, user, params, body, ip }) => updateAttribution(rt.pool, user, { kind: 'source', id: params.id! }, body, ip),
  }),
];
