import { errorResponse } from '@/lib/platform/errors/error-response';
import { buildOpenApi } from '@/lib/platform/openapi/build-openapi';

// Public: the API's shape is no secret, and clients generate code from it.
export const dynamic = 'force-dynamic';

export function GET(): Response {
  try {
    return Response.json(buildOpenApi(), { headers: { 'cache-control': 'public, max-age=300' } });
  } catch (err) {
    return errorResponse(err);
  }
}
