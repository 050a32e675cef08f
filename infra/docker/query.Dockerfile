# syntax=docker/dockerfile:1
# The query service (REST on 8080: /auth, /streaming/api, /docs, /healthz, /readyz, /metrics).
# From the repository root:
#   docker build -f infra/docker/query.Dockerfile -t tickstock/query .
# build:   only the projects the Nx graph says query is made of → one bundle + a pruned manifest
# deps:    exactly the third-party packages that bundle imports, production only, from the lockfile
# runtime: node, the bundle and those packages; non-root, read-only friendly
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /repo
ENV NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
COPY package.json package-lock.json nx.json tsconfig.base.json ./
# The source closure of @tickstock/query (tools/release/test/infra checks this list against the Nx graph).
COPY packages/bus packages/bus
COPY packages/config packages/config
COPY packages/contracts packages/contracts
COPY packages/db packages/db
COPY packages/observability packages/observability
COPY tools/release tools/release
COPY apps/query apps/query
# npm ci tolerates the workspaces left out above; the cache mount keeps reinstalls cheap.
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts --no-audit --no-fund
RUN npx nx run @tickstock/query:build

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY --from=build /repo/dist/apps/query/package.json /repo/dist/apps/query/package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
# QUERY_HOST defaults to loopback outside a container; here it must take outside connections.
ENV NODE_ENV=production QUERY_PORT=8080 QUERY_HOST=0.0.0.0
WORKDIR /app
# Root-owned and not writable by the service user: the code cannot be changed at run time.
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /repo/dist/apps/query/ ./
# Numeric, so Kubernetes' runAsNonRoot can verify it (the `node` user of the base image).
USER 1000:1000
EXPOSE 8080
# No curl in slim images: node's fetch asks /healthz (200 while the process lives).
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.QUERY_PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node is PID 1 and handles SIGTERM itself (readyz 503, finish requests in flight, close pools).
CMD ["node", "--enable-source-maps", "main.mjs"]
