# syntax=docker/dockerfile:1
# Production image. Three build stages, one small runtime stage:
#   deps      all dependencies (the build needs the dev ones: TypeScript, Tailwind)
#   build     next build
#   prod-deps production dependencies only, installed clean
#   runtime   prod-deps + the build output + the server's sources, run as the unprivileged `node` user
# .ci/image-check.ts repeats the runtime stage without Docker (it reads the COPY lines below): keep the two together.
# The Node version is pinned here and nowhere else; the check installs exactly this version from npm.
FROM node:24.22.3-bookworm-slim AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
COPY patches ./patches
COPY scripts ./scripts
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
RUN node --import tsx scripts/ensure-build.ts && rm -rf .next/cache

FROM node:24.22.3-bookworm-slim AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY patches ./patches
COPY scripts/postinstall.mjs scripts/copy-maplibre-worker.mjs ./scripts/
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund

FROM node:24.22.3-bookworm-slim AS runtime
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOST=0.0.0.0 DATA_DIR=/data
WORKDIR /app
# DATA_DIR (MFA key, evidence, generated streams) is a volume the unprivileged user must own.
RUN mkdir -p /data && chown node:node /data
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/.next ./.next
COPY --from=build /app/public ./public
COPY package.json server.ts next.config.ts tsconfig.json proxy.ts ./
COPY lib ./lib
COPY prisma ./prisma
COPY scripts ./scripts
USER node
VOLUME /data
EXPOSE 3000 1883
# Ready = the database answers and every migration is applied (GET /api/ready); a draining node answers 503.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# --max-semi-space-size: as `npm start` (tests/bench/support/bench-env.ts says why). SIGTERM drains (README: Production).
CMD ["node", "--max-semi-space-size=32", "--import", "tsx", "server.ts"]
