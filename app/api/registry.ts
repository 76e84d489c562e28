import { buildOpenApi } from '@/lib/api/build-openapi';
import { defineRoute, type AnyRoute } from '@/lib/api/define-route';
import { agencyRoutes } from '@/lib/agencies/routes';
import { auditRoutes } from '@/lib/audit/routes';
import { oidcRoutes } from '@/lib/auth/oidc/routes';
import { authRoutes } from '@/lib/auth/routes';
import { briefRoutes } from '@/lib/briefs/routes';
import { cameraRoutes } from '@/lib/cameras/routes';
import { dashboardRoutes } from '@/lib/dashboard/routes';
import { communityRoutes } from '@/lib/evidence/community/routes';
import { caseRoutes } from '@/lib/evidence/routes';
import { shareRoutes } from '@/lib/evidence/share/routes';
import { geofenceRoutes } from '@/lib/geofences/routes';
import { gisRoutes } from '@/lib/gis/routes';
import { incidentRoutes } from '@/lib/incidents/routes';
import { ingestRoutes } from '@/lib/ingest/routes';
import { lprRoutes } from '@/lib/lpr/routes';
import { mapRoutes } from '@/lib/maps/routes';
import { noteRoutes } from '@/lib/notes/routes';
import { pub } from '@/lib/policy/route-policy';
import { ptzRoutes } from '@/lib/ptz/routes';
import { reportRoutes } from '@/lib/reports/routes';
import { ruleRoutes } from '@/lib/rules/routes';
import { searchRoutes } from '@/lib/search/routes';
import { importRoutes } from '@/lib/sources/imports/routes';
import { sourceRoutes } from '@/lib/sources/routes';
import { unitRoutes } from '@/lib/units/routes';
import { userRoutes } from '@/lib/users/routes';
import { wallDeviceRoutes } from '@/lib/users/wall-devices/routes';
import { videoRoutes } from '@/lib/video/routes';
import { wallRoutes } from '@/lib/wall/routes';
import pkg from '../../package.json';
import { systemRoutes } from './system-routes';

/**
 * EVERY HTTP route of the console, each declared once in its feature (policy + zod input + handler). This list
 * feeds the dispatcher (app/api/[...path]/route.ts, app/streams/[...path]/route.ts), the route × role matrix test
 * and the OpenAPI document below. Adding a route: declare it in its feature's routes.ts and list the feature here.
 */
const FEATURE_ROUTES: readonly AnyRoute[] = [
  ...systemRoutes,
  ...authRoutes,
  ...oidcRoutes,
  ...ingestRoutes,
  ...incidentRoutes,
  ...noteRoutes,
  ...reportRoutes,
  ...briefRoutes,
  ...dashboardRoutes,
  ...unitRoutes,
  ...cameraRoutes,
  ...ptzRoutes,
  ...videoRoutes,
  ...wallRoutes,
  ...searchRoutes,
  ...caseRoutes,
  ...shareRoutes,
  ...communityRoutes,
  ...agencyRoutes,
  ...sourceRoutes,
  ...importRoutes,
  ...lprRoutes,
  ...geofenceRoutes,
  ...gisRoutes,
  ...mapRoutes,
  ...ruleRoutes,
  ...userRoutes,
  ...wallDeviceRoutes,
  ...auditRoutes,
];

let openApi: Record<string, unknown> | null = null;

const openApiRoute = defineRoute({
  method: 'GET',
  path: '/api/openapi.json',
  operationId: 'getOpenApi',
  summary: 'This document: the API as OpenAPI 3.1, generated from the route declarations',
  // Public: the API's shape is no secret, and clients generate code from it.
  policy: pub,
  handle: async () => {
    openApi ??= buildOpenApi(ROUTES, pkg.version);
    return Response.json(openApi, { headers: { 'cache-control': 'public, max-age=300' } });
  },
});

export const ROUTES: readonly AnyRoute[] = [...FEATURE_ROUTES, openApiRoute];
