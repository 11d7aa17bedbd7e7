/**
 * Errors inside Kith carry a code, never an HTTP status: the HTTP edge maps codes to statuses
 * (packages/server/src/platform/http/problem.ts) and the CLI maps them to exit codes.
 */
export type ErrorCode =
  | 'bad_request'
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'gone'
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

/**
 * Why a request was refused, beyond its code: stable names a client can word in its user's language
 * (the problem document's `reason`, with `params`). Params in brackets come with the reason.
 */
export const ERROR_REASONS = [
  'role_cannot', // [role, action]: the role lacks the permission
  'role_cannot_manage', // [role, target]: changing or removing a member of that role
  'view_author_only', // a shared view is changed by its author or an admin
  'no_workspace', // the account belongs to no workspace
  'cross_origin', // an unsafe request from another origin
  'csrf', // the X-CSRF-Token header is missing or wrong
  'already_set_up', // setup after the first workspace exists
  'email_taken', // [email]
  'already_member', // [email]
  'you_already_member',
  'team_name_taken', // [name]
  'field_key_taken', // [key]
  'last_owner',
  'record_busy', // someone else is changing the record right now
  'too_many_attempts',
  'import_finished', // the import is done or undone; upload the file again
  'import_running', // the same file is being imported right now
  'sign_in_to_accept', // an invitation to an address that has an account is accepted by signing in to it
  'invitation_for_someone_else', // signed in as another address than the invitation's
  'period_closed', // [period]: a closed KPI period's figures and targets are frozen
  'period_open', // [period]: only a closed period is recounted
  'four_eyes', // a reward or penalty is decided by someone other than its proposer and its person
  'already_decided', // [status] the proposal was approved, rejected or withdrawn already
  'proposer_only', // a proposal is changed or withdrawn by its proposer only
] as const;
export type ErrorReason = (typeof ERROR_REASONS)[number];

export type ErrorOptions = {
  issues?: FieldIssue[];
  extra?: Record<string, unknown>;
  cause?: unknown;
  reason?: ErrorReason;
  params?: Record<string, string | number>;
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[];
  /** Extra members for the problem document (e.g. retryAfter, rows; reason and params). */
  readonly extra: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: ErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.issues = options.issues ?? [];
    this.extra = { ...(options.reason ? { reason: options.reason } : {}), ...(options.params ? { params: options.params } : {}), ...(options.extra ?? {}) };
  }
}

export const notFound = (what: string): AppError => new AppError('not_found', `${what} not found`);
export const forbidden = (message = 'You do not have permission to do this', reason?: ErrorReason, params?: Record<string, string | number>): AppError =>
  new AppError('forbidden', message, { ...(reason ? { reason } : {}), ...(params ? { params } : {}) });
/** The caller's role lacks the permission for `action` (e.g. contacts.delete). */
export const roleCannot = (role: string, action: string): AppError =>
  forbidden(`Your role (${role}) cannot ${action.replace('.', ': ')}`, 'role_cannot', { role, action });

/** A validation error naming each offending field. */
export const invalid = (issues: FieldIssue[], message = 'The request has invalid fields'): AppError => new AppError('validation', message, { issues });

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
