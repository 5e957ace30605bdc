# syntax=docker/dockerfile:1
# The OxyLedger api, serving the built web app at /. Build from the repository root:
#   docker build -f docker/api.Dockerfile -t oxyledger-api .
# Configure it with the variables in README.md (DATABASE_URL, REDIS_URL, JWT_SECRET, ...).

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY apps/web/package.json apps/web/
# This image's npm 10 does not read package.json `allowScripts`; no dependency needs its install
# script (the three that have one are denied there too), so run none.
RUN npm ci --ignore-scripts
COPY . .
RUN npm run build && npm prune --omit=dev --ignore-scripts

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production PORT=3000
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/apps/web/dist ./apps/web/dist
USER node
EXPOSE 3000
# Liveness; orchestrators that route traffic should probe /health/ready as well.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/apps/api/src/main.js"]
