import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// Docker cannot run on these machines: scripts/check-image.ts repeats the Dockerfile (its Node version, the
// production-only install in a clean directory, the runtime stage's copies, a non-root user owning DATA_DIR only).
describe('production image, without Docker', () => {
  it('installs production dependencies on the image Node and starts as an unprivileged user', async () => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'scripts/check-image.ts'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((r) => proc.once('exit', (c) => r(c)));
    expect(code, out).toBe(0);
    const last = JSON.parse(out.trim().split('\n').at(-1)!) as { node: string; ok: boolean };
    expect(last.ok).toBe(true);
    expect(last.node).toMatch(/^v24\./);
  }, 400_000);
});
