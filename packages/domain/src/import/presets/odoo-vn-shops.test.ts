import assert from 'node:assert/strict';
import { test } from 'node:test';
import { suggestMapping } from '../mapping.ts';
import { presetById, recognisePreset } from '../presets.ts';
import { resolveProvince } from '../../geo/provinces.ts';

/** The header rows the fixtures (packages/server/test/fixtures/imports) and the real exports write. */
const ODOO_VI = [
  'Tên',
  'Là một công ty',
  'Công ty liên quan',
  'Chức vụ',
  'Email',
  'Điện thoại',
  'Di động',
  'Địa chỉ',
  'Thành phố',
  'Tỉnh/Thành Phố',
  'Quốc gia',
  'Từ khóa',
  'Ghi chú',
];
const ODOO_EN = [
  'External ID',
  'Name',
  'Is a Company',
  'Related Company',
  'Job Position',
  'Email',
  'Phone',
  'Mobile',
  'Street',
  'City',
  'State',
  'Country',
  'Tags',
  'Notes',
];
const ODOO_FR = ['Nom', 'Est une entreprise', 'Société associée', 'Poste', 'E-mail', 'Téléphone', 'Mobile', 'Rue', 'Ville', 'État', 'Pays', 'Étiquettes'];
const ODOO_TECH = [
  'id',
  'name',
  'is_company',
  'parent_id',
  'function',
  'email',
  'phone',
  'mobile',
  'street',
  'city',
  'state_id',
  'country_id',
  'category_id',
  'comment',
];
const KIOTVIET = [
  'Loại khách',
  'Chi nhánh tạo',
  'Mã khách hàng',
  'Tên khách hàng',
  'Điện thoại',
  'Địa chỉ',
  'Khu vực giao hàng',
  'Phường/Xã',
  'Công ty',
  'Mã số thuế',
  'Số CMND/CCCD',
  'Ngày sinh',
  'Giới tính',
  'Email',
  'Facebook',
  'Nhóm khách hàng',
  'Ghi chú',
  'Điểm hiện tại',
  'Tổng điểm',
  'Người tạo',
  'Ngày tạo',
  'Ngày giao dịch cuối',
  'Số ngày nợ',
  'Nợ cần thu hiện tại',
  'Tổng bán',
  'Tổng bán trừ trả hàng',
  'Trạng thái',
];

const mapped = (headers: string[], id: string) => Object.fromEntries(suggestMapping(headers, 'contacts', presetById(id)).map((s) => [s.header, s.field]));

test('each language Odoo ships is recognised from the header row it writes, and so is its import-compatible export', () => {
  assert.equal(recognisePreset(ODOO_VI, 'contacts')?.id, 'odoo-contacts-vi');
  assert.equal(recognisePreset(ODOO_EN, 'contacts')?.id, 'odoo-contacts-en');
  assert.equal(recognisePreset(ODOO_FR, 'contacts')?.id, 'odoo-contacts-fr');
  assert.equal(recognisePreset(ODOO_TECH, 'contacts')?.id, 'odoo-contacts');
  // A few columns picked in the dialog are enough; a file with an "id" and a name only is no one's.
  assert.equal(recognisePreset(['id', 'name', 'email', 'parent_id', 'is_company'], 'contacts')?.id, 'odoo-contacts');
  assert.equal(recognisePreset(['Tên', 'Email', 'Công ty liên quan', 'Chức vụ'], 'contacts')?.id, 'odoo-contacts-vi');
  assert.equal(recognisePreset(['id', 'name', 'email'], 'contacts'), null);
  assert.equal(recognisePreset(['Họ và tên', 'SĐT', 'Email', 'Ngày sinh', 'Chức vụ'], 'contacts'), null);
});

test('Odoo’s columns go where they mean: the external id, both phones, the related company (not Odoo’s own company), the company flag', () => {
  assert.deepEqual(mapped(ODOO_TECH, 'odoo-contacts'), {
    id: 'externalId',
    name: 'name',
    is_company: 'isCompany',
    parent_id: 'company',
    function: 'jobTitle',
    email: 'emails',
    phone: 'phones',
    mobile: 'phones',
    street: 'addressLine',
    city: 'district',
    state_id: 'province',
    country_id: 'country',
    category_id: 'tags',
    comment: 'notes',
  });
  const vi = mapped([...ODOO_VI, 'Công ty', 'Tên công ty', 'Mã số thuế'], 'odoo-contacts-vi');
  assert.equal(vi['Công ty liên quan'], 'company');
  assert.equal(vi['Công ty'], null, 'the multi-company owner is not the employer');
  assert.equal(vi['Tên công ty'], null);
  assert.equal(vi['Là một công ty'], 'isCompany');
  assert.deepEqual([vi['Điện thoại'], vi['Di động']], ['phones', 'phones']);
  const en = mapped([...ODOO_EN, 'ID', 'Company', 'Display Name'], 'odoo-contacts-en');
  assert.deepEqual([en['External ID'], en.ID, en.Company, en['Display Name'], en.Name], ['externalId', null, null, null, 'name']);
  const fr = mapped(ODOO_FR, 'odoo-contacts-fr');
  assert.deepEqual(
    [fr.Nom, fr['Société associée'], fr['E-mail'], fr.Téléphone, fr['Est une entreprise']],
    ['name', 'company', 'emails', 'phones', 'isCompany'],
  );
});

test('KiotViet’s customer list: its code, the area cell, groups as tags, its figures left out with a reason', () => {
  assert.equal(recognisePreset(KIOTVIET, 'contacts')?.id, 'kiotviet-customers');
  // The columns people keep when they trim the export still say KiotViet.
  assert.equal(
    recognisePreset(['Mã khách hàng', 'Tên khách hàng', 'Điện thoại', 'Khu vực giao hàng', 'Nhóm khách hàng'], 'contacts')?.id,
    'kiotviet-customers',
  );
  assert.equal(recognisePreset(KIOTVIET, 'orders'), null, 'a customer list is not an orders file');
  const s = suggestMapping(KIOTVIET, 'contacts', presetById('kiotviet-customers'));
  const by = Object.fromEntries(s.map((x) => [x.header, x]));
  assert.deepEqual(
    ['Mã khách hàng', 'Tên khách hàng', 'Điện thoại', 'Khu vực giao hàng', 'Phường/Xã', 'Nhóm khách hàng', 'Công ty', 'Ngày tạo', 'Loại khách'].map(
      (h) => by[h]?.field,
    ),
    ['externalId', 'name', 'phones', 'area', 'ward', 'tags', 'company', 'createdAt', 'isCompany'],
  );
  for (const h of ['Tổng bán', 'Nợ cần thu hiện tại', 'Điểm hiện tại', 'Số CMND/CCCD', 'Mã số thuế']) {
    assert.equal(by[h]?.field, null, h);
    assert.ok((by[h]?.reason ?? '').length > 10, `${h} is left out with a reason`);
  }
  assert.ok(
    s.every((x) => x.confidence === 'preset'),
    'every column of the export is one the preset knows',
  );
});

test('Odoo’s states, written with their country’s code, are provinces', () => {
  assert.deepEqual(
    ['Hồ Chí Minh (VN)', 'Hà Nội (VN)', 'Thừa Thiên Huế (VN)', 'Đà Nẵng(vn)'].map((s) => resolveProvince(s)?.code),
    ['ho-chi-minh', 'ha-noi', 'hue', 'da-nang'],
  );
  assert.equal(resolveProvince('California (US)'), undefined);
});
