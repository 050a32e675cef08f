# syntax=docker/dockerfile:1
# The simulator (a TickStockPL stand-in publishing on Redis): optional, for demos and load.
#   docker build -f infra/docker/simulator.Dockerfile -t tickstock/simulator .
#   docker run --rm -e REDIS_URL=redis://redis:6379 tickstock/simulator run session
# build:   only the projects the Nx graph says the simulator is made of → one bundle + a pruned manifest
# deps:    exactly the third-party packages that bundle imports, production only, from the lockfile
# runtime: node, the bundle and those packages; non-root
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /repo
ENV NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
COPY package.json package-lock.json nx.json tsconfig.base.json ./
# The source closure of @tickstock/simulator (tools/release/test/infra checks this list against the Nx graph).
COPY packages/bus packages/bus
COPY packages/contracts packages/contracts
COPY tools/release tools/release
COPY tools/simulator tools/simulator
# npm ci tolerates the workspaces left out above; the cache mount keeps reinstalls cheap.
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts --no-audit --no-fund
# The simulator's package.json has no build script (it is not an app): call the release tool directly.
RUN npx tsx tools/release/src/cli.ts build @tickstock/simulator

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY --from=build /repo/dist/tools/simulator/package.json /repo/dist/tools/simulator/package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /repo/dist/tools/simulator/ ./
# Numeric, so Kubernetes' runAsNonRoot can verify it (the `node` user of the base image).
USER 1000:1000
# A command-line job with no server to ask: it exits when its scenario ends or Redis is unreachable.
HEALTHCHECK NONE
ENTRYPOINT ["node", "--enable-source-maps", "main.mjs"]
CMD ["run", "session"]
