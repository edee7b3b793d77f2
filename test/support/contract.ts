/**
 * Every answer the tests receive is checked against the OpenAPI document's schemas: a route the
 * document describes must answer a status it lists, with a body of the documented shape.
 */
import type { ZodTypeAny } from 'zod';
import type { Operation } from '../../api/openapi/api-document';
import { apiDocument } from '../../api/openapi/openapi-document';
import { errorResponse } from '../../api/schemas/response-schemas';

interface Matcher {
  operation: Operation;
  pattern: RegExp;
  statuses: Set<number>;
}

let matchers: Matcher[] | undefined;

function load(): Matcher[] {
  const doc = apiDocument();
  return doc.operations.map((operation) => ({
    operation,
    pattern: new RegExp(`^${operation.path.replace(/\{\w+\}/g, '[^/]+')}$`),
    statuses: doc.statuses.get(operation.operationId)!,
  }));
}

/** The documented operation serving `method` on `path`, if any. */
export function documentedOperation(method: string, path: string): Matcher | undefined {
  matchers ??= load();
  const bare = path.split('?')[0];
  return matchers.find((m) => m.operation.method === method.toLowerCase() && m.pattern.test(bare));
}

/** Throws when a documented route answers outside its documentation. */
export function checkAgainstDocument(
  method: string,
  path: string,
  status: number,
  contentType: string | null,
  body: unknown,
): void {
  const match = documentedOperation(method, path);
  if (!match) {
    return;
  }
  const where = `${method} ${path} answered ${status}`;
  if (!match.statuses.has(status)) {
    throw new Error(`${where}, a status the OpenAPI document does not list`);
  }
  if (!contentType?.includes('application/json')) {
    return;
  }
  const other = match.operation.otherAnswers?.find((a) => a.status === status);
  if (other && !other.schema) {
    throw new Error(`${where} with a JSON body where the OpenAPI document lists none`);
  }
  const schema: ZodTypeAny | undefined =
    status === 200 ? match.operation.response : (other?.schema ?? errorResponse);
  if (!schema) {
    throw new Error(`${where}, an answer the OpenAPI document does not describe`);
  }
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new Error(`${where} with a body the OpenAPI document does not describe: ${result.error}`);
  }
}
