import type { App } from '../src/platform/http/types.ts';

/** A cookie jar over inject(): what a browser would keep and send, plus the CSRF header on writes. */
export function browser(app: App, remoteAddress = '127.0.0.1') {
  const jar = new Map<string, string>();
  let csrf: string | null = null;
  const call = async (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    o: { csrf?: boolean; headers?: Record<string, string> } = {},
  ) => {
    const headers: Record<string, string> = { ...o.headers };
    if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (o.csrf !== false && csrf && method !== 'GET') headers['x-csrf-token'] = csrf;
    const res = await app.inject({ method, url, headers, remoteAddress, ...(body !== undefined ? { payload: JSON.stringify(body) } : {}) });
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now()) || c.maxAge === 0) jar.delete(c.name);
      else jar.set(c.name, c.value);
    }
    const parsed = res.body
      ? (() => {
          try {
            return JSON.parse(res.body);
          } catch {
            return res.body;
          }
        })()
      : undefined;
    if (parsed && typeof parsed === 'object' && 'csrfToken' in parsed && typeof parsed.csrfToken === 'string') csrf = parsed.csrfToken;
    return {
      status: res.statusCode,
      body: parsed as any,
      headers: res.headers,
      cookies: res.cookies as { name: string; value: string; httpOnly?: boolean; sameSite?: string; path?: string }[],
    };
  };
  return {
    jar,
    get csrf() {
      return csrf;
    },
    login: (email: string, password: string, workspace?: string) =>
      call('POST', '/api/v1/auth/login', { email, password, ...(workspace ? { workspace } : {}) }),
    get: (url: string) => call('GET', url),
    post: (url: string, body: unknown = {}, o?: { csrf?: boolean; headers?: Record<string, string> }) => call('POST', url, body, o),
    patch: (url: string, body: unknown = {}, o?: { csrf?: boolean }) => call('PATCH', url, body, o),
    put: (url: string, body: unknown = {}, o?: { csrf?: boolean }) => call('PUT', url, body, o),
    delete: (url: string, o?: { csrf?: boolean }) => call('DELETE', url, undefined, o),
  };
}
