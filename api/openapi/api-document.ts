/**
 * The OpenAPI 3.1 description of the API, generated from the zod schemas that validate requests
 * and shape answers. Each router describes its operations in one registration function
 * (`describe...(doc)`), listed in openapi-document.ts.
 */
import {
  OpenAPIRegistry,
  OpenApiGeneratorV31,
  extendZodWithOpenApi,
} from '@asteasolutions/zod-to-openapi';
import { z, type AnyZodObject, type ZodTypeAny } from 'zod';
import type { ErrorSpec } from '../../common/errors';
import { httpStatusOf } from '../http-status';
import { errorResponse } from '../schemas/response-schemas';

extendZodWithOpenApi(z);

export interface Operation {
  method: 'get' | 'post' | 'delete';
  /** OpenAPI form, `{userId}` for a path variable. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  /** The permission the operation checks; `none` for public routes. */
  permission: string;
  params?: AnyZodObject;
  query?: AnyZodObject;
  body?: ZodTypeAny;
  /** The 200 answer; JSON unless `contentType` says otherwise. Absent: never 200 (a redirect). */
  response?: ZodTypeAny;
  contentType?: string;
  /** Business rejections the operation can answer, besides the ones every route can. */
  errors?: ErrorSpec[];
  /** Answers of another status with a body other than the error body. */
  otherAnswers?: OtherAnswer[];
}

/** An answer besides 200 and the errors: a JSON body, another media type, or no body at all. */
export interface OtherAnswer {
  status: number;
  description: string;
  /** The body; absent for answers whose body says nothing (a redirect). */
  schema?: ZodTypeAny;
  /** JSON unless given. */
  contentType?: string;
  headers?: AnyZodObject;
}

/** Rejections any authenticated route can give: bad input, token, permission, limits, outages. */
const COMMON_STATUSES = [400, 401, 403, 413, 415, 429, 500, 503, 504];
const PUBLIC_STATUSES = [429, 500, 503];

export class ApiDocument {
  readonly registry = new OpenAPIRegistry();
  readonly operations: Operation[] = [];
  /** The statuses each operation documents, by operationId. */
  readonly statuses = new Map<string, Set<number>>();

  constructor() {
    this.registry.registerComponent('securitySchemes', 'bearer', {
      type: 'http',
      scheme: 'bearer',
      description: 'FLOWGATE_ADMIN_TOKEN or a personal access token of a service account',
    });
  }

  add(operation: Operation): void {
    this.operations.push(operation);
    const secured = operation.permission !== 'none';
    const statuses = new Set(secured ? COMMON_STATUSES : PUBLIC_STATUSES);
    for (const spec of operation.errors ?? []) {
      statuses.add(httpStatusOf(spec.code));
    }
    const others = (operation.otherAnswers ?? []).map((a) => a.status);
    const ok = operation.response ? [200] : [];
    this.statuses.set(operation.operationId, new Set([...ok, ...statuses, ...others]));
    const errorIds = (operation.errors ?? []).map((e) => `\`${e.id}\``).join(', ');

    this.registry.registerPath({
      method: operation.method,
      path: operation.path,
      operationId: operation.operationId,
      summary: operation.summary,
      description: [
        secured ? `Permission: \`${operation.permission}\`.` : 'No token needed.',
        errorIds ? `Business errors: ${errorIds}.` : '',
      ].join(' '),
      tags: [operation.tag],
      security: secured ? [{ bearer: [] }] : [],
      request: {
        params: operation.params,
        query: operation.query,
        body: operation.body && {
          required: true,
          content: { 'application/json': { schema: operation.body } },
        },
      },
      responses: {
        ...(operation.response && {
          200: {
            description: 'OK',
            content: {
              [operation.contentType ?? 'application/json']: { schema: operation.response },
            },
          },
        }),
        ...Object.fromEntries(
          [...statuses].map((status) => [
            status,
            {
              description: `code ${status}`,
              content: { 'application/json': { schema: errorResponse } },
            },
          ]),
        ),
        ...Object.fromEntries(
          (operation.otherAnswers ?? []).map(({ status, description, schema, ...rest }) => [
            status,
            {
              description,
              headers: rest.headers,
              content: schema && {
                [rest.contentType ?? 'application/json']: { schema },
              },
            },
          ]),
        ),
      },
    });
  }

  generate(serverUrl: string) {
    return new OpenApiGeneratorV31(this.registry.definitions).generateDocument({
      openapi: '3.1.0',
      info: {
        title: 'Flowgate',
        version: '0.1.0',
        description: "ZITADEL's User Service v2 as Flowgate serves it, and Flowgate's admin API",
      },
      servers: [{ url: serverUrl }],
    });
  }
}
