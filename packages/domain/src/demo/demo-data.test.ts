import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ContactCreateSchema } from '../contacts/contact.schema.ts';
import { isValidEmail } from '../emails/email.ts';
import { provinceByCode } from '../geo/provinces.ts';
import { normalizePhone } from '../phones/phone.ts';
import { fold } from '../text/fold.ts';
import { demoCompany, demoContact } from './demo-data.ts';

test('deterministic by seed: record i is the same whatever the total; other seeds differ', () => {
  for (const i of [0, 1, 57, 999]) assert.deepEqual(demoContact(7, i, 50), demoContact(7, i, 50));
  const a = Array.from({ length: 50 }, (_, i) => demoContact(7, i, 50).name);
  const b = Array.from({ length: 50 }, (_, i) => demoContact(8, i, 50).name);
  assert.notDeepEqual(a, b);
  assert.deepEqual(demoCompany(3, 4), demoCompany(3, 4));
});

test('every generated person is valid: phones, emails, provinces, Vietnamese names with diacritics', () => {
  let withMarks = 0;
  for (let i = 0; i < 2000; i++) {
    const { companyIndex, ownerSlot: _o, ...c } = demoContact(42, i, 100);
    assert.ok(companyIndex === null || (companyIndex >= 0 && companyIndex < 100));
    for (const p of c.phones ?? []) assert.equal(normalizePhone(p, 'VN').ok, true, p);
    for (const e of c.emails ?? []) assert.equal(isValidEmail(e), true, e);
    if (c.province) assert.ok(provinceByCode(c.province), c.province);
    assert.equal(c.name.split(' ').length, 3);
    if (fold(c.name) !== c.name.toLowerCase()) withMarks++;
    assert.equal(ContactCreateSchema.safeParse({ ...c, companyId: null }).success, true, JSON.stringify(c));
  }
  assert.ok(withMarks > 1500, `${withMarks} of 2000 names carry diacritics`);
});
