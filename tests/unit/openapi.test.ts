import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '@/app/api/registry';
import { buildOpenApi, openApiPath } from '@/lib/api/build-openapi';

describe('OpenAPI document', () => {
  const doc = buildOpenApi(ROUTES, '0.0.0-test') as { paths: Record<string, Record<string, { operationId: string }>> };

  it('validates against the OpenAPI 3.1 schema', { timeout: 60_000 }, async () => {
    const validator = new Validator();
    const res = await validator.validate(doc);
    expect(res.errors ?? [], JSON.stringify(res.errors, null, 1)?.slice(0, 2000)).toEqual([]);
    expect(res.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('covers every declared route, each with a unique operationId', () => {
    for (const r of ROUTES) {
      expect(doc.paths[openApiPath(r.path)]?.[r.method.toLowerCase()]?.operationId, `${r.method} ${r.path}`).toBe(r.operationId);
    }
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((o) => o.operationId));
    expect(ids.length).toBe(ROUTES.length);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
