import assert from 'node:assert/strict';
import { test } from 'node:test';
import iconv from 'iconv-lite';
import { decodeText, detectDelimiter, detectEncoding } from './decode.ts';

const ROW = 'Họ và tên;SĐT\nNguyễn Thị Hồng;0912 345 678\nĐặng Văn Ưng;0987 654 321\n';

/** Text as Windows-1258 spells it: letters with circumflex, breve or horn precomposed, the five tone marks combining. */
function cp1258(text: string): Buffer {
  const tone = /[\u0300\u0301\u0303\u0309\u0323]/;
  const spelled = [...text.normalize('NFC')]
    .map((ch) => {
      const parts = [...ch.normalize('NFD')];
      return (
        parts
          .filter((c) => !tone.test(c))
          .join('')
          .normalize('NFC') + parts.filter((c) => tone.test(c)).join('')
      );
    })
    .join('');
  return iconv.encode(spelled, 'windows1258');
}

test('UTF-8 with or without a BOM, UTF-16 both ways with or without a BOM, and Windows-1258 come out the same', () => {
  const variants: [string, Buffer][] = [
    ['utf-8', Buffer.from(ROW, 'utf8')],
    ['utf-8 bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ROW, 'utf8')])],
    ['utf-16le bom', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ROW, 'utf16le')])],
    ['utf-16le', Buffer.from(ROW, 'utf16le')],
    ['utf-16be bom', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(ROW, 'utf16-be')])],
    ['windows-1258', cp1258(ROW)],
  ];
  for (const [name, bytes] of variants) {
    const { text } = decodeText(bytes);
    assert.equal(text, ROW.normalize('NFC'), name);
  }
  assert.equal(detectEncoding(cp1258(ROW)).encoding, 'windows-1258');
  assert.ok(!cp1258(ROW).includes(0x3f), 'every character had a byte (no "?")');
  assert.equal(decodeText(Buffer.from(ROW, 'utf8'), 'utf-8').encoding, 'utf-8', 'an encoding can be chosen');
});

test('the separator is the one that splits every line the same way, quotes respected', () => {
  assert.equal(detectDelimiter('a,b,c\n1,2,3\n'), ',');
  assert.equal(detectDelimiter('Họ tên;Số tiền\n"Nguyễn, An";1.200,50\n'), ';');
  assert.equal(detectDelimiter('name\tphone\nAn\t0912\n'), '\t');
  assert.equal(detectDelimiter('"a;b",c\n"x;y",z\n'), ',');
});

test('the first 64 KB of a long UTF-8 file may end inside a character: still UTF-8', async () => {
  const { describeSource } = await import('./source.ts');
  const line = 'Nguyễn Thị Hồng,ghi chú\n';
  let text = 'Họ và tên,Ghi chú\n';
  while (Buffer.byteLength(text) < 70_000) text += line;
  const bytes = Buffer.from(text, 'utf8');
  // Find a length of the head that cuts a multi-byte character, and check the detection of that head.
  const cut = [...Array(8).keys()].map((k) => 65_536 - k).find((n) => (bytes[n]! & 0xc0) === 0x80)!;
  assert.ok(cut, 'a cut inside a character exists near 64 KB');
  assert.equal(detectEncoding(bytes.subarray(0, cut), true).encoding, 'utf-8');
  assert.equal((await describeSource({ bytes })).encoding, 'utf-8');
});
