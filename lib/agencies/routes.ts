import { z } from 'zod';
import { defineRoute } from '@/lib/api/define-route';
import { listRoute } from '@/lib/api/resource-routes';
import { noContent } from '@/lib/api/responses';
import { DISTRICT_KINDS, ZAgencyCreate, ZAgencyPatch } from '@/lib/domain/agency';
import { AppError } from '@/lib/platform/errors/app-error';
import { can } from '@/lib/policy/route-policy';
import { clearAgencyJurisdiction, GIS_CONTENT_TYPES, importDistricts, listDistricts, setAgencyJurisdiction } from './agency-geography';
import { selectAgencies } from './agency-rows';
import { createAgencyShare, listAgencyShares, revokeAgencyShare, ZCreateAgencyShare } from './agency-shares';
import { createAgency } from './create-agency';
import { updateAgency } from './update-agency';

const shares = can('share.manage');
const platform = can('platform.manage');
const admin = can('admin.manage');
const gisFile = { contentTypes: GIS_CONTENT_TYPES, description: 'GeoJSON (FeatureCollection, Feature, Polygon, MultiPolygon), KML, or a zipped shapefile' };
const fileName = z.string().max(200).default('upload');

export const agencyRoutes = [
  listRoute({
    path: '/api/agency-shares',
    operationId: 'listAgencyShares',
    summary: 'Shares this agency made or received',
    policy: shares,
    key: 'shares',
    list: listAgencyShares,
  }),
  defineRoute({
    method: 'POST',
    path: '/api/agency-shares',
    operationId: 'createAgencyShare',
    summary: "Share this agency's layers, cameras, live video or recordings with another agency for a period",
    policy: shares,
    body: ZCreateAgencyShare,
    bodyLimit: 4 * 1024,
    response: { status: 201 },
    errors: [404],
    handle: ({ rt, user, body, ip }) => createAgencyShare(rt, user, body, ip),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/agency-shares/[id]/revoke',
    operationId: 'revokeAgencyShare',
    summary: "Revoke now; the partner's open sockets on this agency's rooms are cut in the same request",
    policy: shares,
    errors: [404],
    handle: ({ rt, user, params, ip }) => revokeAgencyShare(rt, user, params.id!, ip),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/agency-shares/partners',
    operationId: 'listSharePartners',
    summary: 'The other agencies of this deployment (names only): who a share can be made with',
    policy: shares,
    handle: async ({ rt, user }) => {
      const { rows } = await rt.pool.query<{ id: string; name: string }>('SELECT id, name FROM agency WHERE id <> $1 ORDER BY name', [user.agencyId]);
      return { agencies: rows };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/platform/agencies',
    operationId: 'listAgencies',
    summary: 'Every agency of this deployment with its zone, home view and what it holds',
    policy: platform,
    handle: async ({ rt }) => ({ agencies: await selectAgencies(rt.pool) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/platform/agencies',
    operationId: 'createAgency',
    summary: 'Create an agency and (optionally) its first administrator, whose temporary password is in this response only',
    policy: platform,
    body: ZAgencyCreate,
    bodyLimit: 8 * 1024,
    response: { status: 201 },
    errors: [409],
    handle: ({ rt, user, body, ip }) => createAgency(rt.pool, user, body, ip),
  }),
  defineRoute({
    method: 'PATCH',
    path: '/api/platform/agencies/[id]',
    operationId: 'updateAnyAgency',
    summary: 'Rename an agency, change its time zone or home view',
    policy: platform,
    body: ZAgencyPatch,
    bodyLimit: 8 * 1024,
    errors: [404],
    handle: async ({ rt, user, params, body, ip }) => ({ agency: await updateAgency(rt.pool, user, params.id!, body, ip) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/admin/agency',
    operationId: 'getOwnAgency',
    summary: "The admin's agency: name, zone, home view, jurisdiction and districts",
    policy: admin,
    handle: async ({ rt, user }) => ({ agency: (await selectAgencies(rt.pool, user.agencyId))[0], districts: await listDistricts(rt.pool, user.agencyId) }),
  }),
  defineRoute({
    method: 'PATCH',
    path: '/api/admin/agency',
    operationId: 'updateOwnAgency',
    summary: "Rename the admin's agency, change its time zone or the view the map opens on",
    policy: admin,
    body: ZAgencyPatch,
    bodyLimit: 8 * 1024,
    handle: async ({ rt, user, body, ip }) => ({ agency: await updateAgency(rt.pool, user, user.agencyId, body, ip) }),
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/admin/agency/jurisdiction',
    operationId: 'putAgencyJurisdiction',
    summary: "The agency's jurisdiction from a GeoJSON, KML or zipped shapefile (every polygon in it); events outside are flagged",
    policy: admin,
    query: z.strictObject({ fileName }),
    rawBody: gisFile,
    errors: [413],
    handle: ({ rt, user, req, query, ip }) => setAgencyJurisdiction(rt.pool, user, req, query.fileName, ip),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/api/admin/agency/jurisdiction',
    operationId: 'clearAgencyJurisdiction',
    summary: 'The agency has no jurisdiction (no extent check)',
    policy: admin,
    response: { status: 204 },
    handle: async ({ rt, user, ip }) => (await clearAgencyJurisdiction(rt.pool, user, ip), noContent()),
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/admin/agency/districts',
    operationId: 'putAgencyDistricts',
    summary: "Replace the agency's districts or beats with a file's polygons (GeoJSON, KML or zipped shapefile)",
    policy: admin,
    query: z.strictObject({ kind: z.enum(DISTRICT_KINDS), fileName, codeProperty: z.string().max(100).default(''), nameProperty: z.string().max(100).default('') }),
    rawBody: gisFile,
    errors: [413],
    handle: ({ rt, user, req, query, ip }) => importDistricts(rt.pool, user, req, query, ip),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/admin/agency/districts/[id]',
    operationId: 'getAgencyDistrict',
    summary: 'One district or beat with its polygon',
    policy: admin,
    errors: [404],
    handle: async ({ rt, user, params }) => {
      const { rows } = await rt.pool.query('SELECT id, kind, code, name, geometry FROM agency_district WHERE id::text = $1 AND agency_id = $2', [params.id, user.agencyId]);
      if (!rows[0]) throw new AppError('NOT_FOUND', 'No such district');
      return { district: rows[0] };
    },
  }),
];
