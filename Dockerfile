# syntax=docker/dockerfile:1
# Porchlight: `docker build -t porchlight .` then `docker compose up` (compose.yaml) or
# `docker run --env-file .env -p 3000:3000 porchlight`.

# --- deps: production dependencies only, from the lockfile ---
FROM node:24-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

# --- runtime: slim Node, fonts for chart PNGs, non-root ---
FROM node:24-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    PGLITE_DIR=/app/data/pglite
# Charts are rendered to PNG with resvg, which needs real fonts on the system.
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json ./
COPY bin ./bin
COPY bots ./bots
COPY core ./core
COPY db ./db
COPY integrations ./integrations
COPY jobs ./jobs
COPY webhooks ./webhooks
COPY docs ./docs
RUN mkdir -p /app/data && chown -R node:node /app/data \
 && ln -s /app/bin/porchlight.js /usr/local/bin/porchlight
USER node
EXPOSE 3000
VOLUME ["/app/data"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["porchlight", "start"]
