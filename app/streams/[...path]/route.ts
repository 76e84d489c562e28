import { createRouter } from '@/lib/api/dispatch';
import { ROUTES } from '../../api/registry';

export const dynamic = 'force-dynamic';

/** Test-pattern stream files, declared with the other routes (app/api/registry.ts). */
const router = createRouter(ROUTES);
const handle = (req: Request) => router.handle(req);

export { handle as GET };
