import assert from 'node:assert/strict';
import { test } from 'node:test';
import { suggestMapping } from './mapping.ts';

const fields = (headers: string[], entity: 'contacts' | 'orders' = 'contacts') => suggestMapping(headers, entity).map((s) => s.field);

test('Vietnamese headers as shops write them map to Kith fields', () => {
  assert.deepEqual(fields(['STT', 'Họ và tên', 'SĐT', 'Email', 'Ngày sinh', 'Giới tính', 'Địa chỉ', 'Tỉnh/Thành', 'Ghi chú']), [
    null,
    'name',
    'phones',
    'emails',
    'birthday',
    'gender',
    'addressLine',
    'province',
    'notes',
  ]);
  assert.deepEqual(fields(['Họ tên khách', 'Số điện thoại di động', 'Công ty']), ['name', 'phones', 'company'], 'partial matches');
  assert.deepEqual(fields(['HỌ VÀ TÊN', 'số  điện   thoại']), ['name', 'phones'], 'case and spacing do not matter');
});

test('English headers too; a single-valued field goes to one column, a list takes every column that names it', () => {
  assert.deepEqual(fields(['Full name', 'Phone', 'Mobile', 'E-mail', 'Company']), ['name', 'phones', 'phones', 'emails', 'company']);
  assert.deepEqual(fields(['Full name', 'Name', 'Email']), ['name', null, 'emails'], 'the surer header takes the name; the other is left out');
});

test('never damages silently: organisations, web domains and middle names are no person’s name; type and label columns are no values', () => {
  const s = (headers: string[]) => suggestMapping(headers, 'contacts').map((x) => [x.field, x.confidence]);
  // Zoho: "Account Name" is the company; HubSpot: "Domain name" a web address; Outlook: "Middle Name" part of a name.
  assert.deepEqual(fields(['First Name', 'Last Name', 'Account Name']), ['givenName', 'familyName', null]);
  assert.deepEqual(fields(['First Name', 'Last Name', 'Domain name']), ['givenName', 'familyName', null]);
  assert.deepEqual(fields(['First Name', 'Middle Name', 'Last Name']), ['givenName', 'middleName', 'familyName']);
  // Outlook and Google: the type and label columns beside a value never take the value's field.
  assert.deepEqual(fields(['Name', 'E-mail Address', 'E-mail Type']), ['name', 'emails', null]);
  assert.deepEqual(fields(['Name', 'Phone 1 - Type', 'Phone 1 - Label']), ['name', null, null]);
  // Every phone column goes in, none wins over another.
  assert.deepEqual(fields(['Name', 'Car Phone', 'Mobile Phone']), ['name', 'phones', 'phones']);
  // A partial match is a guess that needs confirming.
  assert.deepEqual(s(['Tên người liên hệ chính']), [['name', 'partial']]);
});

test('"Tên" alone is the whole name; beside "Họ" it is the given name', () => {
  assert.deepEqual(fields(['Tên', 'SĐT']), ['name', 'phones']);
  assert.deepEqual(fields(['Họ', 'Tên', 'SĐT']), ['familyName', 'givenName', 'phones']);
});

test('order lines: number, date, customer, product, quantity, price', () => {
  assert.deepEqual(fields(['Mã đơn hàng', 'Ngày mua', 'Tên khách hàng', 'SĐT', 'Mã SP', 'Tên sản phẩm', 'SL', 'Đơn giá', 'Chiết khấu'], 'orders'), [
    'number',
    'orderedAt',
    'customerName',
    'customerPhone',
    'sku',
    'productName',
    'quantity',
    'unitPrice',
    'discount',
  ]);
  assert.deepEqual(fields(['Order ID', 'Order date', 'Customer', 'SKU', 'Qty', 'Unit price'], 'orders'), [
    'number',
    'orderedAt',
    'customerName',
    'sku',
    'quantity',
    'unitPrice',
  ]);
});
