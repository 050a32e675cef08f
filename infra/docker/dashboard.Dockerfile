# syntax=docker/dockerfile:1
# The dashboard (SvelteKit, adapter-node; /login and /streaming on 3000). From the repository root:
#   docker build -f infra/docker/dashboard.Dockerfile -t tickstock/dashboard .
# build:   only the projects the Nx graph says the dashboard is made of → `vite build` (build/)
#          and a manifest of the packages adapter-node left external (its `dependencies`)
# deps:    those packages, production only, from the lockfile (none today: everything is bundled)
# runtime: node and build/; non-root, read-only friendly
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /repo
ENV NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
COPY package.json package-lock.json nx.json tsconfig.base.json ./
# The source closure of @tickstock/dashboard (tools/release/test/infra checks this list against the Nx graph).
COPY packages/contracts packages/contracts
COPY tools/release tools/release
COPY apps/dashboard apps/dashboard
# npm ci tolerates the workspaces left out above; the cache mount keeps reinstalls cheap.
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts --no-audit --no-fund
RUN npx nx run @tickstock/dashboard:build \
 && npx tsx tools/release/src/cli.ts manifest @tickstock/dashboard

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY --from=build /repo/dist/apps/dashboard/package.json /repo/dist/apps/dashboard/package-lock.json ./
# With nothing to install npm creates no node_modules; the runtime stage copies one all the same.
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && mkdir -p node_modules

FROM ${NODE_IMAGE} AS runtime
# adapter-node reads PORT and HOST; DASHBOARD_PORT is the contract's name for the same port.
ENV NODE_ENV=production PORT=3000 DASHBOARD_PORT=3000 HOST=0.0.0.0
WORKDIR /app
# Root-owned and not writable by the service user: the code cannot be changed at run time.
COPY --from=deps /app/node_modules ./node_modules
COPY --from=deps /app/package.json ./
COPY --from=build /repo/apps/dashboard/build ./build
# Numeric, so Kubernetes' runAsNonRoot can verify it (the `node` user of the base image).
USER 1000:1000
EXPOSE 3000
# The dashboard has no health route of its own: the login page answers 200 without a session.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/login').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "build"]
