/** GET /v2/users/{userId}/authentication_methods: ListAuthenticationMethodTypes. */
import { Router } from 'express';
import { z } from 'zod';
import { readyAuthenticationMethods } from '../../store/authentication-methods';
import { accessibleUser, requirePermission } from '../access/require-permission';
import type { ApiDeps } from '../deps';
import { methodNotAllowedHandler } from '../error-handler';
import { compact } from '../render';
import { idString, parseRequest, runes } from '../validation';

const listRequest = z.object({
  userId: idString,
  domain: runes(1, 200).optional(),
  includeWithoutDomain: z
    .enum(['true', 'false'], { errorMap: () => ({ message: 'value must be true or false' }) })
    .transform((v) => v === 'true')
    .optional(),
});

/** grpc-gateway passes nested fields as dotted query keys, camelCase or snake_case. */
function domainQueryOf(query: Record<string, unknown>) {
  const pick = (...keys: string[]) => keys.map((k) => query[k]).find((v) => v !== undefined);
  return {
    domain: pick('domainQuery.domain', 'domain_query.domain'),
    includeWithoutDomain: pick(
      'domainQuery.includeWithoutDomain',
      'domain_query.include_without_domain',
    ),
  };
}

export function authenticationMethodsRouter(deps: ApiDeps): Router {
  const router = Router();

  router
    .route('/:userId/authentication_methods')
    // user.read in the caller's organization (contract, operation 5).
    .get(requirePermission('user.read'), async (req, res) => {
      const request = parseRequest('ListAuthenticationMethodTypesRequest', listRequest, {
        userId: req.params.userId,
        ...domainQueryOf(req.query as Record<string, unknown>),
      });
      // A user the caller may not read is answered as an unknown one: an empty list.
      const readable = await accessibleUser(req, deps, request.userId, 'user.read');
      const types = readable
        ? await readyAuthenticationMethods(deps.db, request.userId, request)
        : [];
      res.json(
        compact({
          details: { totalResult: String(types.length), timestamp: deps.clock.now().toISOString() },
          authMethodTypes: types.length > 0 ? types : undefined,
        }),
      );
    })
    .all(methodNotAllowedHandler);

  return router;
}
