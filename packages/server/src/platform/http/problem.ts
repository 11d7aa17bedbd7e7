import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode, type FieldIssue } from '@kith/domain/errors.ts';
import { RequestValidationError } from './zod-validator.ts';

/** RFC 9457 problem details. `errors` names each offending field by JSON Pointer. */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: ErrorCode | 'internal';
  errors?: { pointer: string; detail: string; code?: string; params?: Record<string, string | number> }[];
  [extra: string]: unknown;
};

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  precondition_failed: 412,
  precondition_required: 428,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
};

const TITLE: Record<ErrorCode | 'internal', string> = {
  bad_request: 'Bad request',
  validation: 'Invalid fields',
  unauthenticated: 'Authentication required',
  forbidden: 'Forbidden',
  not_found: 'Not found',
  conflict: 'Conflict',
  gone: 'Gone',
  precondition_failed: 'The record changed since you read it',
  precondition_required: 'If-Match required',
  payload_too_large: 'Payload too large',
  unsupported_media_type: 'Unsupported media type',
  rate_limited: 'Too many requests',
  unavailable: 'Service unavailable',
  internal: 'Internal server error',
};

/** Every `code` a problem document can carry. */
export const PROBLEM_CODES = Object.keys(TITLE) as (ErrorCode | 'internal')[];

export function statusOf(code: ErrorCode): number {
  return STATUS[code];
}

/** A JSON Pointer (RFC 6901) for a path such as ["items", 3, "emails", 0]. */
export function pointer(path: readonly (string | number | symbol)[]): string {
  return path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

export function problemOf(code: ErrorCode | 'internal', detail: string | undefined, issues: FieldIssue[] = [], extra: Record<string, unknown> = {}): Problem {
  const status = code === 'internal' ? 500 : STATUS[code];
  const p: Problem = { type: `https://kith.dev/problems/${code.replace(/_/g, '-')}`, title: TITLE[code], status, code, ...extra };
  if (detail) p.detail = detail;
  if (issues.length > 0)
    p.errors = issues.map((i) => ({
      pointer: pointer(i.path),
      detail: i.message,
      ...(i.code ? { code: i.code } : {}),
      ...(i.params ? { params: i.params } : {}),
    }));
  return p;
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type('application/problem+json; charset=utf-8').serializer(JSON.stringify).send(problem);
}

/** Fastify's own errors (body parsing, limits, content types) by code. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad_request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'bad_request',
  FST_ERR_CTP_EMPTY_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_TYPE: 'unsupported_media_type',
  FST_ERR_INVALID_URL: 'bad_request',
  FST_ERR_BAD_URL: 'bad_request',
  FST_ERR_ASYNC_CONSTRAINT: 'bad_request',
};

/**
 * A constraint the database enforced (a race on a unique key, a parent deleted meanwhile) is a 409, and a
 * value the database could not take is a 400: the request changed nothing (its transaction rolled back).
 */
function databaseProblem(error: unknown): Problem | null {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return null;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505') {
    return problemOf('conflict', 'Something with the same identity was created at the same moment; reload and try again');
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503')
    return problemOf('conflict', 'A record this refers to was changed or removed meanwhile; reload and try again');
  if (/^22[0-9A-Z]{3}$/.test(code) || code === 'SQLITE_TOOBIG' || code === '54000') return problemOf('bad_request', 'A value could not be stored');
  return null;
}

/** The one error handler: AppError codes and validation errors become 4xx; anything else is a logged 500 with no details. */
export function errorHandler(error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  try {
    return handle(error, request, reply);
  } catch (e) {
    request.log.error({ err: e, original: error }, 'the error handler failed');
    return sendProblem(reply, problemOf('internal', 'Something went wrong on our side', [], { requestId: request.id }));
  }
}

function handle(error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof AppError) {
    if (error.code === 'rate_limited' && typeof error.extra.retryAfter === 'number') reply.header('retry-after', String(error.extra.retryAfter));
    return sendProblem(reply, problemOf(error.code, error.message, error.issues, error.extra));
  }
  if (error instanceof RequestValidationError) {
    const where = error.validationContext ?? 'body';
    if (where === 'params') return sendProblem(reply, problemOf('not_found', 'Not found'));
    return sendProblem(
      reply,
      problemOf('validation', `The ${where === 'querystring' ? 'query string' : where} has invalid fields`, error.issues, { in: where }),
    );
  }
  const db = databaseProblem(error);
  if (db) {
    request.log.warn({ err: error }, 'database refused the write');
    return sendProblem(reply, db);
  }
  const fe = error as FastifyError;
  if (fe.code && FASTIFY_CODES[fe.code]) {
    return sendProblem(reply, problemOf(FASTIFY_CODES[fe.code]!, fe.message));
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code: ErrorCode =
      fe.statusCode === 413 ? 'payload_too_large' : fe.statusCode === 415 ? 'unsupported_media_type' : fe.statusCode === 404 ? 'not_found' : 'bad_request';
    return sendProblem(reply, problemOf(code, fe.message));
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendProblem(
    reply,
    problemOf('internal', 'Something went wrong on our side; the error was logged with this request id', [], { requestId: request.id }),
  );
}
