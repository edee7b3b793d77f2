/**
 * GET /openapi.json (OpenAPI 3.1, generated from the zod schemas) and GET /docs, the same
 * document rendered as one self-contained HTML page: no scripts, nothing fetched elsewhere.
 */
import { Router } from 'express';
import type { ApiDeps } from '../deps';
import { apiDocument } from '../openapi/openapi-document';

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

type Doc = ReturnType<ReturnType<typeof apiDocument>['generate']>;

function section(title: string, value: unknown): string {
  if (value === undefined) {
    return '';
  }
  const json = escape(JSON.stringify(value, null, 2));
  return `<details><summary>${escape(title)}</summary><pre>${json}</pre></details>`;
}

function renderHtml(doc: Doc): string {
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Record<string, unknown>>).map(([method, op]) => {
      const responses = op.responses as Record<string, unknown>;
      const id = String(op.operationId);
      return [
        `<section id="${escape(id)}">`,
        `<h2><code>${method.toUpperCase()} ${escape(path)}</code> ${escape(id)}</h2>`,
        `<p>${escape(String(op.summary ?? ''))}</p><p>${escape(String(op.description ?? ''))}</p>`,
        section('Parameters', op.parameters),
        section('Request body', op.requestBody),
        section(`Responses (${Object.keys(responses).join(', ')})`, responses),
        '</section>',
      ].join('\n');
    }),
  );
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    `<title>${escape(doc.info.title)} API</title>`,
    '<style>body{font-family:sans-serif;max-width:60rem;margin:auto;padding:1rem}',
    'pre{background:#f4f4f4;padding:.5rem;overflow:auto}h2{font-size:1.1rem}</style>',
    `</head><body><h1>${escape(doc.info.title)} API</h1>`,
    `<p>${escape(doc.info.description ?? '')}. Machine-readable: <a href="/openapi.json">`,
    '/openapi.json</a>.</p>',
    ...operations,
    '</body></html>',
  ].join('\n');
}

export function docsRouter(deps: ApiDeps): Router {
  const router = Router();
  const doc = apiDocument().generate(deps.config.publicUrl);
  const html = renderHtml(doc);

  router.get('/openapi.json', (_req, res) => {
    res.json(doc);
  });
  router.get('/docs', (_req, res) => {
    res.type('html').send(html);
  });
  return router;
}
