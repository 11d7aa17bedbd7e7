import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatMinorPlain, isCurrency, minorDigits, parseAmount } from './money.ts';

test('minor digits come from ISO 4217 as ICU knows it', () => {
  assert.equal(minorDigits('VND'), 0);
  assert.equal(minorDigits('USD'), 2);
  assert.equal(minorDigits('JPY'), 0);
  assert.equal(minorDigits('KWD'), 3);
  assert.equal(minorDigits('usd'), null, 'codes are upper case');
  assert.equal(minorDigits('XYZ'), null);
  assert.equal(isCurrency('EUR'), true);
  assert.equal(isCurrency('ABC'), false);
});

test('amounts typed the Vietnamese or the English way become exact minor units', () => {
  assert.equal(parseAmount('1.250.000', 'VND', ','), 1_250_000);
  assert.equal(parseAmount('1.250.000', 'VND', '.'), 1_250_000, 'several dots in groups of three are thousands');
  assert.equal(parseAmount('1,250,000', 'VND'), 1_250_000);
  assert.equal(parseAmount('1 250 000 ₫', 'VND', ','), 1_250_000);
  assert.equal(parseAmount('12.5', 'USD'), 1250);
  assert.equal(parseAmount('12,50', 'USD', ','), 1250);
  assert.equal(parseAmount('0.1', 'USD'), 10, 'no float rounding: 0.1 is ten cents');
  assert.equal(parseAmount('1,234.56', 'USD'), 123_456);
  assert.equal(parseAmount('-5', 'VND'), -5);
  assert.equal(parseAmount('12.5', 'VND'), null, 'VND has no decimals');
  assert.equal(parseAmount('1.005', 'USD'), null, 'more decimals than the currency has');
  assert.equal(parseAmount('12,34,5', 'USD'), null);
  assert.equal(parseAmount('abc', 'USD'), null);
  assert.equal(parseAmount('', 'USD'), null);
  assert.equal(parseAmount('99999999999999999999', 'VND'), null, 'beyond exact integers');
});

test('minor units print back as plain decimals', () => {
  assert.equal(formatMinorPlain(1_250_000, 'VND'), '1250000');
  assert.equal(formatMinorPlain(1250, 'USD'), '12.50');
  assert.equal(formatMinorPlain(5, 'USD'), '0.05');
  assert.equal(formatMinorPlain(-5, 'USD'), '-0.05');
});
