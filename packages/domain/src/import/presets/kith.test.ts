import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONTACT_FIELD_LIST } from '../../contacts/contact.fields.ts';
import { CONTACT_FILE_COLUMNS } from '../../contacts/contact-file.ts';
import { consentsText, parseConsentsText } from '../../contacts/consent-text.ts';
import { contactFieldLabel, hasContactFieldLabel } from '../../labels/field-labels.ts';
import { isSkip } from '../../schema/field-table.ts';
import { matchKey } from '../../text/fold.ts';
import { recognisePreset } from '../presets.ts';
import { KITH_PRESETS } from './kith.ts';

test('Kith’s contacts file has a column for every exported field, each named in both languages and read back by the import', () => {
  const exported = CONTACT_FIELD_LIST.filter((f) => !isSkip(f.export)).map((f) => f.name);
  assert.deepEqual(
    CONTACT_FILE_COLUMNS.filter((c) => !['id', 'createdAt', 'updatedAt'].includes(c.key)).map((c) => c.field),
    exported,
  );
  for (const c of CONTACT_FILE_COLUMNS) {
    assert.ok(hasContactFieldLabel(c.field), `contactFields.${c.field} in vi.json and en.json`);
    if (c.key !== 'updatedAt') assert.equal(typeof c.target, 'string', `${c.key} goes back in`);
  }
  // Every field but custom (one column per custom field) is exported.
  assert.deepEqual(
    CONTACT_FIELD_LIST.filter((f) => isSkip(f.export)).map((f) => f.name),
    ['custom'],
  );
});

test('one preset per language and one for the raw file, each recognising its own file and no other', () => {
  assert.deepEqual(
    KITH_PRESETS.map((p) => p.id),
    ['kith-contacts-vi', 'kith-contacts-en', 'kith-contacts-raw'],
  );
  for (const [lang, id] of [
    ['vi', 'kith-contacts-vi'],
    ['en', 'kith-contacts-en'],
  ] as const) {
    const headers = CONTACT_FILE_COLUMNS.map((c) => contactFieldLabel(c.field, lang));
    assert.equal(new Set(headers.map(matchKey)).size, headers.length, `${lang}: every header is one column`);
    assert.equal(recognisePreset([...headers, 'Hạng'], 'contacts')?.id, id);
  }
  assert.equal(
    recognisePreset(
      CONTACT_FILE_COLUMNS.map((c) => c.key),
      'contacts',
    )?.id,
    'kith-contacts-raw',
  );
  // Kith's names for its own values win over the field table's words for other files' ("Tiềm năng" is Kith's first stage).
  assert.equal(KITH_PRESETS[0]!.values?.lifecycleStage?.[matchKey('Tiềm năng')], 'lead');
});

test('consents as people read them, and back', () => {
  const consents = {
    email: { status: 'granted' as const, source: 'form', at: '2026-01-02T03:04:05.000Z' },
    post: { status: 'denied' as const, source: null, at: '2025-12-31T23:59:59.000Z' },
  };
  const vi = consentsText(consents, 'vi');
  assert.equal(vi, 'Email: Đồng ý (2026-01-02T03:04:05.000Z); Thư bưu điện: Từ chối (2025-12-31T23:59:59.000Z)');
  const expected = { email: { status: 'granted', at: '2026-01-02T03:04:05.000Z' }, post: { status: 'denied', at: '2025-12-31T23:59:59.000Z' } };
  for (const text of [vi, consentsText(consents, 'en')]) assert.deepEqual(parseConsentsText(text), { ok: true, value: expected });
  assert.deepEqual(parseConsentsText('sms: agreed'), { ok: true, value: { sms: { status: 'granted' } } });
  assert.equal(parseConsentsText('Email: có lẽ').ok, false);
  assert.equal(parseConsentsText('Bồ câu: Đồng ý').ok, false);
  assert.equal(parseConsentsText('Email: Đồng ý (hôm qua)').ok, false);
});
