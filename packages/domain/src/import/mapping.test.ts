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

test('English headers too, and each field goes to one column', () => {
  assert.deepEqual(fields(['Full name', 'Phone', 'Mobile', 'E-mail', 'Company']), ['name', 'phones', null, 'emails', 'company']);
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
