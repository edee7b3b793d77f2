/**
 * The one place where anything thrown becomes the contract's `{code, message, details}` body.
 * Unexpected errors are logged by name and masked; no stack trace or SQL reaches a client.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import {
  ApplicationFailure,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ConnectionError as DatabaseConnectionError } from 'sequelize';
import {
  BudgetExhaustedError,
  Errors,
  FlowgateError,
  ValidationError,
  errorSpecById,
  type ErrorSpec,
} from '../common/errors';
import type { Logger } from '../infra/logger';
import { httpStatusOf } from './http-status';

const DETAIL_TYPE = 'type.googleapis.com/zitadel.v1.ErrorDetail';

interface ErrorBody {
  code: number;
  message: string;
  details?: { '@type': string; id: string; message: string }[];
}

/** The gateway's own rejections carry no details array (contract 2.1 and 2.2). */
const PLAIN_BODY_IDS = new Set<string>([Errors.authMissing.id]);

/** A rejection's `detail` (the reason a credential was refused) joins its message. */
function bodyOf(spec: ErrorSpec, detail?: string): ErrorBody {
  if (PLAIN_BODY_IDS.has(spec.id)) {
    return { code: spec.code, message: spec.message };
  }
  const text = detail ? `${spec.message}: ${detail}` : spec.message;
  return {
    code: spec.code,
    message: `${text} (${spec.id})`,
    details: [{ '@type': DETAIL_TYPE, id: spec.id, message: text }],
  };
}

/** The spec of a business rejection raised inside a workflow or activity, if it is one. */
function specOfFailure(error: unknown): ErrorSpec | undefined {
  let cause: unknown = error;
  while (cause instanceof Error) {
    if (cause instanceof ApplicationFailure) {
      return errorSpecById(cause.type);
    }
    cause = cause.cause;
  }
  return undefined;
}

function isUnavailable(error: unknown): boolean {
  const name = (error as { name?: string })?.name ?? '';
  const grpcCode = (error as { code?: unknown })?.code;
  return (
    error instanceof DatabaseConnectionError ||
    name === 'ServiceError' ||
    name === 'SequelizeConnectionAcquireTimeoutError' ||
    grpcCode === 14
  );
}

type Classified = { status: number; body: ErrorBody; unexpected: boolean };

/** A rejection from the catalogue: its code's HTTP status and the contract's body. */
function rejection(spec: ErrorSpec, unexpected = false, detail?: string): Classified {
  return { status: httpStatusOf(spec.code), body: bodyOf(spec, detail), unexpected };
}

function classify(error: unknown): Classified {
  if (error instanceof FlowgateError) {
    return rejection(error.spec, false, error.detail);
  }
  if (error instanceof ValidationError) {
    return { status: 400, body: { code: 3, message: error.message }, unexpected: false };
  }

  const bodyParser = error as { type?: string; status?: number };
  if (bodyParser.type === 'entity.parse.failed') {
    return { status: 400, body: { code: 3, message: 'invalid JSON body' }, unexpected: false };
  }
  if (bodyParser.type === 'entity.too.large') {
    return { status: 413, body: { code: 3, message: 'request body too large' }, unexpected: false };
  }
  if (
    typeof bodyParser.status === 'number' &&
    bodyParser.status >= 400 &&
    bodyParser.status < 500
  ) {
    return { status: 400, body: { code: 3, message: 'malformed request' }, unexpected: false };
  }

  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    return rejection(Errors.flowTimeout);
  }
  const failure = error instanceof WorkflowUpdateFailedError ? specOfFailure(error) : undefined;
  if (failure) {
    return rejection(failure);
  }
  return rejection(isUnavailable(error) ? Errors.unavailable : Errors.internal, true);
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }

    const { status, body, unexpected } = classify(error);
    if (unexpected) {
      const err = error as { name?: string; message?: string };
      logger.error(
        { reqId: req.id, errName: err?.name, errMessage: err?.message, status },
        'request failed',
      );
    }
    if (error instanceof BudgetExhaustedError) {
      res.set('Retry-After', String(error.retryAfterSeconds));
    }
    res.status(status).json(body);
  };
}

/** Unknown paths: the gateway's plain `{code: 5, message: "Not Found"}`. */
export const notFoundHandler: RequestHandler = (_req, res) => {
  res.status(404).json({ code: Errors.routeNotFound.code, message: Errors.routeNotFound.message });
};

/** A known path with another method. */
export const methodNotAllowedHandler: RequestHandler = (_req, res) => {
  res.status(405).json({
    code: Errors.methodNotAllowed.code,
    message: Errors.methodNotAllowed.message,
  });
};
