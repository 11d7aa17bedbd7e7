import { SCALES } from '@kith/domain/surveys/survey-stats.ts';
import { isScale, wordingIn, type SurveyQuestion, type Wording } from '@kith/domain/surveys/survey.schema.ts';
import { readJson } from '../../platform/db/column-types.ts';
import type { PublicSurvey } from './survey-response.service.ts';
import { dataAttrs, escapeHtml, htmlPage } from '../../platform/http/html.ts';
import { t } from '../../platform/i18n/messages.ts';

/**
 * The public survey page a customer opens from the link: plain HTML served by the API process (no web app
 * bundle, no sign-in), mobile first, in the invitation's language, usable without a mouse. A small inline
 * script (a constant, allowed by a per-response CSP nonce) sends the answers as JSON to the public responses
 * endpoint and shows the thank-you; it reads its URL and words from the form's data attributes. Every text
 * from the workspace is escaped (http/html.ts).
 */

/** The page's words in the invitation's language, from the server's catalogue (i18n/messages.*.ts). */
const words = (locale: string) => ({
  submit: t(locale, 'survey.submit'),
  sending: t(locale, 'survey.sending'),
  thanks: t(locale, 'survey.thanks'),
  thanksMore: t(locale, 'survey.thanksMore'),
  answered: t(locale, 'survey.answered'),
  expired: t(locale, 'survey.expired'),
  closed: t(locale, 'survey.closed'),
  notFound: t(locale, 'survey.notFound'),
  required: t(locale, 'survey.required'),
  error: t(locale, 'survey.error'),
  notLikely: t(locale, 'survey.notLikely'),
  veryLikely: t(locale, 'survey.veryLikely'),
  csatLow: t(locale, 'survey.csatLow'),
  csatHigh: t(locale, 'survey.csatHigh'),
  cesLow: t(locale, 'survey.cesLow'),
  cesHigh: t(locale, 'survey.cesHigh'),
  optional: t(locale, 'survey.optional'),
  placeholder: t(locale, 'survey.placeholder'),
  greeting: (n: string) => (n ? t(locale, 'survey.greeting', { name: n }) : t(locale, 'survey.greetingNoName')),
});
type Words = ReturnType<typeof words>;

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;background:#f4f6f8;color:#1f2328}
main{max-width:640px;margin:0 auto;padding:20px 16px 48px}header{margin-bottom:16px}.org{font-size:14px;color:#57606a;margin:0 0 4px}
h1{font-size:22px;line-height:1.3;margin:0 0 8px}.intro{margin:0;color:#333}
fieldset{border:0;background:#fff;border-radius:12px;padding:16px;margin:0 0 14px;box-shadow:0 1px 2px rgba(0,0,0,.06)}
legend{float:left;width:100%;padding:0;margin:0 0 12px;font-weight:600}legend+*{clear:both}
.scale{display:grid;gap:6px}.scale.n11{grid-template-columns:repeat(12,1fr)}.scale.n11 label{grid-column:span 2}.scale.n11 label:nth-child(7){grid-column:2/span 2}.scale.n5{grid-template-columns:repeat(5,1fr)}.scale.n7{grid-template-columns:repeat(7,1fr)}
@media(min-width:520px){.scale.n11{grid-template-columns:repeat(11,1fr)}.scale.n11 label,.scale.n11 label:nth-child(7){grid-column:auto}}
.scale .band-d span{border-bottom:4px solid #d4351c}.scale .band-p span{border-bottom:4px solid #8a939c}.scale .band-g span{border-bottom:4px solid #00703c}
.scale label{position:relative}.scale input{position:absolute;opacity:0;inset:0;margin:0}
.scale span{display:flex;align-items:center;justify-content:center;min-height:44px;border:1px solid #c9d1d9;border-radius:8px;background:#fff;font-weight:600;cursor:pointer}
.scale input:checked+span{background:#0b5cad;border-color:#0b5cad;color:#fff}.scale input:focus-visible+span{outline:3px solid #f0b400;outline-offset:2px}
.ends{display:flex;justify-content:space-between;font-size:13px;color:#57606a;margin-top:6px;gap:12px}
.choice label{display:flex;gap:10px;align-items:center;min-height:44px;padding:4px 0}.choice input{width:20px;height:20px}
textarea{width:100%;min-height:110px;font:inherit;padding:10px;border:1px solid #c9d1d9;border-radius:8px}
.err{color:#b3261e;font-size:14px;margin:8px 0 0;display:none}.invalid .err{display:block}.invalid{box-shadow:0 0 0 2px #b3261e}
button{width:100%;min-height:48px;border:0;border-radius:10px;background:#0b5cad;color:#fff;font:inherit;font-weight:600;cursor:pointer}
button[disabled]{opacity:.6}.status{margin:12px 0 0;color:#b3261e;min-height:1.5em}
.done{background:#fff;border-radius:12px;padding:28px 16px;text-align:center}.done p{margin:6px 0}.hp{position:absolute;left:-5000px}.done .big{font-size:20px;font-weight:600}
`;

function page(locale: string, title: string, body: string, nonce: string, script?: string): string {
  return htmlPage({ locale, title, style: STYLE, body, nonce, ...(script ? { script } : {}) });
}

/** A page that only says something: not found, expired, closed, already answered. */
export function messagePage(locale: string, kind: 'notFound' | 'expired' | 'closed' | 'answered', nonce: string, org = '', title = ''): string {
  const w = words(locale);
  const head = org || title ? `<header>${org ? `<p class="org">${escapeHtml(org)}</p>` : ''}${title ? `<h1>${escapeHtml(title)}</h1>` : ''}</header>` : '';
  return page(locale, title || w[kind], `${head}<div class="done" role="status"><p class="big">${escapeHtml(w[kind])}</p></div>`, nonce);
}

/** The survey's title in the invitation's language (for the pages that only say something). */
export function surveyTitle(p: PublicSurvey): string {
  return wordingIn(readJson<Wording>(p.survey.title, {}), p.invitation.locale) || p.survey.name;
}

function scaleEnds(q: SurveyQuestion, w: Words): [string, string] {
  if (q.type === 'nps') return [w.notLikely, w.veryLikely];
  if (q.type === 'csat' || q.type === 'rating') return [w.csatLow, w.csatHigh];
  return [w.cesLow, w.cesHigh];
}

function questionHtml(q: SurveyQuestion, i: number, locale: string, w: Words): string {
  const id = `q${i}`;
  const label = escapeHtml(wordingIn(q.text, locale));
  const opt = q.required ? '' : ` <small>${escapeHtml(w.optional)}</small>`;
  let control = '';
  if (isScale(q.type)) {
    const { min, max } = SCALES[q.type];
    const n = max - min + 1;
    const [lo, hi] = scaleEnds(q, w);
    const cells = Array.from({ length: n }, (_, k) => min + k)
      .map(
        (v) =>
          `<label${q.type === 'nps' ? ` class="band-${v <= 6 ? 'd' : v <= 8 ? 'p' : 'g'}"` : ''}><input type="radio" name="${id}" value="${v}"${q.required ? ' required' : ''}><span>${q.type === 'rating' ? `${v}★` : v}</span></label>`,
      )
      .join('');
    control = `<div class="scale n${n}" role="radiogroup" aria-labelledby="${id}-l">${cells}</div><div class="ends" aria-hidden="true"><span>${escapeHtml(`${min} = ${lo}`)}</span><span>${escapeHtml(`${max} = ${hi}`)}</span></div>`;
  } else if (q.type === 'single' || q.type === 'multiple') {
    const type = q.type === 'single' ? 'radio' : 'checkbox';
    control = `<div class="choice">${(q.options ?? []).map((o, k) => `<label><input type="${type}" name="${id}" value="${k}">${escapeHtml(wordingIn(o, locale))}</label>`).join('')}</div>`;
  } else {
    control = `<textarea name="${id}" maxlength="5000" aria-labelledby="${id}-l" placeholder="${escapeHtml(w.placeholder)}"></textarea>`;
  }
  return `<fieldset data-q="${escapeHtml(q.id)}" data-type="${q.type}" data-required="${q.required ? 1 : 0}" data-name="${id}"><legend id="${id}-l">${i + 1}. ${label}${opt}</legend>${control}<p class="err">${escapeHtml(w.required)}</p></fieldset>`;
}

/** The form's script: no value in it (its URL and words are the form's data attributes). */
const SURVEY_SCRIPT = `(()=>{const f=document.getElementById('f'),st=document.getElementById('st'),done=document.getElementById('done'),b=f.querySelector('button');
const W=f.dataset,url=W.url;
f.addEventListener('change',e=>{const fs=e.target.closest('fieldset');if(fs)fs.classList.remove('invalid')});
f.addEventListener('submit',async e=>{e.preventDefault();st.textContent='';const answers=[];let first=null;
for(const fs of f.querySelectorAll('fieldset')){const n=fs.dataset.name,t=fs.dataset.type;let v;
if(t==='text'){v=f.elements[n].value.trim();if(v==='')v=undefined}
else if(t==='multiple'){const c=[...f.querySelectorAll('input[name="'+n+'"]:checked')].map(i=>Number(i.value));v=c.length?c:undefined}
else{const c=f.querySelector('input[name="'+n+'"]:checked');v=c?Number(c.value):undefined}
if(v===undefined){if(fs.dataset.required==='1'){fs.classList.add('invalid');first=first||fs}continue}
answers.push({questionId:fs.dataset.q,value:v})}
if(first){first.scrollIntoView({behavior:'smooth',block:'center'});const i=first.querySelector('input,textarea');if(i)i.focus();return}
b.disabled=true;b.textContent=W.sending;
try{const r=await fetch(url,{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({answers,website:f.elements.website.value||undefined})});
if(r.status===201||r.status===409){f.hidden=true;done.hidden=false;if(r.status===409)done.firstElementChild.textContent=W.answered;window.scrollTo(0,0);return}
if(r.status===410){st.textContent=W.expired}else{st.textContent=W.error}}catch{st.textContent=W.error}
b.disabled=false;b.textContent=W.submit})})();`;

/** The survey form, for an invitation that may be answered. */
export function surveyPage(p: PublicSurvey, token: string, nonce: string): string {
  const locale = p.invitation.locale;
  const w = words(locale);
  const title = wordingIn(readJson<Wording>(p.survey.title, {}), locale) || p.survey.name;
  const intro = wordingIn(readJson<Wording>(p.survey.intro, {}), locale);
  const body = `<header><p class="org">${escapeHtml(p.workspaceName)}</p><h1>${escapeHtml(title)}</h1><p class="intro">${escapeHtml(w.greeting(p.contactName))}${intro ? ` ${escapeHtml(intro)}` : ''}</p></header>
<form id="f" novalidate${dataAttrs({ url: `/api/v1/public/surveys/${encodeURIComponent(token)}/responses`, sending: w.sending, submit: w.submit, error: w.error, answered: w.answered, expired: w.expired })}>${p.questions.map((q, i) => questionHtml(q, i, locale, w)).join('')}
<input type="text" name="website" tabindex="-1" autocomplete="off" aria-hidden="true" class="hp">
<button type="submit">${escapeHtml(w.submit)}</button><p class="status" role="alert" id="st"></p></form>
<div class="done" id="done" hidden role="status"><p class="big">${escapeHtml(w.thanks)}</p><p>${escapeHtml(w.thanksMore)}</p></div>`;
  return page(locale, title, body, nonce, SURVEY_SCRIPT);
}
