import type { ImportPreset } from '../preset.ts';

/**
 * Import presets: Vietnamese shop software. KiotViet's customer list (Khách hàng → Xuất file, an XLSX).
 *
 * KiotViet writes the delivery area as "Province - District" in one cell ("Hà Nội - Quận Hai Bà Trưng") and
 * the customer's groups joined by "|"; a customer whose type (Loại khách) is "Công ty" is a business, which
 * the contacts import makes a company rather than a person. Its figures (sales, debt, points) are KiotViet's
 * own bookkeeping and stay out: Kith computes a customer's figures from the orders imported with them.
 *
 * Sapo and Haravan are not here yet: their help pages describe the import screens but not the header row
 * their exports write, and a preset guessed from a form's labels would claim files it does not know.
 */

const KIOTVIET_SKIP = {
  branch: 'the KiotViet branch that created the customer',
  idNumber: 'a national ID number; Kith does not keep identity documents',
  facebook: 'a Facebook profile link; Kith has no field for it',
  points: 'KiotViet’s loyalty points; Kith’s loyalty programme keeps its own',
  creator: 'the KiotViet user who created the customer; the importer owns what it creates',
  lastTrade: 'the date of the last sale, derived from KiotViet’s invoices; Kith derives it from the orders imported',
  debt: 'a receivable KiotViet books; Kith does not keep customer debt',
  sales: 'KiotViet’s sales total; Kith computes a customer’s figures from the orders imported',
  status: 'KiotViet’s active flag (1/0); an inactive customer is still a customer to remember',
  taxCode: 'a tax code belongs to a company; the company customer’s own row becomes a company in Kith',
};

export const VN_SHOP_PRESETS: readonly ImportPreset[] = [
  {
    id: 'kiotviet-customers',
    product: 'KiotViet',
    kind: 'contacts',
    source:
      'KiotViet customer export (Khách hàng → Xuất file, XLSX) as public KiotViet import adapters list it: Loại khách, Chi nhánh tạo, Mã khách hàng, Tên khách hàng, Điện thoại, Địa chỉ, Khu vực giao hàng, Phường/Xã, Công ty, Mã số thuế, Số CMND/CCCD, Ngày sinh, Giới tính, Email, Facebook, Nhóm khách hàng, Ghi chú, Điểm hiện tại, Tổng điểm, Người tạo, Ngày tạo, Ngày giao dịch cuối, Số ngày nợ, Nợ cần thu hiện tại, Tổng bán, Tổng bán trừ trả hàng, Trạng thái; its import template (MauFileKhachHang.xlsx) writes “Khu vực” and “Tổng bán (Không import)”',
    columns: {
      'Loại khách': 'isCompany',
      'Chi nhánh tạo': { skip: KIOTVIET_SKIP.branch },
      'Mã khách hàng': 'externalId',
      'Mã khách hàng (Để trống tự tạo KH/00001)': 'externalId',
      'Tên khách hàng': 'name',
      'Điện thoại': 'phones',
      'Địa chỉ': 'addressLine',
      'Khu vực giao hàng': 'area',
      'Khu vực': 'area',
      'Phường/Xã': 'ward',
      'Công ty': 'company',
      'Mã số thuế': { skip: KIOTVIET_SKIP.taxCode },
      'Số CMND/CCCD': { skip: KIOTVIET_SKIP.idNumber },
      'Ngày sinh': 'birthday',
      'Giới tính': 'gender',
      Email: 'emails',
      Facebook: { skip: KIOTVIET_SKIP.facebook },
      'Nhóm khách hàng': 'tags',
      'Ghi chú': 'notes',
      'Điểm hiện tại': { skip: KIOTVIET_SKIP.points },
      'Tổng điểm': { skip: KIOTVIET_SKIP.points },
      'Người tạo': { skip: KIOTVIET_SKIP.creator },
      'Ngày tạo': 'createdAt',
      'Ngày giao dịch cuối': { skip: KIOTVIET_SKIP.lastTrade },
      'Số ngày nợ': { skip: KIOTVIET_SKIP.debt },
      'Nợ cần thu hiện tại': { skip: KIOTVIET_SKIP.debt },
      'Tổng bán': { skip: KIOTVIET_SKIP.sales },
      'Tổng bán (Không import)': { skip: KIOTVIET_SKIP.sales },
      'Tổng bán trừ trả hàng': { skip: KIOTVIET_SKIP.sales },
      'Trạng thái': { skip: KIOTVIET_SKIP.status },
    },
    signature: [
      'Mã khách hàng',
      'Tên khách hàng',
      'Khu vực giao hàng',
      'Khu vực',
      'Nhóm khách hàng',
      'Nợ cần thu hiện tại',
      'Tổng bán',
      'Loại khách',
      'Chi nhánh tạo',
    ],
    minSignature: 4,
    dateOrder: 'dmy',
    values: { isCompany: { 'cong ty': 'company', 'doanh nghiep': 'company', 'ca nhan': 'person' } },
  },
];
