# syntax=docker/dockerfile:1
# The OxyLedger planner: the refill-planning worker and schedule (no HTTP). Build from the repository root:
#   docker build -f docker/planner.Dockerfile -t oxyledger-planner .
# Configure it with the variables in README.md (DATABASE_URL, REDIS_URL, ...).

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY apps/web/package.json apps/web/
# npm 10 here does not read package.json `allowScripts`: run no install script (see api.Dockerfile).
RUN npm ci --ignore-scripts
COPY . .
# The server code only: this app serves no web app.
RUN npx tsc -p tsconfig.build.json && npx tsc-alias -p tsconfig.build.json \
  && npm prune --omit=dev --ignore-scripts

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production HEARTBEAT_FILE=/tmp/oxyledger-planner.heartbeat
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
# No HTTP: the app touches HEARTBEAT_FILE every 5 s while its event loop runs.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "const fs = require('node:fs'); try { process.exit(Date.now() - fs.statSync(process.env.HEARTBEAT_FILE).mtimeMs < 15000 ? 0 : 1) } catch { process.exit(1) }"]
CMD ["node", "dist/apps/planner/src/main.js"]
