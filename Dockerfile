# syntax=docker/dockerfile:1

# One image for both processes. The default command runs the HTTP API; the worker runs the
# same image with `node dist/apps/worker/src/main.js` (see docker-compose.yml). Migrations run
# as a separate one-shot command, never at API or worker start-up:
#   node node_modules/typeorm/cli.js migration:run -d dist/libs/core/src/database/data-source.js

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: install every dependency, compile to dist/, then drop the dev dependencies ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
# No install-time analytics (swagger-ui-dist pulls in @scarf/scarf) and no npm chatter.
ENV SCARF_ANALYTICS=false \
    NPM_CONFIG_AUDIT=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_UPDATE_NOTIFIER=false

# Dependencies first, so that editing the sources does not invalidate this layer.
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci

# The sources (.dockerignore keeps node_modules, dist, .env, .git, tests and docs out).
COPY . .
RUN npm run build && npm prune --omit=dev

# ---- runtime: compiled code and production dependencies only, run as the `node` user ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app

# Owned by root and read-only for the `node` user that runs the processes.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist

USER node
# 3000: the API (PORT). 3001: the worker's /health, /health/ready and /metrics (WORKER_PORT).
EXPOSE 3000 3001

# Liveness of whichever process runs in the container: healthy when /health answers 200 on PORT
# (the API) or on WORKER_PORT (the worker). Slim images have no curl, so this uses node's fetch.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "const ports = [process.env.PORT || 3000, process.env.WORKER_PORT || 3001]; Promise.any(ports.map((port) => fetch('http://127.0.0.1:' + port + '/health', { signal: AbortSignal.timeout(4000) }).then((res) => { if (!res.ok) throw new Error(String(res.status)); }))).then(() => process.exit(0), () => process.exit(1));"]

CMD ["node", "dist/apps/api/src/main.js"]
