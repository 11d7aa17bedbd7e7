import { escapeHtml } from '../http/html.ts';

/**
 * Email templates with variables: `{{contact.name}}`, `{{ticket.number}}`, `{{survey.url}}`… A template is
 * plain text written by the workspace; it becomes a plain-text part (values as they are) and an HTML part
 * in which the template's own text and every value are escaped, so neither a customer's name nor a
 * ticket's subject can put markup or script in an email. Line breaks become <br>, links stay text but
 * http(s) URLs that came from a value marked as a URL are linked.
 */

const VAR = /\{\{\s*([a-zA-Z][a-zA-Z0-9_]*(?:\.[a-zA-Z][a-zA-Z0-9_]*)*)\s*\}\}/g;

export type TemplateVars = Record<string, unknown>;

function lookup(vars: TemplateVars, path: string): string {
  let v: unknown = vars;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, part)) return '';
    v = (v as Record<string, unknown>)[part];
  }
  return v === null || v === undefined ? '' : typeof v === 'object' ? '' : String(v);
}

/** The variables a template uses, for the editor's check against the ones a trigger provides. */
export function templateVariables(template: string): string[] {
  return [...new Set([...template.matchAll(VAR)].map((m) => m[1]!))];
}

const URL_RE = /^https?:\/\/[^\s<>"']+$/;

/** Render a template to its plain-text and HTML parts; unknown variables render empty. */
export function renderTemplate(template: string, vars: TemplateVars): { text: string; html: string } {
  const text = template.replace(VAR, (_, path: string) => lookup(vars, path));
  let html = '';
  let last = 0;
  for (const m of template.matchAll(VAR)) {
    html += escapeHtml(template.slice(last, m.index));
    const value = lookup(vars, m[1]!);
    html += URL_RE.test(value) && m[1]!.endsWith('url') ? `<a href="${escapeHtml(value)}">${escapeHtml(value)}</a>` : escapeHtml(value);
    last = m.index! + m[0].length;
  }
  html += escapeHtml(template.slice(last));
  return {
    text,
    html: `<div style="font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:15px;line-height:1.5;color:#1f2328">${html.replace(/\r?\n/g, '<br>\n')}</div>`,
  };
}
