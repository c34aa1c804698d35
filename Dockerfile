# syntax=docker/dockerfile:1
#
# The OCOP cycle engine: one image for the worker (default), the migration job,
# the API with the web app, and the `ocop` command-line tool.
#
#   docker build -t ocop-engine .
#   docker run --rm ocop-engine                               # the worker
#   docker run --rm ocop-engine node dist/db/migrate.js up    # migrations
#   docker run --rm ocop-engine ocop --help                   # the CLI
#
# Three stages: `build` compiles TypeScript and pre-bundles the workflows with
# the dev dependencies; `deps` installs production dependencies only; `runtime`
# copies those two results onto a clean base and runs as the unprivileged
# `node` user.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app

# Dependencies first, so that a change to the sources reuses this layer.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

COPY . .
RUN npm run build

# Workflows are pre-bundled here, once, at build time, instead of by the worker
# at start-up:
# - the worker starts in a second or so, without running webpack (which takes
#   tens of seconds and a few hundred MB of memory on every start, and on every
#   replica when scaling out);
# - every replica, and every restart, runs byte-for-byte the same workflow
#   code, the code that was built and tested, so that a history recorded by one
#   worker replays deterministically on any other;
# - a workflow that imports something it must not (I/O, Node built-ins) fails
#   the image build, not the first deployment.
# The worker loads the bundle from WORKFLOW_BUNDLE_PATH (set below).
RUN node dist/scripts/bundle-workflows.js \
 && test -s dist/workflow-bundle.js

# ---------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# @temporalio/core-bridge ships prebuilt native binaries for linux (glibc)
# x64 and arm64, so no compiler toolchain is needed here.
RUN npm ci --omit=dev --no-audit --no-fund \
 && npm cache clean --force

# ---------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app

ENV NODE_ENV=production \
    WORKFLOW_BUNDLE_PATH=/app/dist/workflow-bundle.js

# `ocop` on the PATH: docker compose run --rm ocop <command>
RUN printf '#!/bin/sh\nexec node /app/dist/client/cli/main.js "$@"\n' > /usr/local/bin/ocop \
 && chmod 0755 /usr/local/bin/ocop

# Owned by root and read-only to the process: the engine writes nothing to its
# own directory.
COPY package.json package-lock.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The built web app, which the API serves at "/" (OCOP_WEB_DIST).
COPY --from=build /app/web/dist ./web/dist

# The unprivileged user of the official Node image (uid 1000).
USER node

# The worker drains on SIGTERM: it stops polling, lets running activities
# finish, then exits. Exec form, so that node itself receives the signal.
STOPSIGNAL SIGTERM
CMD ["node", "dist/worker/main.js"]
