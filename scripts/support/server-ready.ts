// Wait for a spawned console server (`server.ts`) to print its ready line, collecting everything it writes. Shared by
// the image check, the test harnesses and anything else that starts the server as a child process.
import type { ChildProcess } from 'node:child_process';

export interface RunningServer {
  /** Everything the server wrote to stdout and stderr so far. */
  output: () => string;
  /** Resolves with the exit code when the process ends. */
  exited: Promise<number | null>;
}

/** Resolves once the server says "console ready at"; rejects, with its output, on exit or after `timeoutMs`. */
export async function waitForServerReady(proc: ChildProcess, timeoutMs: number): Promise<RunningServer> {
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server not ready in ${timeoutMs / 1000} s:\n${out}`)), timeoutMs);
    proc.stdout?.on('data', () => out.includes('console ready at') && (clearTimeout(timer), resolve()));
    void exited.then((code) => (clearTimeout(timer), reject(new Error(`server exited (${code}) before it was ready:\n${out}`))));
  });
  return { output: () => out, exited };
}
