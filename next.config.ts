import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

const projectRoot = path.dirname(fileURLToPath(import.meta.url));

const nextConfig: NextConfig = {
  // server.ts hosts Next and Socket.IO on one HTTP server; `standalone` would emit its own server.js
  // and stop tracing ours, so the default output is the only one that fits a custom server.
  reactStrictMode: true,
  poweredByHeader: false,
  // Separate build folders for parallel checkouts/test runs on one machine (default .next).
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // `npm test` typechecks the whole project (tsc --noEmit) as its own step; checking again here would add
  // ≈ 12 s to every build and to a newcomer's first start.
  typescript: { ignoreBuildErrors: true },
  // Pin the root: the checkout may sit under a folder holding other lockfiles, and Turbopack would
  // otherwise guess a wider root (slower, and it may resolve modules from outside the project).
  turbopack: { root: projectRoot },
  // Air-gapped agencies build this: nothing in the build may reach the network. next/font/google is
  // not used (system fonts only); telemetry is off through NEXT_TELEMETRY_DISABLED in the scripts.
  experimental: {
    // The default ('security') looks up advisories online during `next build` and may stop the build
    // to prompt; releases are pinned in package.json and upgraded deliberately instead.
    agentUpgrade: false,
    // proxy.ts runs before every route, and Next buffers a body for it up to this size, then passes on only that
    // much (10 MB by default): a larger file upload or import was cut short silently. Above the largest body a
    // route reads (MAX_CSV_BYTES, 32 MB), so the route's own limit answers 413 instead.
    proxyClientMaxBodySize: '33mb',
  },
  // The ONVIF client (CommonJS, xml2js) is loaded from node_modules at run time rather than bundled.
  serverExternalPackages: ['onvif'],
  // `next dev` would otherwise rewrite AGENTS.md in the working tree on every start.
  agentRules: false,
};

export default nextConfig;
