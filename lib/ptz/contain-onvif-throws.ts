import { componentLogger } from '@/lib/platform/log';

const log = componentLogger('ptz');
const INSTALLED = Symbol.for('rtcc.onvif.contained');

/**
 * The `onvif` library reads device replies inside its own network callbacks (e.g. GetPresets does
 * `linerase(data).getPresetsResponse.preset` without a check), so a camera with unexpected firmware makes it throw
 * where no caller can catch: an uncaught exception that would end the server. This listener contains exactly those
 * (the stack's top frames are in the library's files): it logs them, and the request that caused it fails by its own
 * timeout. Any other uncaught exception ends the process as Node would (message on stderr, exit code 1).
 */
export function containOnvifThrows(): void {
  const holder = globalThis as { [INSTALLED]?: boolean };
  if (holder[INSTALLED]) return;
  holder[INSTALLED] = true;
  process.on('uncaughtException', (err: Error) => {
    if (thrownByOnvif(err)) {
      log.warn({ err: err.message }, 'an ONVIF device reply the library could not read (contained)');
      return;
    }
    console.error(err);
    process.exit(1);
  });
}

/** The first stack frame with a file names the library's own code. */
export function thrownByOnvif(err: unknown): boolean {
  const stack = err instanceof Error ? err.stack ?? '' : '';
  const frame = stack.split('\n').find((l) => /^\s+at /.test(l));
  return frame !== undefined && /[\\/]node_modules[\\/]onvif[\\/]lib[\\/]/.test(frame);
}
