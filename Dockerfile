# The passkey page's script, bundled with the development dependencies (esbuild).
FROM node:20-bookworm-slim AS ui
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build:ui

# One image for both roles: `npm run api` (default) and `npm run worker`.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY api ./api
COPY activities ./activities
COPY common ./common
COPY config ./config
COPY infra ./infra
COPY store ./store
COPY workflows ./workflows
COPY worker ./worker
COPY data ./data
COPY scripts ./scripts
COPY tsconfig.json ./
COPY --from=ui /app/build ./build
USER node
EXPOSE 8080
CMD ["npm", "run", "api"]
