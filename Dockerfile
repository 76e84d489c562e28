# Production image: the same two steps a developer runs (install, start), with the build done at image time.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
COPY patches ./patches
COPY scripts ./scripts
COPY prisma ./prisma
COPY prisma.config.ts ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN node --import tsx scripts/ensure-build.ts
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0
EXPOSE 3000
USER node
# --max-semi-space-size: as `npm start` (tests/bench/support/bench-env.ts says why).
CMD ["node", "--max-semi-space-size=32", "--import", "tsx", "server.ts"]
