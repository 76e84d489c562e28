/**
 * 202 for a committed ingest batch. `no-transform` keeps Next's response compression off it: a source posts and
 * reads one small summary per batch, and gzipping that was 3 % of the server's CPU in bench:ingest (undici's fetch
 * and most HTTP clients ask for gzip by default) for no gain on a LAN or loopback.
 */
export function acceptedResponse(summary: unknown): Response {
  const headers: Record<string, string> = { 'cache-control': 'no-store, no-transform' };
  // The seqs stored, for the request log line (the correlation key from ingest to correlator and push) and metrics.
  const { accepted, results } = summary as { accepted?: number; results?: { seq?: string }[] };
  if (typeof accepted === 'number') headers['x-rtcc-accepted'] = String(accepted);
  if (results?.length) headers['x-rtcc-seqs'] = `${results[0]!.seq}-${results.at(-1)!.seq}`;
  return Response.json(summary, { status: 202, headers });
}
