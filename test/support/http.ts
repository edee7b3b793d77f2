/**
 * A small HTTP client for the API under test: JSON in, status and JSON out. Every answer is
 * checked against the OpenAPI document.
 */
import { checkAgainstDocument } from './contract';

export interface ApiResponse<T = Record<string, any>> {
  status: number;
  body: T;
  headers: Headers;
}

export interface CallOptions {
  token?: string | null;
  rawBody?: string;
  contentType?: string;
}

export async function call<T = Record<string, any>>(
  baseUrl: string,
  method: string,
  path: string,
  body: unknown,
  options: CallOptions = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = {};
  if (options.token) {
    headers.authorization = `Bearer ${options.token}`;
  }
  const payload = options.rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
  if (payload !== undefined) {
    headers['content-type'] = options.contentType ?? 'application/json';
  }

  const response = await fetch(`${baseUrl}${path}`, { method, headers, body: payload });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    // Not JSON: the raw text is the body.
  }
  checkAgainstDocument(method, path, response.status, response.headers.get('content-type'), parsed);
  return { status: response.status, body: parsed as T, headers: response.headers };
}

/** A client bound to one stack's URL and admin token. */
export function apiClient(baseUrl: string, token: string) {
  return {
    post: <T = Record<string, any>>(path: string, body: unknown, options: CallOptions = {}) =>
      call<T>(baseUrl, 'POST', path, body, { token, ...options }),
    get: <T = Record<string, any>>(path: string, options: CallOptions = {}) =>
      call<T>(baseUrl, 'GET', path, undefined, { token, ...options }),
    call: <T = Record<string, any>>(
      method: string,
      path: string,
      body?: unknown,
      options: CallOptions = {},
    ) => call<T>(baseUrl, method, path, body, { token, ...options }),
  };
}

export type ApiClient = ReturnType<typeof apiClient>;
