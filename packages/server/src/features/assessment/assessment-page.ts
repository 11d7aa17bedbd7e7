import { AppError, notFound } from '@kith/domain/errors.ts';
import { practicesOf, SCALE, type Framework } from '@kith/domain/assessment/framework.ts';
import type { ScoresBody } from '@kith/domain/assessment/assessment.api.ts';
import type { z } from 'zod';
import type { Core } from '../../core.ts';
import { hashSecret } from '../../platform/auth/secrets.ts';
import { reserve } from '../../platform/auth/throttle.ts';
import { readJson } from '../../platform/db/column-types.ts';
import { dataAttrs, escapeHtml, htmlPage, userText } from '../../platform/http/html.ts';
import { pick } from './assessment-framework.service.ts';
import { respondentByTokenHash, type AssessmentRow } from './assessment.repository.ts';
import { saveScores, scoresOf, type ScoresState } from './assessment.service.ts';

/**
 * The page an outside respondent opens from their personal link (GET /a/{token}): plain HTML in their language,
 * every practice with its two 0–4 scales and a comment, saved as a draft or submitted through the public scores
 * endpoint. The link expires; only its hash is stored; tries are rate-limited per link and per address.
 */

export const LINK_LIMIT = { max: 60, windowMs: 10 * 60_000 };
export const ADDRESS_LIMIT = { max: 300, windowMs: 10 * 60_000 };

type Outside = NonNullable<Awaited<ReturnType<typeof respondentByTokenHash>>>;

export async function outsideRespondent(core: Core, token: string): Promise<Outside> {
  const r = await respondentByTokenHash(core.db, hashSecret(token));
  if (!r) throw notFound('Assessment link');
  return r;
}

export function linkState(r: Outside, now: Date): 'open' | 'expired' | 'closed' | 'submitted' {
  if (r.submitted_at) return 'submitted';
  if (r.status === 'closed') return 'closed';
  if (r.expires_at && Date.parse(r.expires_at) <= now.getTime()) return 'expired';
  return 'open';
}

export async function publicSave(core: Core, token: string, body: z.output<typeof ScoresBody>, ip: string | null): Promise<Omit<ScoresState, 'scores'>> {
  const nowMs = core.now().getTime();
  const limits = [{ key: `assess:${hashSecret(token).slice(0, 32)}`, ...LINK_LIMIT }, ...(ip ? [{ key: `assess-ip:${ip}`, ...ADDRESS_LIMIT }] : [])];
  const attempt = await reserve(core.db, limits, nowMs);
  if (attempt.wait > 0)
    throw new AppError('rate_limited', 'Too many tries for this link; try again later', { reason: 'too_many_attempts', extra: { retryAfter: attempt.wait } });
  const r = await outsideRespondent(core, token);
  const state = linkState(r, core.now());
  if (state === 'expired') throw new AppError('gone', 'This link has expired');
  if (state === 'closed') throw new AppError('gone', 'The assessment is closed');
  if (state === 'submitted') throw new AppError('conflict', 'These answers were submitted and are final');
  const row = { id: r.assessment_id, workspace_id: r.workspace_id, framework: r.framework, status: r.status } as unknown as AssessmentRow;
  const out = await saveScores(
    core,
    { workspaceId: r.workspace_id, actorUserId: null, actorTokenId: null },
    row,
    { id: r.id, submitted_at: r.submitted_at },
    body,
  );
  return { answered: out.answered, total: out.total, submittedAt: out.submittedAt };
}

const STYLE = `*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;background:#f4f6f8;color:#1f2328}
main{max-width:760px;margin:0 auto;padding:20px 16px 64px}.org{font-size:14px;color:#57606a;margin:0 0 4px}h1{font-size:22px;margin:0 0 8px}h2{font-size:18px;margin:28px 0 10px}
fieldset{border:0;background:#fff;border-radius:12px;padding:14px 16px;margin:0 0 12px;box-shadow:0 1px 2px rgba(0,0,0,.06)}legend{float:left;width:100%;padding:0;margin:0 0 8px;font-weight:600}legend+*{clear:both}
.full{font-size:13px;color:#57606a;margin:0 0 8px}.dim{display:flex;gap:10px;align-items:center;flex-wrap:wrap;margin:6px 0}.dim b{min-width:90px;font-weight:500}
.lv{display:flex;gap:4px}.lv label{position:relative}.lv input{position:absolute;opacity:0;inset:0;margin:0}.lv span{display:flex;align-items:center;justify-content:center;width:44px;height:40px;border:1px solid #c9d1d9;border-radius:8px;background:#fff;font-weight:600;cursor:pointer}
.lv input:checked+span{background:#0b5cad;border-color:#0b5cad;color:#fff}.lv input:focus-visible+span{outline:3px solid #f0b400;outline-offset:2px}
textarea{width:100%;min-height:52px;font:inherit;padding:8px;border:1px solid #c9d1d9;border-radius:8px}.bar{position:sticky;bottom:0;background:#f4f6f8;padding:12px 0;display:flex;gap:10px;align-items:center}
button{min-height:46px;border:0;border-radius:10px;background:#0b5cad;color:#fff;font:inherit;font-weight:600;padding:0 18px;cursor:pointer}button.sec{background:#fff;color:#0b5cad;border:1px solid #0b5cad}
.st{color:#57606a}.done{background:#fff;border-radius:12px;padding:28px 16px;text-align:center}.scale{font-size:13px;color:#57606a}`;

const words = (vi: boolean) =>
  vi
    ? {
        intention: 'Ý định',
        reality: 'Thực tế',
        comment: 'Ghi chú, bằng chứng (không bắt buộc)',
        save: 'Lưu nháp',
        submit: 'Nộp bài',
        saved: 'Đã lưu',
        missing: 'Còn thực hành chưa chấm điểm',
        error: 'Không gửi được, vui lòng thử lại',
        done: 'Cảm ơn bạn! Câu trả lời đã được nộp.',
        expired: 'Liên kết này đã hết hạn.',
        closed: 'Cuộc đánh giá đã kết thúc.',
        notFound: 'Không tìm thấy liên kết đánh giá.',
        full: 'Mức 4 nghĩa là:',
        hello: 'Xin chào',
      }
    : {
        intention: 'Intention',
        reality: 'Reality',
        comment: 'Comment, evidence (optional)',
        save: 'Save draft',
        submit: 'Submit',
        saved: 'Saved',
        missing: 'Some practices are not scored yet',
        error: 'Could not send; please try again',
        done: 'Thank you! Your answers are submitted.',
        expired: 'This link has expired.',
        closed: 'The assessment is closed.',
        notFound: 'This assessment link was not found.',
        full: 'Level 4 means:',
        hello: 'Hello',
      };

export function messagePage(locale: string, kind: 'expired' | 'closed' | 'notFound' | 'done', nonce: string): string {
  const w = words(locale !== 'en');
  return htmlPage({ locale, title: w[kind], style: STYLE, nonce, body: `<div class="done" role="status"><p>${escapeHtml(w[kind])}</p></div>` });
}

const SCRIPT = `(()=>{const f=document.getElementById('f'),st=document.getElementById('st'),W=f.dataset;
function collect(){const out=[];for(const fs of f.querySelectorAll('fieldset[data-p]')){const p=fs.dataset.p;const i=fs.querySelector('input[name="i-'+p+'"]:checked'),r=fs.querySelector('input[name="r-'+p+'"]:checked');if(!i||!r)continue;const c=fs.querySelector('textarea').value.trim();out.push({practiceId:p,intention:Number(i.value),reality:Number(r.value),comment:c||null})}return out}
async function send(submit){const scores=collect();if(submit&&scores.length<Number(W.total)){st.textContent=W.missing;return}
st.textContent='…';try{const r=await fetch(W.url,{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({scores,submit})});
if(r.ok){if(submit){f.hidden=true;document.getElementById('done').hidden=false;window.scrollTo(0,0)}else st.textContent=W.saved+' ('+scores.length+'/'+W.total+')';return}
st.textContent=r.status===410?W.expired:W.error}catch{st.textContent=W.error}}
document.getElementById('save').addEventListener('click',()=>send(false));f.addEventListener('submit',e=>{e.preventDefault();send(true)})})();`;

export async function assessmentPage(core: Core, r: Outside, token: string, nonce: string): Promise<string> {
  const vi = r.locale !== 'en';
  const lang = vi ? 'vi' : 'en';
  const w = words(vi);
  const f = readJson<Framework>(r.framework, null as never);
  const mine = await scoresOf(core, r.id, practicesOf(f).length, r.submitted_at);
  const have = new Map(mine.scores.map((s) => [s.practiceId, s]));
  const e = escapeHtml;
  const levels = (name: string, dim: 'intention' | 'reality', value: number | undefined) =>
    `<div class="lv" role="radiogroup">${[0, 1, 2, 3, 4]
      .map(
        (v) =>
          `<label title="${e(pick(SCALE[dim][v] as { vi: string; en: string }, lang))}"><input type="radio" name="${name}" value="${v}"${value === v ? ' checked' : ''}><span>${v}</span></label>`,
      )
      .join('')}</div>`;
  const areas = f.areas
    .map(
      (a) =>
        `<h2>${e(pick(a.name, lang))}</h2>${a.subComponents
          .flatMap((s) => s.practices)
          .map((p) => {
            const h = have.get(p.id);
            return `<fieldset data-p="${e(p.id)}"><legend>${userText(pick(p.text, lang))}</legend><p class="full">${e(w.full)} ${e(pick(p.intention, lang))} ${e(pick(p.reality, lang))}</p>
<div class="dim"><b>${e(w.intention)}</b>${levels(`i-${p.id}`, 'intention', h?.intention)}</div><div class="dim"><b>${e(w.reality)}</b>${levels(`r-${p.id}`, 'reality', h?.reality)}</div>
<textarea maxlength="2000" aria-label="${e(w.comment)}" placeholder="${e(w.comment)}">${e(h?.comment ?? '')}</textarea></fieldset>`;
          })
          .join('')}`,
    )
    .join('');
  const scale = `<p class="scale">${e(w.intention)}: ${SCALE.intention.map((l, i) => `${i} = ${e(pick(l, lang))}`).join('; ')}<br>${e(w.reality)}: ${SCALE.reality.map((l, i) => `${i} = ${e(pick(l, lang))}`).join('; ')}</p>`;
  const body = `<main><p class="org">${userText(r.workspace_name)}</p><h1>${userText(r.assessment_name)}</h1><p>${e(w.hello)} ${userText(r.name)}. ${e(pick(f.description, lang))}</p>${scale}
<form id="f"${dataAttrs({ url: `/api/v1/public/assessments/${encodeURIComponent(token)}/scores`, total: String(practicesOf(f).length), saved: w.saved, missing: w.missing, error: w.error, expired: w.expired })}>${areas}
<div class="bar"><button type="button" class="sec" id="save">${e(w.save)}</button><button type="submit">${e(w.submit)}</button><span class="st" id="st" role="status"></span></div></form>
<div class="done" id="done" hidden role="status"><p>${e(w.done)}</p></div></main>`;
  return htmlPage({ locale: lang, title: r.assessment_name.replace(/[\u202A-\u202E\u2066-\u2069]/g, ''), style: STYLE, body, nonce, script: SCRIPT });
}
