/**
 * Errors inside Kith carry a code, never an HTTP status: the HTTP edge maps codes to statuses
 * (packages/server/src/http/problem.ts) and the CLI maps them to exit codes.
 */
export type ErrorCode =
  | 'bad_request'
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'precondition_failed'
  | 'precondition_required'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'unavailable';

/**
 * One offending field: `path` is the JSON path into the input, e.g. ["items", 3, "emails", 0]; `message`
 * is English for people reading the API; `code` (with `params`) is stable, for clients that show the
 * message in their user's language (the web app does) — see ISSUE_CODES in schema/issues.ts.
 */
export type FieldIssue = { path: (string | number)[]; message: string; code?: string; params?: Record<string, string | number> };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[];
  /** Extra members for the problem document (e.g. retryAfter, rows). */
  readonly extra: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: { issues?: FieldIssue[]; extra?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.issues = options.issues ?? [];
    this.extra = options.extra ?? {};
  }
}

export const notFound = (what: string): AppError => new AppError('not_found', `${what} not found`);
export const forbidden = (message = 'You do not have permission to do this'): AppError => new AppError('forbidden', message);

/** A validation error naming each offending field. */
export const invalid = (issues: FieldIssue[], message = 'The request has invalid fields'): AppError =>
  new AppError('validation', message, { issues });

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
