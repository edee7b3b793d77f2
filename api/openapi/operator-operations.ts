/** What operators and infrastructure call: health, metrics, codec server, dev outbox, docs. */
import { z } from 'zod';
import { Errors } from '../../common/errors';
import { codecRequest } from '../schemas/codec-schemas';
import { codecResponse, healthResponse, outboxResponse } from '../schemas/response-schemas';
import type { ApiDocument } from './api-document';

export function describeOperatorApi(doc: ApiDocument): void {
  const pub = { tag: 'Operators', permission: 'none' } as const;
  doc.add({
    ...pub,
    method: 'get',
    path: '/healthz',
    operationId: 'Health',
    summary: '200 when PostgreSQL and Temporal answer, else 503',
    response: healthResponse,
    otherAnswers: [{ status: 503, description: 'A part is down', schema: healthResponse }],
  });
  doc.add({
    ...pub,
    method: 'get',
    path: '/metrics',
    operationId: 'Metrics',
    summary: 'Prometheus metrics',
    response: z.string(),
    contentType: 'text/plain',
  });
  doc.add({
    ...pub,
    method: 'get',
    path: '/openapi.json',
    operationId: 'OpenApiDocument',
    summary: 'This document',
    response: z.object({ openapi: z.string() }).passthrough(),
  });
  doc.add({
    ...pub,
    method: 'get',
    path: '/docs',
    operationId: 'ApiDocs',
    summary: 'This document for people',
    response: z.string(),
    contentType: 'text/html',
  });
  for (const [direction, operationId] of [
    ['decode', 'CodecDecode'],
    ['encode', 'CodecEncode'],
  ] as const) {
    doc.add({
      tag: 'Operators',
      permission: 'iam.admin',
      method: 'post',
      path: `/codec/${direction}`,
      operationId,
      summary: `Temporal remote codec: ${direction} payloads (for the Web UI)`,
      body: codecRequest,
      response: codecResponse,
    });
  }
  doc.add({
    tag: 'Operators',
    permission: 'iam.admin',
    method: 'get',
    path: '/dev/outbox',
    operationId: 'ListOutbox',
    summary: 'Messages kept instead of delivered (only when the outbox is on)',
    query: z.object({
      recipient: z.string().max(200).optional(),
      limit: z.coerce.number().int().min(1).max(500).optional(),
    }),
    response: outboxResponse,
    // The route does not exist while the outbox is off.
    errors: [Errors.routeNotFound],
  });
}
