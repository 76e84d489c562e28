/**
 * 202 for a committed ingest batch. `no-transform` keeps Next's response compression off it: a source posts and
 * reads one small summary per batch, and gzipping that was 3 % of the server's CPU in bench:ingest (undici's fetch
 * and most HTTP clients ask for gzip by default) for no gain on a LAN or loopback.
 */
export function acceptedResponse(summary: unknown): Response {
  return Response.json(summary, { status: 202, headers: { 'cache-control': 'no-store, no-transform' } });
}
