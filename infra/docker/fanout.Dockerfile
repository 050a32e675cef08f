# syntax=docker/dockerfile:1
# The fanout (WebSocket /ws on 8090, plus /healthz, /readyz, /metrics). From the repository root:
#   docker build -f infra/docker/fanout.Dockerfile -t tickstock/fanout .
# build:   only the projects the Nx graph says fanout is made of → one bundle + a pruned manifest
# deps:    exactly the third-party packages that bundle imports, production only, from the lockfile
# runtime: node, the bundle and those packages; non-root, read-only friendly
# glibc (bookworm), never alpine: uWebSockets.js ships its native binaries for glibc only, and
# without one it silently falls back to a slow pure-JS server (the fanout refuses to start then).
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /repo
ENV NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
COPY package.json package-lock.json nx.json tsconfig.base.json ./
# The source closure of @tickstock/fanout (tools/release/test/infra checks this list against the Nx graph).
COPY packages/bus packages/bus
COPY packages/config packages/config
COPY packages/contracts packages/contracts
COPY packages/observability packages/observability
COPY tools/release tools/release
COPY apps/fanout apps/fanout
# npm ci tolerates the workspaces left out above; the cache mount keeps reinstalls cheap.
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts --no-audit --no-fund
RUN npx nx run @tickstock/fanout:build

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY --from=build /repo/dist/apps/fanout/package.json /repo/dist/apps/fanout/package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --ignore-scripts --no-audit --no-fund
# uWebSockets.js ships a binary per platform, arch and Node ABI (~90 MB); keep only the one this
# image's node loads (same base image as the runtime stage, so the same platform and ABI).
RUN node -e "const fs=require('fs'),d='node_modules/uWebSockets.js/binaries/',keep='uws_'+process.platform+'_'+process.arch+'_'+process.versions.modules+'.node';if(!fs.existsSync(d+keep))throw new Error('no uWebSockets.js binary '+keep);for(const f of fs.readdirSync(d))if(f!==keep)fs.rmSync(d+f)"

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production FANOUT_PORT=8090 FANOUT_HOST=0.0.0.0
WORKDIR /app
# Root-owned and not writable by the service user: the code cannot be changed at run time.
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /repo/dist/apps/fanout/ ./
# Numeric, so Kubernetes' runAsNonRoot can verify it (the `node` user of the base image).
USER 1000:1000
EXPOSE 8090
# No curl in slim images: node's fetch asks /healthz (200 while the process lives).
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.FANOUT_PORT||8090)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node is PID 1 and handles SIGTERM itself: readyz 503, no new sockets, 1001 closes spread over
# FANOUT_DRAIN_MS. The stop timeout (compose stop_grace_period, k8s terminationGracePeriodSeconds)
# must be longer than that.
CMD ["node", "--enable-source-maps", "main.mjs"]
