import { z } from 'zod';
import type { Core } from '../../core.ts';
import { actorOf } from '../http/auth-hook.ts';
import { mailApi } from '@kith/domain/mail/mail.api.ts';
import { routeSchema } from '../http/contract.ts';
import type { App } from '../http/types.ts';
import { dataAttrs, escapeHtml, htmlPage, newNonce, pageCsp } from '../http/html.ts';
import { t } from '../i18n/messages.ts';
import { listOutbox, retryMail, unsubscribeByLink, unsubscribeQuestion } from './mail.service.ts';
import { deleteMailSettings, getMailSettings, saveMailSettings, sendTestMail } from './workspace-mail.ts';

// The mail API's shapes live once in @kith/domain mail/mail.api.ts; the web calls the same contracts.

export function mailRoutes(core: Core) {
  return async function (app: App) {
    app.get(mailApi.settings.path, { schema: routeSchema(mailApi.settings, [403]), config: { action: 'care.configure' } }, async (req) =>
      getMailSettings(core, actorOf(req)),
    );
    app.put(mailApi.saveSettings.path, { schema: routeSchema(mailApi.saveSettings, [403, 422]), config: { action: 'care.configure' } }, async (req) =>
      saveMailSettings(core, actorOf(req), req.body),
    );
    app.delete(
      mailApi.removeSettings.path,
      { schema: routeSchema(mailApi.removeSettings, [403, 404]), config: { action: 'care.configure' } },
      async (req, reply) => {
        await deleteMailSettings(core, actorOf(req));
        return reply.code(204).send(null);
      },
    );
    app.post(mailApi.test.path, { schema: routeSchema(mailApi.test, [403, 409, 422]), config: { action: 'care.configure' } }, async (req) =>
      sendTestMail(core, actorOf(req), req.body.to),
    );
    app.get(mailApi.outbox.path, { schema: routeSchema(mailApi.outbox, [403]), config: { action: 'care.configure' } }, async (req) => ({
      data: await listOutbox(core, actorOf(req), req.query),
    }));
    app.post(mailApi.retry.path, { schema: routeSchema(mailApi.retry, [403, 404, 409]), config: { action: 'care.configure' } }, async (req, reply) => {
      await retryMail(core, actorOf(req), req.params.id);
      return reply.code(202).send({ queued: true });
    });
  };
}

const UNSUB_STYLE =
  'body{margin:0;font:16px/1.5 system-ui,sans-serif;background:#f4f6f8;color:#1f2328}main{max-width:520px;margin:48px auto;padding:24px;background:#fff;border-radius:12px}button{min-height:44px;padding:0 20px;border:0;border-radius:8px;background:#0b5cad;color:#fff;font:inherit;font-weight:600;cursor:pointer}';
/** The button's script: a constant; the confirmation it shows is the question's data-done attribute (a workspace name is never in a script). */
const UNSUB_SCRIPT =
  "document.getElementById('b').addEventListener('click',async()=>{const r=await fetch(location.pathname,{method:'POST'});if(r.ok){const q=document.getElementById('q');q.textContent=q.dataset.done;document.getElementById('b').remove()}})";

function unsubPage(locale: string, body: string, nonce: string, script?: string): string {
  return htmlPage({ locale, title: t(locale, 'unsubscribe.title'), style: UNSUB_STYLE, body, nonce, ...(script ? { script } : {}) });
}

/** GET /u/{contactId}/{signature}: asks (a link scanner must not unsubscribe anyone); POST does it (also RFC 8058 one-click). */
export function unsubscribeRoutes(core: Core) {
  return async function (app: App) {
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) => done(null, body));
    const params = z.object({ contactId: z.string().max(40), signature: z.string().max(64) });
    app.get('/u/:contactId/:signature', { schema: { hide: true, params } }, async (req, reply) => {
      const nonce = newNonce();
      reply
        .header('content-security-policy', pageCsp(nonce))
        .header('cache-control', 'no-store')
        .header('referrer-policy', 'no-referrer')
        .type('text/html; charset=utf-8');
      const ws = await unsubscribeQuestion(core, req.params.contactId, req.params.signature);
      if (!ws) return reply.code(404).send(unsubPage('vi', `<p>${escapeHtml(t('vi', 'unsubscribe.bad'))}</p>`, nonce));
      const l = ws.locale;
      return reply.send(
        unsubPage(
          l,
          `<h1>${escapeHtml(t(l, 'unsubscribe.title'))}</h1><p id="q"${dataAttrs({ done: t(l, 'unsubscribe.done', { workspace: ws.workspaceName }) })}>${escapeHtml(t(l, 'unsubscribe.ask', { workspace: ws.workspaceName }))}</p><button id="b" type="button">${escapeHtml(t(l, 'unsubscribe.button'))}</button>`,
          nonce,
          UNSUB_SCRIPT,
        ),
      );
    });
    app.post('/u/:contactId/:signature', { schema: { hide: true, params } }, async (req, reply) => {
      const r = await unsubscribeByLink(core, req.params.contactId, req.params.signature);
      if (!r) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
      return reply
        .code(200)
        .type('text/plain; charset=utf-8')
        .send(t(r.locale, 'unsubscribe.done', { workspace: r.workspaceName }));
    });
  };
}
