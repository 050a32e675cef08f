// One place where every failure becomes the contract's error body (CONTRACT.md, "REST"):
// AppError as thrown, validation → 400 naming the parameter, database or Redis down → 503,
// anything else → 500 with the message hidden (it is logged with the request id instead).
import { isBusError } from '@tickstock/bus';
import type { ErrorBody } from '@tickstock/contracts';
import { isDbUnavailable } from '@tickstock/db';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, codeForStatus } from './app-error';
import { describeValidation } from './validation-message';

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (isDbUnavailable(err)) return new AppError('UNAVAILABLE', 503, 'database unavailable, try again shortly');
  if (isBusError(err, 'UNAVAILABLE') || isBusError(err, 'TIMEOUT') || isBusError(err, 'CLOSED')) {
    return new AppError('UNAVAILABLE', 503, 'live state (Redis) unavailable, try again shortly');
  }
  const e = err as Partial<FastifyError>;
  if (e.validation) {
    const { message, details } = describeValidation(e.validationContext, e.validation);
    return new AppError('VALIDATION_ERROR', 400, message, details);
  }
  // Fastify's own 4xx (bad JSON, body too large, unsupported media type) keep their message,
  // which says what was wrong with the request and nothing about us.
  const status = typeof e.statusCode === 'number' ? e.statusCode : 500;
  if (status >= 400 && status < 500) {
    const code = codeForStatus(status);
    return new AppError(code, code === 'VALIDATION_ERROR' ? 400 : status, e.message ?? 'bad request');
  }
  return new AppError('INTERNAL', 500, 'internal error');
}

export function errorBody(err: AppError): ErrorBody {
  return { error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } };
}

function handle(err: unknown, request: FastifyRequest, reply: FastifyReply) {
  const appError = toAppError(err);
  if (appError.code === 'INTERNAL') {
    // The client sees a generic message; the log keeps what happened, tied to the request id.
    request.log.error({ err, code: appError.code }, 'request failed');
  } else if (appError.code === 'UNAVAILABLE') {
    // A dependency is down: expected during an outage, worth a warning, not a stack trace each time.
    request.log.warn({ code: appError.code, cause: err instanceof Error ? err.message : String(err) }, 'dependency unavailable');
  } else if (appError.code === 'UNAUTHORIZED' || appError.code === 'RATE_LIMITED') {
    request.log.info({ code: appError.code, reason: appError.message }, 'request refused');
  }
  return reply.status(appError.statusCode).type('application/json; charset=utf-8').send(errorBody(appError));
}

/** Errors Fastify raises before routing (a malformed URL such as `/patterns/%`): same shape. */
export function frameworkErrors(err: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  void handle(err, request, reply);
}

export const errorHandlerPlugin = fp(
  (app: FastifyInstance) => {
    app.setErrorHandler(handle);
    app.setNotFoundHandler((request, reply) => handle(new AppError('NOT_FOUND', 404, `no route ${request.method} ${request.url.split('?')[0]}`), request, reply));
  },
  { name: 'error-handler', fastify: '5.x' },
);
