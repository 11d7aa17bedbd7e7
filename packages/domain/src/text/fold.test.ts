import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanText, fold, foldedWords, isStorableText, matchKey } from './fold.ts';

test('fold removes case and every Vietnamese mark, and maps đ/Đ to d', () => {
  assert.equal(fold('Nguyễn Văn An'), 'nguyen van an');
  assert.equal(fold('ĐẶNG ĐỨC ĐẠT'), 'dang duc dat');
  assert.equal(fold('Trường Sơn, Huế, Quảng Ngãi, Bắc Kạn, Ứng Hòa'), 'truong son, hue, quang ngai, bac kan, ung hoa');
  assert.equal(
    fold('ấ ầ ẩ ẫ ậ ắ ằ ẳ ẵ ặ ế ề ể ễ ệ ố ồ ổ ỗ ộ ớ ờ ở ỡ ợ ứ ừ ử ữ ự ý ỳ ỷ ỹ ỵ'),
    'a a a a a a a a a a e e e e e o o o o o o o o o o u u u u u y y y y y',
  );
});

test('NFC and NFD input fold to the same thing', () => {
  const nfc = 'Nguyễn Thị Hồng'.normalize('NFC');
  const nfd = 'Nguyễn Thị Hồng'.normalize('NFD');
  assert.notEqual(nfc, nfd);
  assert.equal(fold(nfc), fold(nfd));
  assert.equal(matchKey(nfc), matchKey(nfd));
});

test('foldedWords splits on anything that is not a letter or digit; matchKey joins them', () => {
  assert.deepEqual(foldedWords('  Lê-Thị  Thu.Hà (0912) '), ['le', 'thi', 'thu', 'ha', '0912']);
  assert.equal(matchKey('  Lê   THỊ  thu-hà '), 'le thi thu ha');
  assert.deepEqual(foldedWords('!!! ...'), []);
});

test('cleanText is NFC, trimmed, with inner whitespace collapsed', () => {
  assert.equal(cleanText('  Nguyễn\t\tVăn \n An  '.normalize('NFD')), 'Nguyễn Văn An'.normalize('NFC'));
});

test('isStorableText refuses lone surrogates and NUL, accepts emoji and Vietnamese', () => {
  assert.equal(isStorableText('Hà Nội 🏍️'), true);
  assert.equal(isStorableText('a\ud800b'), false);
  assert.equal(isStorableText('\udfff'), false);
  assert.equal(isStorableText('a\u0000b'), false);
});
