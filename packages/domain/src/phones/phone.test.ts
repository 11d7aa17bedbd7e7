import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatPhone, isRegion, normalizePhone, phoneSearchTokens, splitPhoneList, VN_PREFIXES_2018 } from './phone.ts';
import { joinPhone, splitPhone } from './phone-value.ts';

const plain = (e164: string) => ({ ok: true, e164, ext: null, value: e164, renumbered: false });

test('Vietnamese mobiles typed many ways become the same E.164', () => {
  for (const input of [
    '0912 345 678',
    '0912345678',
    '0912.345.678',
    '0912-345-678',
    '+84 912 345 678',
    '+84912345678',
    '84912345678',
    '(+84) 912 345 678',
    ' 0912 345 678 ',
  ]) {
    assert.deepEqual(normalizePhone(input, 'VN'), plain('+84912345678'), input);
  }
  assert.deepEqual(normalizePhone('0383 123 456', 'VN'), plain('+84383123456'));
  assert.deepEqual(normalizePhone('028 3822 1234', 'VN'), plain('+842838221234'), 'a Saigon landline');
});

test('invalid numbers come back with a reason', () => {
  for (const input of ['', '   ', '0912', '123', 'abc', '0912 345 678 9999', '+84 000 000 000', '09x2345678', 'a'.repeat(50)]) {
    const r = normalizePhone(input, 'VN');
    assert.equal(r.ok, false, input);
    if (!r.ok) assert.ok(r.reason.length > 5);
  }
});

test('the default region decides national numbers; international ones keep their country', () => {
  assert.deepEqual(normalizePhone('(201) 555-0123', 'US'), plain('+12015550123'));
  assert.equal(normalizePhone('(201) 555-0123', 'VN').ok, false);
  assert.deepEqual(normalizePhone('+44 20 7946 0958', 'VN'), plain('+442079460958'));
  assert.equal(isRegion('VN'), true);
  assert.equal(isRegion('ZZ'), false);
});

test('search tokens cover E.164 digits, the national form with 0, and the national significant number', () => {
  assert.deepEqual(phoneSearchTokens('+84912345678').sort(), ['0912345678', '84912345678', '912345678'].sort());
  assert.equal(formatPhone('+84912345678', 'VN'), '0912 345 678');
  assert.equal(formatPhone('+12015550123', 'VN'), '+1 201 555 0123');
});

test('11-digit Vietnamese mobiles from before 2018 get their new prefix, however they are written', () => {
  for (const input of ['01689 123 456', '01689123456', '+84 1689 123 456', '841689123456', '(0168) 9123456', '0168.912.3456', '0084 1689 123 456']) {
    assert.deepEqual(normalizePhone(input, 'VN'), { ok: true, e164: '+84389123456', ext: null, value: '+84389123456', renumbered: true }, input);
  }
  assert.equal((normalizePhone('+84 1689 123 456', 'US') as { e164?: string }).e164, '+84389123456', 'an international form in any region');
  assert.equal(normalizePhone('01689123456', 'US').ok, false, 'a national form only in Vietnam');
  const expected: Record<string, string> = {
    '0120': '070',
    '0121': '079',
    '0122': '077',
    '0126': '076',
    '0128': '078',
    '0123': '083',
    '0124': '084',
    '0125': '085',
    '0127': '081',
    '0129': '082',
    '0186': '056',
    '0188': '058',
    '0199': '059',
  };
  for (let p = 162; p <= 169; p++) expected[`0${p}`] = `03${p - 160}`;
  assert.deepEqual(VN_PREFIXES_2018, expected);
  for (const [old, now] of Object.entries(VN_PREFIXES_2018)) {
    const r = normalizePhone(`${old}2345678`, 'VN');
    assert.ok(r.ok, old);
    if (r.ok) assert.equal(r.e164, `+84${now.slice(1)}2345678`, old);
  }
  assert.equal(normalizePhone('01309123456', 'VN').ok, false, 'a prefix that never existed stays invalid');
  assert.equal((normalizePhone('0389123456', 'VN') as { renumbered?: boolean }).renumbered, false);
});

test('an extension is kept beside the E.164 number, which stays the lookup key', () => {
  const us = { ok: true, e164: '+14155552671', ext: '123', value: '+14155552671;ext=123', renumbered: false };
  for (const input of [
    '+1 415-555-2671 ext. 123',
    '+1 415-555-2671 ext 123',
    '+1 415-555-2671 ext: 123',
    '+1 415-555-2671 x123',
    '+1 415-555-2671 X 123',
    '+1 415-555-2671 #123',
    '+1 415-555-2671 (ext 123)',
    '+1 415-555-2671, extension 123',
    '+14155552671;ext=123',
  ]) {
    assert.deepEqual(normalizePhone(input, 'VN'), us, input);
  }
  assert.deepEqual(normalizePhone('028 3822 1234 máy lẻ 12', 'VN'), {
    ok: true,
    e164: '+842838221234',
    ext: '12',
    value: '+842838221234;ext=12',
    renumbered: false,
  });
  assert.deepEqual(normalizePhone('028 3822 1234 (ext 5)', 'VN'), {
    ok: true,
    e164: '+842838221234',
    ext: '5',
    value: '+842838221234;ext=5',
    renumbered: false,
  });
  assert.deepEqual(normalizePhone('028 3822 1234 nhánh 5', 'VN').ok, true);
  assert.equal(normalizePhone('ext 123', 'VN').ok, false, 'an extension is not a number');
  assert.equal(normalizePhone('0912 345 678 ext abc', 'VN').ok, false);
  assert.deepEqual(splitPhone('+14155552671;ext=123'), { e164: '+14155552671', ext: '123' });
  assert.deepEqual(splitPhone('+14155552671'), { e164: '+14155552671', ext: null });
  assert.equal(joinPhone('+14155552671', '123'), '+14155552671;ext=123');
  assert.deepEqual(phoneSearchTokens('+842838221234;ext=12').sort(), phoneSearchTokens('+842838221234').sort(), 'searched by its number');
  assert.equal(formatPhone('+14155552671;ext=123', 'VN'), '+1 415 555 2671 ext. 123');
  assert.equal(formatPhone('+842838221234;ext=12', 'VN', 'vi'), '028 3822 1234 máy lẻ 12');
});

test('a cell of several numbers splits between numbers, never between a number and its extension', () => {
  assert.deepEqual(splitPhoneList('0912 345 678; 0987 654 321'), ['0912 345 678', '0987 654 321']);
  assert.deepEqual(splitPhoneList('0912345678 / 0987654321\n0383123456'), ['0912345678', '0987654321', '0383123456']);
  assert.deepEqual(splitPhoneList('+14155552671;ext=123; +84912345678'), ['+14155552671 ext 123', '+84912345678']);
  assert.deepEqual(splitPhoneList('+1 415-555-2671, ext. 123, 028 3822 1234 máy lẻ 5'), ['+1 415-555-2671 ext. 123', '028 3822 1234 máy lẻ 5']);
  for (const n of splitPhoneList('+14155552671;ext=123; 028 3822 1234, nhánh 5')) assert.equal(normalizePhone(n, 'VN').ok, true, n);
  assert.deepEqual(
    splitPhoneList('+14155552671;ext=123').map((n) => (normalizePhone(n, 'VN') as { value: string }).value),
    ['+14155552671;ext=123'],
    'an export reads back as it was',
  );
});
