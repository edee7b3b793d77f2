/** GET /openapi.json and GET /docs, and that the document covers every route the app serves. */
import type { Express } from 'express';
import { documentedOperation } from '../support/contract';
import { call } from '../support/http';
import { useStack } from '../support/stack';

const ctx = useStack({ withoutWorker: true });

interface Layer {
  rawPath?: string;
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every method and path the Express app routes, from its router's layers. */
function servedRoutes(stack: Layer[], prefix = ''): { method: string; path: string }[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      // A router's `/` route serves its mount path (Express routing is not strict).
      const path = `${prefix}${layer.route.path}`.replace(/(.)\/$/, '$1');
      return Object.keys(layer.route.methods)
        .filter((m) => m !== '_all')
        .map((method) => ({ method, path }));
    }
    if (layer.handle?.stack) {
      const mount = layer.rawPath && layer.rawPath !== '/' ? layer.rawPath : '';
      return servedRoutes(layer.handle.stack, `${prefix}${mount}`);
    }
    return [];
  });
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 and lists every route the app serves', async () => {
    const app = ctx.stack.api.server.listeners('request')[0] as unknown as Express;
    const routes = servedRoutes((app as unknown as { router: { stack: Layer[] } }).router.stack);
    const doc = await call(ctx.stack.url, 'GET', '/openapi.json', undefined);

    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(routes.length).toBeGreaterThan(10);
    const undocumented = routes.filter((r) => {
      const samplePath = r.path.replace(/:(\w+)/g, 'x');
      const operation = documentedOperation(r.method, samplePath);
      return !operation || !doc.body.paths[operation.operation.path]?.[r.method];
    });
    expect(undocumented).toEqual([]);
  });

  it('describes bodies, answers and errors with their ids and permissions', async () => {
    const doc = await call(ctx.stack.url, 'GET', '/openapi.json', undefined);
    const setEmail = doc.body.paths['/v2/users/{userId}/email'].post;

    expect(setEmail.operationId).toBe('SetEmail');
    expect(setEmail.description).toContain('user.write');
    expect(setEmail.description).toContain('Errors.User.Email.NotFound');
    expect(setEmail.requestBody.content['application/json'].schema.required).toEqual(['email']);
    expect(Object.keys(setEmail.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '404', '429']),
    );
    expect(doc.body.components.securitySchemes.bearer.scheme).toBe('bearer');
  });

  it("names each user operation's permission as the contract gives it", async () => {
    const doc = await call(ctx.stack.url, 'GET', '/openapi.json', undefined);
    const permissionOf = (path: string, method: string) =>
      /Permission: `([^`]+)`/.exec(doc.body.paths[path][method].description)?.[1];

    expect(permissionOf('/v2/users/{userId}/passkeys/registration_link', 'post')).toBe(
      'user.passkey.write',
    );
    expect(permissionOf('/v2/users/{userId}/passkeys', 'post')).toBe('user.credential.write');
    expect(permissionOf('/v2/users/{userId}/otp_email', 'delete')).toBe('user.write');
    expect(permissionOf('/v2/users/{userId}/otp_sms', 'post')).toBe('user.credential.write');
    expect(permissionOf('/v2/users/{userId}/links', 'post')).toBe('user.write');
    expect(permissionOf('/v2/users/{userId}/authentication_methods', 'get')).toMatch(/^user\.read/);
  });

  it('documents the non-JSON routes by what they answer', async () => {
    const doc = await call(ctx.stack.url, 'GET', '/openapi.json', undefined);
    const callback = doc.body.paths['/idps/callback'].get;
    const page = doc.body.paths['/ui/passkey'].get;

    expect(callback.responses['200']).toBeUndefined();
    expect(callback.responses['302'].headers.Location.required).toBe(true);
    expect(Object.keys(callback.responses['400'].content)).toEqual(['text/plain']);
    expect(callback.security).toEqual([]);
    expect(Object.keys(page.responses['200'].content)).toEqual(['text/html']);
  });

  it('renders the document for people at /docs, without scripts', async () => {
    const response = await fetch(`${ctx.stack.url}/docs`);
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(html).toContain('POST /v2/users/{userId}/email/verify');
    expect(html).not.toContain('<script');
  });
});
