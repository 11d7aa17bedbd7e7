import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.ts';
import type { App } from '../src/platform/http/types.ts';
import { createTestCore, type TestCore, type TestCoreOptions } from './test-db.ts';

export type TestApp = { app: App; core: TestCore; close(): Promise<void> };

/** The real app over a real database, driven with inject() (nothing listens). */
export async function createTestApp(options: TestCoreOptions & { webDir?: string | null } = {}): Promise<TestApp> {
  const { webDir = null, ...coreOptions } = options;
  const core = await createTestCore(coreOptions);
  const app = await buildApp(core, { webDir });
  await app.ready();
  return {
    app,
    core,
    async close() {
      await app.close();
      await core.cleanup();
    },
  };
}

export type Res = { status: number; body: any; headers: Record<string, string | string[] | undefined>; raw: LightMyRequestResponse };

/** A small client: JSON in, parsed JSON out, Bearer token when given. */
export function client(app: App, token?: string, extraHeaders: Record<string, string> = {}) {
  const call = async (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Res> => {
    const h: Record<string, string> = { ...extraHeaders, ...headers };
    if (token) h.authorization = `Bearer ${token}`;
    if (body !== undefined) h['content-type'] ??= 'application/json';
    const raw = await app.inject({
      method,
      url,
      headers: h,
      ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    let parsed: unknown = undefined;
    if (raw.body.length > 0) {
      try {
        parsed = JSON.parse(raw.body);
      } catch {
        parsed = raw.body;
      }
    }
    return { status: raw.statusCode, body: parsed, headers: raw.headers as Res['headers'], raw };
  };
  return {
    get: (url: string, headers?: Record<string, string>) => call('GET', url, undefined, headers),
    post: (url: string, body?: unknown, headers?: Record<string, string>) => call('POST', url, body ?? {}, headers),
    patch: (url: string, body?: unknown, headers?: Record<string, string>) => call('PATCH', url, body ?? {}, headers),
    put: (url: string, body?: unknown, headers?: Record<string, string>) => call('PUT', url, body, headers),
    delete: (url: string, headers?: Record<string, string>) => call('DELETE', url, undefined, headers),
  };
}
export type Client = ReturnType<typeof client>;
