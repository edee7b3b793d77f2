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
USER node
EXPOSE 8080
CMD ["npm", "run", "api"]
