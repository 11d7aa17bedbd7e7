/**
 * The one way the web app talks to the server: same-origin fetch with the session cookie, the CSRF
 * token on unsafe methods, and RFC 9457 problem documents turned into ApiError with field messages
 * keyed by JSON Pointer ("/emails/0").
 */

import i18next from 'i18next';

/** One field the server refused: `code` and `params` let us word it in the user's language. */
export type FieldError = { pointer: string; detail: string; code?: string; params?: Record<string, string | number> };

/** The message for a field issue in the current language (validation.<code>), else the server's English. */
export function fieldErrorText(e: FieldError): string {
  const key = `validation.${e.code}`;
  return e.code && i18next.exists(key) ? i18next.t(key, e.params ?? {}) : e.detail;
}

export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly fieldErrors: FieldError[];
  readonly body: unknown;
  /** Why, beyond the code (role_cannot, team_name_taken, …), with the values the message needs. */
  readonly reason: string | undefined;
  readonly params: Record<string, string | number>;
  constructor(status: number, code: string, message: string, fieldErrors: FieldError[] = [], body: unknown = null) {
    super(message);
    this.status = status;
    this.code = code;
    this.fieldErrors = fieldErrors;
    this.body = body;
    const b = (body ?? {}) as { reason?: unknown; params?: unknown };
    this.reason = typeof b.reason === 'string' ? b.reason : undefined;
    this.params = b.params && typeof b.params === 'object' ? (b.params as Record<string, string | number>) : {};
  }
  /** The message for one field ("/name"), or for a field and anything under it ("/emails" matches "/emails/0"). */
  fieldMessage(pointer: string): string | undefined {
    const e = this.fieldErrors.find((x) => x.pointer === pointer || x.pointer.startsWith(`${pointer}/`));
    return e ? fieldErrorText(e) : undefined;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

let onUnauthenticated: (() => void) | undefined;
/** Called when any request answers 401 (the session ended elsewhere): the app goes back to sign-in. */
export function setUnauthenticatedHandler(fn: () => void): void {
  onUnauthenticated = fn;
}

export type RequestOptions = {
  body?: unknown;
  file?: Blob;
  ifMatch?: string;
  signal?: AbortSignal;
  query?: Record<string, string | number | boolean | undefined | null | string[]>;
};

export type ApiResponse<T> = { data: T; etag: string | null; status: number };

function withQuery(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length) p.append(k, v.join(','));
    } else p.append(k, String(v));
  }
  const s = p.toString();
  return s ? `${path}?${s}` : path;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  // A file goes as the body itself (imports); the server reads what it is from its bytes.
  if (opts.file) headers['content-type'] = 'application/octet-stream';
  if (method !== 'GET' && method !== 'HEAD') {
    const csrf = readCookie('kith_csrf');
    if (csrf) headers['x-csrf-token'] = csrf;
  }
  if (opts.ifMatch) headers['if-match'] = opts.ifMatch;
  let res: Response;
  try {
    res = await fetch(`/api/v1${withQuery(path, opts.query)}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.file ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'network', 'network');
  }
  const type = res.headers.get('content-type') ?? '';
  const body: unknown = res.status === 204 ? null : type.includes('json') ? await res.json().catch(() => null) : await res.text();
  if (!res.ok) {
    const p = (body ?? {}) as { code?: string; detail?: string; title?: string; errors?: FieldError[] };
    if (res.status === 401 && path !== '/auth/login' && path !== '/auth/session') onUnauthenticated?.();
    throw new ApiError(res.status, p.code ?? String(res.status), p.detail ?? p.title ?? res.statusText, Array.isArray(p.errors) ? p.errors : [], body);
  }
  return { data: body as T, etag: res.headers.get('etag'), status: res.status };
}
