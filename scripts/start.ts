// `npm start`: build the web app if needed, then run the one server process (server.ts) in this process.
import { ensureBuild } from './ensure-build';

ensureBuild();
(process.env as Record<string, string | undefined>).NODE_ENV ??= 'production';
process.env.NEXT_TELEMETRY_DISABLED = '1';
await import('../server');
