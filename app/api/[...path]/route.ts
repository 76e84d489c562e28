import { createRouter } from '@/lib/api/dispatch';
import { ROUTES } from '../registry';

export const dynamic = 'force-dynamic';

/** Every API route, served from its one declaration (app/api/registry.ts). */
const router = createRouter(ROUTES);
const handle = (req: Request) => router.handle(req);

export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE };
