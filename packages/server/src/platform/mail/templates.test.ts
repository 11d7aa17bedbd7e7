/** The HTML part of an email from a workspace's template: hostile names and templates are text in it. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderTemplate } from './templates.ts';

/** Markup in the template a workspace wrote. */
const OWN = '</div><script>alert(3)</script>';
const HOSTILE = `</script><img src=x onerror=alert(1)>"><svg onload=alert(2)>'{{survey.url}}\u2028`;

/** The tags of an HTML fragment (escaped text has none). */
const tags = (html: string) => [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/g)].map((m) => ({ name: m[1]!.toLowerCase(), attrs: m[2]! }));

describe('email templates', () => {
  test('values and the template’s own text are escaped; a value is never read as a template; only a URL value becomes a link', () => {
    const { text, html } = renderTemplate(`Chào {{contact.name}}, ${OWN}\nLink: {{survey.url}} {{ticket.subject}}`, {
      contact: { name: HOSTILE },
      survey: { url: 'https://shop.example/s/abc' },
      ticket: { subject: 'javascript:alert(1)' },
    });
    assert.equal(text, `Chào ${HOSTILE}, ${OWN}\nLink: https://shop.example/s/abc javascript:alert(1)`, 'plain text keeps the values as they are');
    const t = tags(html);
    assert.deepEqual([...new Set(t.map((x) => x.name))].sort(), ['a', 'br', 'div'], 'only the wrapper, line breaks and the one link');
    assert.deepEqual(
      t.filter((x) => x.name === 'a').map((x) => x.attrs),
      [' href="https://shop.example/s/abc"'],
    );
    assert.ok(!/\son[a-z]+=/i.test(t.map((x) => x.attrs).join(' ')), 'no handler attribute');
    assert.ok(html.includes('&lt;/div&gt;&lt;script&gt;alert(3)&lt;/script&gt;'), 'the template’s own markup is text too');
    assert.ok(
      html.includes('&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&quot;&gt;&lt;svg onload=alert(2)&gt;&#39;{{survey.url}}'),
      'the name shown literally, {{…}} in it left alone',
    );
  });

  test('a URL value that could break out of the attribute is not linked', () => {
    const { html } = renderTemplate('{{survey.url}}', { survey: { url: 'https://x.example/"onmouseover="alert(1)' } });
    assert.deepEqual(
      tags(html).map((x) => x.name),
      ['div'],
    );
    assert.ok(html.includes('https://x.example/&quot;onmouseover=&quot;alert(1)'));
  });
});
