/**
 * The CRM and address-book exports as their products write them (test/fixtures/imports/<preset>.csv, every column
 * in the product's order and spelling): each one is recognised without `--map`, and every row comes in whole —
 * names in Vietnamese order, every phone in E.164, emails, birthdays, the company linked by name, the province, the
 * CRM's id — through the CLI (a real `kith` process over the test's database) and through the API. And the three
 * ways such a file used to damage data silently: an organisation, a domain or a middle name taken for a name.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { makeWorkspace, type TestUser } from '../../../test/factories.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/imports');
const BIN = join(import.meta.dirname, '../../../../cli/bin/kith.js');
const fixture = (preset: string) => join(FIXTURES, `${preset}.csv`);

/** What one row becomes. Fields left out take their empty value (no job title, no tags …); `createdAt` is checked when given. */
type Row = {
  name: string;
  phones: string[];
  emails: string[];
  birthday: string | null;
  company: string | null;
  province: string | null;
  country: string | null;
  externalId?: string;
  district?: string;
  addressLine?: string;
  jobTitle?: string;
  tags?: string[];
  interests?: string[];
  lifecycleStage?: string;
  source?: string;
  notes?: string;
  occupation?: string;
  gender?: string;
  createdAt?: string;
};

type Case = { preset: string; product: string; companies: number; rows: Row[] };

const CASES: Case[] = [
  {
    preset: 'hubspot-contacts',
    product: 'HubSpot',
    companies: 7,
    rows: [
      {
        name: 'Đặng Thị Lan',
        phones: ['+84935111222'],
        emails: ['lan.dang@example.vn'],
        birthday: '1992-11-30',
        company: 'Đặng Gia',
        province: 'khanh-hoa',
        country: 'VN',
        externalId: '51007',
        lifecycleStage: 'lead',
        createdAt: '2024-05-06T02:40:00.000Z',
      },
      {
        name: 'Hoàng Đức Thắng',
        phones: ['+842838234567'],
        emails: ['thang.hoang@example.vn'],
        birthday: '1979-02-14',
        company: 'Công ty TNHH Gốm Bát Tràng',
        province: 'can-tho',
        country: 'VN',
        externalId: '51006',
        jobTitle: 'Chủ cửa hàng',
        lifecycleStage: 'loyal',
        createdAt: '2024-04-18T04:11:00.000Z',
      },
      {
        name: 'Lê Thu Trang',
        phones: ['+84389123456'],
        emails: ['trang.le@example.vn'],
        birthday: null,
        company: 'Công ty CP Thép Việt',
        province: 'da-nang',
        district: 'Quận Hải Châu',
        country: 'VN',
        externalId: '51003',
        jobTitle: 'Giám đốc',
        lifecycleStage: 'prospect',
        source: 'website',
        createdAt: '2024-02-20T07:45:00.000Z',
      },
      {
        name: 'Nguyễn Thị Hồng',
        phones: ['+84901234567'],
        emails: ['hong.nguyen@example.vn'],
        birthday: '1990-05-17',
        company: 'Công ty TNHH Sen Vàng',
        province: 'ha-noi',
        district: 'Quận Ba Đình',
        addressLine: '12 Phố Đội Cấn',
        country: 'VN',
        externalId: '51001',
        jobTitle: 'Trưởng phòng mua hàng',
        lifecycleStage: 'new_customer',
        source: 'website',
        createdAt: '2024-01-15T03:23:00.000Z',
      },
      {
        name: 'Phạm Quốc Bảo',
        phones: ['+14155550134;ext=27', '+84983456789'],
        emails: ['bao.pham@example.com'],
        birthday: '1985-07-09',
        company: 'Pacific Trade LLC',
        province: null,
        district: 'San Francisco',
        country: 'US',
        externalId: '51004',
        jobTitle: 'Purchasing Manager',
        lifecycleStage: 'prospect',
        createdAt: '2024-03-11T09:05:00.000Z',
      },
      {
        // The company is a person's name: it names the company, never the contact.
        name: 'Trần Văn Minh',
        phones: ['+84902345678', '+84912345678'],
        emails: ['minh.tran@example.vn'],
        birthday: '1988-12-25',
        company: 'Phạm Minh Đức',
        province: 'ho-chi-minh',
        country: 'VN',
        externalId: '51002',
        jobTitle: 'Kế toán',
        lifecycleStage: 'prospect',
        source: 'google_ads',
        createdAt: '2024-02-03T01:00:00.000Z',
      },
      {
        name: 'Vũ Ngọc Anh',
        phones: ['+84912000111'],
        emails: ['anh.vu@example.vn'],
        birthday: null,
        company: 'Hộ kinh doanh Ngọc Anh',
        province: 'hai-phong',
        country: 'VN',
        externalId: '51005',
        lifecycleStage: 'lead',
        source: 'website',
        createdAt: '2024-04-01T00:30:00.000Z',
      },
    ],
  },
  {
    preset: 'salesforce-contacts-report',
    product: 'Salesforce',
    companies: 6,
    rows: [
      {
        // Birthdate 3/4/1992 in a file whose other dates (5/17/1990, 11/23/1984) are month first: 4 March.
        name: 'Bùi Văn Hùng',
        phones: ['+84913222333'],
        emails: ['hung.bui@example.vn'],
        birthday: '1992-03-04',
        company: 'Nguyễn Văn Trỗi',
        province: 'ha-noi',
        country: 'VN',
        externalId: '0035g00000KTh1bAAD',
        jobTitle: 'Kỹ sư',
        source: 'referral',
        createdAt: '2024-02-13T17:00:00.000Z',
      },
      {
        name: 'Đỗ Thị Mai',
        phones: ['+842923891433', '+84907654321'],
        emails: ['mai.do@example.vn'],
        birthday: '1990-05-17',
        company: 'Công ty CP Dược Hậu Giang',
        province: 'can-tho',
        district: 'Quận Ninh Kiều',
        addressLine: '288 Bis Nguyễn Văn Cừ',
        country: 'VN',
        externalId: '0035g00000KTh1aAAD',
        jobTitle: 'Trưởng phòng nhân sự',
        source: 'website',
        createdAt: '2024-01-04T17:00:00.000Z',
      },
      {
        name: 'Hồ Kim Chi',
        phones: ['+84905123456'],
        emails: ['chi.ho@example.vn'],
        birthday: '1995-12-01',
        company: 'Shop Kim Chi',
        province: 'da-nang',
        country: 'VN',
        externalId: '0035g00000KTh1eAAD',
        jobTitle: 'Chủ shop',
        notes: 'Khách sỉ, lấy hàng mỗi tháng',
        createdAt: '2024-04-01T17:00:00.000Z',
      },
      {
        name: 'Lý Minh Khoa',
        phones: ['+17135550188;ext=104', '+84977888999'],
        emails: ['khoa.ly@example.com'],
        birthday: null,
        company: 'Lotus Imports Inc.',
        province: null,
        district: 'Houston',
        country: 'US',
        externalId: '0035g00000KTh1dAAD',
        jobTitle: 'Sales Director',
        source: 'Phone Inquiry',
        createdAt: '2024-03-19T17:00:00.000Z',
      },
      {
        name: 'Ngô Thanh Hương',
        phones: ['+84389555777'],
        emails: ['huong.ngo@example.vn'],
        birthday: '1984-11-23',
        company: 'Công ty TNHH Lụa Hà Đông',
        province: 'ho-chi-minh',
        country: 'VN',
        externalId: '0035g00000KTh1cAAD',
        jobTitle: 'Giám đốc',
        source: 'event',
        createdAt: '2024-02-29T17:00:00.000Z',
      },
      {
        name: 'Trịnh Gia Huy',
        phones: ['+842253842211'],
        emails: ['huy.trinh@example.vn'],
        birthday: '1987-07-08',
        company: 'Công ty TNHH Cơ khí Trịnh Gia',
        province: 'hai-phong',
        country: 'VN',
        externalId: '0035g00000KTh1fAAD',
        jobTitle: 'Trưởng nhóm',
        source: 'website',
        createdAt: '2024-04-14T17:00:00.000Z',
      },
    ],
  },
  {
    // Setup › Data Export's Contact.csv names the account by its id only (AccountId): no company comes with it.
    preset: 'salesforce-contacts-api',
    product: 'Salesforce',
    companies: 0,
    rows: [
      {
        name: 'Đinh Bảo Ngọc',
        phones: ['+84936456123'],
        emails: ['ngoc.dinh@example.vn'],
        birthday: '1996-12-09',
        company: null,
        province: 'khanh-hoa',
        country: 'VN',
        externalId: '0035g00000LmN3AAAB',
        source: 'event',
        notes: 'Gặp ở hội chợ Nha Trang',
        createdAt: '2024-03-15T09:00:00.000Z',
      },
      {
        name: 'Mai Xuân Trường',
        phones: ['+84935000777', '+842363821999'],
        emails: ['truong.mai@example.vn'],
        birthday: '1975-10-30',
        company: null,
        province: 'da-nang',
        country: 'VN',
        externalId: '0035g00000LmN5AAAB',
        createdAt: '2024-05-20T04:15:00.000Z',
      },
      {
        name: 'Phan Thị Thu Hà',
        phones: ['+842838221111', '+84909111222'],
        emails: ['ha.phan@example.vn'],
        birthday: '1991-08-21',
        company: null,
        province: 'ho-chi-minh',
        district: 'Quận 1',
        addressLine: '45 Lê Lợi',
        country: 'VN',
        externalId: '0035g00000LmN1AAAB',
        jobTitle: 'Kế toán trưởng',
        source: 'website',
        createdAt: '2024-01-05T03:04:05.000Z',
      },
      {
        name: 'Quách Mỹ Linh',
        phones: ['+84918222444'],
        emails: ['linh.quach@example.vn'],
        birthday: '1989-01-31',
        company: null,
        province: 'can-tho',
        country: 'VN',
        externalId: '0035g00000LmN6AAAB',
        jobTitle: 'Chủ đại lý',
        createdAt: '2024-06-01T02:00:00.000Z',
      },
      {
        name: 'Tô Hoài Phương',
        phones: ['+12065550147;ext=3'],
        emails: ['phuong.to@example.com'],
        birthday: null,
        company: null,
        province: null,
        district: 'Seattle',
        country: 'US',
        externalId: '0035g00000LmN4AAAB',
        jobTitle: 'Buyer',
        source: 'Phone Inquiry',
        createdAt: '2024-04-01T17:45:00.000Z',
      },
      {
        name: 'Võ Thành Nam',
        phones: ['+84988777666', '+84389444555'],
        emails: ['nam.vo@example.vn'],
        birthday: '1983-03-04',
        company: null,
        province: 'ha-noi',
        country: 'VN',
        externalId: '0035g00000LmN2AAAB',
        jobTitle: 'Trưởng phòng',
        source: 'referral',
        createdAt: '2024-02-10T01:30:00.000Z',
      },
    ],
  },
  {
    preset: 'zoho-crm-contacts',
    product: 'Zoho CRM',
    companies: 6,
    rows: [
      {
        name: 'Cao Hải Yến',
        phones: ['+84389777888', '+84976543210'],
        emails: ['yen.cao@example.vn'],
        birthday: null,
        company: 'Công ty CP Nhựa Bình Minh',
        province: 'da-nang',
        country: 'VN',
        externalId: 'zcrm_5725767000001234003',
        source: 'Cold Call',
        createdAt: '2024-03-03T01:20:00.000Z',
      },
      {
        name: 'Dương Phương Thảo',
        phones: ['+84868123789'],
        emails: ['thao.duong@example.vn'],
        birthday: '1998-06-30',
        company: 'Thảo Mộc Xanh',
        province: 'hai-phong',
        country: 'VN',
        externalId: 'zcrm_5725767000001234005',
        source: 'facebook',
        tags: ['Khách lẻ', 'Facebook'],
        createdAt: '2024-04-09T04:05:00.000Z',
      },
      {
        name: 'Kiều Đình Phúc',
        phones: ['+842923731188', '+84939456111'],
        emails: ['phuc.kieu@example.vn'],
        birthday: '1980-12-24',
        company: 'Công ty TNHH Xây dựng Kiều Gia',
        province: 'can-tho',
        country: 'VN',
        externalId: 'zcrm_5725767000001234006',
        createdAt: '2024-05-14T00:50:00.000Z',
      },
      {
        name: 'Lâm Tuấn Kiệt',
        phones: ['+16285550172;ext=9'],
        emails: ['kiet.lam@example.com'],
        birthday: '1993-04-12',
        company: 'Golden Gate Foods Corp.',
        province: null,
        district: 'Oakland',
        country: 'US',
        externalId: 'zcrm_5725767000001234004',
        source: 'website',
        notes: 'Nhập khẩu nông sản',
        createdAt: '2024-03-25T09:40:00.000Z',
      },
      {
        name: 'Lê Công Vinh',
        phones: ['+84903334455'],
        emails: ['vinh.le@example.vn'],
        birthday: '1986-09-02',
        company: 'Trần Thị Ngọc Bích',
        province: 'ho-chi-minh',
        country: 'VN',
        externalId: 'zcrm_5725767000001234002',
        source: 'event',
        tags: ['Đại lý'],
        createdAt: '2024-02-12T07:00:00.000Z',
      },
      {
        name: 'Nguyễn Thị Ánh Tuyết',
        phones: ['+84905556677'],
        emails: ['tuyet.nguyen@example.vn', 'anhtuyet.hs@example.com'],
        birthday: '1990-05-17',
        company: 'Công ty TNHH Hoa Sen Việt',
        province: 'ha-noi',
        district: 'Quận Hoàn Kiếm',
        addressLine: '89 Trần Hưng Đạo',
        country: 'VN',
        externalId: 'zcrm_5725767000001234001',
        jobTitle: 'Trưởng phòng kinh doanh',
        source: 'referral',
        tags: ['Khách VIP'],
        createdAt: '2024-01-08T02:15:00.000Z',
      },
    ],
  },
  {
    preset: 'google-contacts',
    product: 'Google Contacts',
    companies: 6,
    rows: [
      {
        name: 'Đoàn Thị Ngọc Lan',
        phones: ['+84945678901'],
        emails: ['lan.doan@example.vn'],
        birthday: '1987-09-15',
        company: 'Tiệm bánh Ngọc Lan',
        province: 'hai-phong',
        country: 'VN',
        tags: ['Khách VIP'],
      },
      {
        name: 'Huỳnh Minh Khang',
        phones: ['+15035550199;ext=12', '+84903444555'],
        emails: ['khang.huynh@example.com'],
        birthday: null,
        company: 'Saigon Coffee Roasters LLC',
        province: null,
        district: 'Portland',
        country: 'US',
        jobTitle: 'Co-founder',
        notes: 'Gặp ở hội chợ cà phê',
      },
      {
        // Two numbers in one cell, joined by Google's " ::: ".
        name: 'Nguyễn Thị Hồng',
        phones: ['+84901112233', '+842838234567'],
        emails: ['hong.nguyen@example.vn'],
        birthday: '1990-05-17',
        company: 'Công ty TNHH Sen Hồng',
        province: 'ha-noi',
        district: 'Quận Hai Bà Trưng',
        addressLine: '12 Phố Huế',
        country: 'VN',
        jobTitle: 'Kế toán',
        tags: ['Khách VIP'],
      },
      {
        name: 'Phạm Ngọc Thảo',
        phones: ['+84389222333'],
        emails: ['thao.pham@example.vn', 'ngocthao94@example.com'],
        birthday: '1994-02-28',
        company: 'Công ty CP Du lịch Biển Xanh',
        province: 'khanh-hoa',
        country: 'VN',
        jobTitle: 'Hướng dẫn viên',
        tags: ['Đối tác'],
      },
      {
        // A birthday without its year, as Google writes it.
        name: 'Trần Văn Nam',
        phones: ['+84902223344'],
        emails: ['nam.tran@example.vn'],
        birthday: '--12-03',
        company: 'Lê Thị Hoa',
        province: 'ho-chi-minh',
        country: 'VN',
      },
      {
        name: 'Vương Dũng',
        phones: ['+842363888123'],
        emails: ['dung.vuong@example.vn'],
        birthday: '1978-04-04',
        company: 'Công ty TNHH Điện máy Vương',
        province: 'da-nang',
        country: 'VN',
        jobTitle: 'Giám đốc',
      },
    ],
  },
  {
    preset: 'google-contacts-legacy',
    product: 'Google Contacts (older export)',
    companies: 6,
    rows: [
      {
        name: 'Hà Sơn Tùng',
        phones: ['+84987651122', '+84389333444'],
        emails: ['tung.ha@example.vn'],
        birthday: '1982-06-19',
        company: 'Hoàng Văn Thụ',
        province: 'ho-chi-minh',
        country: 'VN',
        jobTitle: 'Quản lý kho',
        gender: 'male',
      },
      {
        name: 'Lục Anh Quân',
        phones: ['+84977100200'],
        emails: ['quan.luc@example.vn'],
        birthday: '1984-10-10',
        company: 'Công ty CP Cảng Hải Phòng',
        province: 'hai-phong',
        country: 'VN',
        jobTitle: 'Kỹ sư cầu cảng',
        occupation: 'Kỹ sư',
        gender: 'male',
      },
      {
        name: 'Lý Thị Mai',
        phones: ['+84912345566'],
        emails: ['mai.ly@example.vn'],
        birthday: '1988-11-02',
        company: 'Trường THPT Chu Văn An',
        province: 'ha-noi',
        addressLine: '5 Nguyễn Du',
        country: 'VN',
        jobTitle: 'Giáo viên Văn',
        occupation: 'Giáo viên',
        interests: ['Trà đạo'],
        tags: ['Bạn hàng'],
        gender: 'female',
      },
      {
        name: 'Mạc Hoàng Long',
        phones: ['+13125550166;ext=45'],
        emails: ['long.mac@example.com'],
        birthday: '1990-01-25',
        company: 'Lakeview Seafood Inc.',
        province: null,
        district: 'Chicago',
        country: 'US',
        jobTitle: 'Buyer',
        gender: 'male',
      },
      {
        name: 'Tạ Hải Yến',
        phones: ['+842363822456'],
        emails: ['yen.ta@example.vn'],
        birthday: null,
        company: 'Công ty TNHH In ấn Tạ Gia',
        province: 'da-nang',
        country: 'VN',
        tags: ['Đối tác'],
        gender: 'female',
      },
      {
        name: 'Triệu Thị Mỹ Hạnh',
        phones: ['+84903555666'],
        emails: ['hanh.trieu@example.vn'],
        birthday: '1995-03-08',
        company: 'Spa Mỹ Hạnh',
        province: 'can-tho',
        country: 'VN',
        interests: ['Yoga'],
        tags: ['Khách VIP'],
        gender: 'female',
      },
    ],
  },
  {
    preset: 'outlook',
    product: 'Outlook',
    companies: 6,
    rows: [
      {
        name: 'Âu Bích Trâm',
        phones: ['+84935246810'],
        emails: ['tram.au@example.vn'],
        birthday: '1993-06-09',
        company: 'Nhà thuốc Bích Trâm',
        province: 'da-nang',
        country: 'VN',
        jobTitle: 'Dược sĩ',
        occupation: 'Dược sĩ',
        interests: ['Đọc sách'],
      },
      {
        name: 'Giang Đăng Khôi',
        phones: ['+84939135791'],
        emails: ['khoi.giang@example.vn'],
        birthday: '1988-02-03',
        company: 'Công ty TNHH Nông sản Giang Sơn',
        province: 'can-tho',
        country: 'VN',
        tags: ['Khách VIP'],
      },
      {
        name: 'Lê Tâm',
        phones: ['+84389666777'],
        emails: ['tam.le@example.vn'],
        birthday: '1985-12-20',
        company: 'Hoàng Thị Loan',
        province: 'ha-noi',
        country: 'VN',
      },
      {
        name: 'Nghiêm Quang Vĩnh',
        phones: ['+12065550133;ext=210', '+84918333555'],
        emails: ['vinh.nghiem@example.com', 'vinhnq@example.vn'],
        birthday: '1979-08-30',
        company: 'Northwind Traders',
        province: null,
        district: 'Seattle',
        country: 'US',
        jobTitle: 'Sourcing Lead',
      },
      {
        // 3/4/1992 beside 5/17/1990 (Trần Thanh Bình): the file is month first, so 4 March.
        name: 'Nguyễn Thị Hồng',
        phones: ['+842839330101', '+84908881234'],
        emails: ['hong.nguyen@example.vn'],
        birthday: '1992-03-04',
        company: 'Công ty TNHH Thực phẩm An Phát',
        province: 'ho-chi-minh',
        district: 'Quận 3',
        addressLine: '27 Nguyễn Thị Minh Khai',
        country: 'VN',
        jobTitle: 'Trưởng phòng',
        tags: ['Khách VIP', 'Đối tác'],
      },
      {
        // "0/0/00" is Outlook's empty date.
        name: 'Phí Thị Hồng Nhung',
        phones: ['+842253745123', '+84912777888'],
        emails: ['nhung.phi@example.vn'],
        birthday: null,
        company: 'Công ty CP May Sông Hồng',
        province: 'hai-phong',
        country: 'VN',
        jobTitle: 'Thiết kế',
        tags: ['Khách lẻ'],
        notes: 'Thích màu xanh',
      },
      {
        // A colleague of Nguyễn Thị Hồng: the company's switchboard (Company Main Phone) they share does not make them one person.
        name: 'Trần Thanh Bình',
        phones: ['+84901119988'],
        emails: ['binh.tran@example.vn'],
        birthday: '1990-05-17',
        company: 'Công ty TNHH Thực phẩm An Phát',
        province: 'ho-chi-minh',
        country: 'VN',
        jobTitle: 'Nhân viên kinh doanh',
        tags: ['Đối tác'],
      },
    ],
  },
];

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'vi');

type Contact = Record<string, unknown> & { id: string; name: string; companyId: string | null };

/** The workspace's contacts (by name) and its companies' names by id, read through the API. */
async function contactsOf(u: TestUser): Promise<{ contacts: Contact[]; companies: Map<string, string> }> {
  const api = client(t.app, u.token);
  const c = await api.get('/api/v1/contacts?limit=100');
  assert.equal(c.status, 200, JSON.stringify(c.body));
  const co = await api.get('/api/v1/companies?limit=100');
  assert.equal(co.status, 200, JSON.stringify(co.body));
  return {
    contacts: (c.body.data as Contact[]).toSorted(byName),
    companies: new Map((co.body.data as { id: string; name: string }[]).map((x) => [x.id, x.name])),
  };
}

/** A contact as a Row: every field the rows name, with the empty value where the row gives none. */
function asRow(c: Contact, companies: Map<string, string>, want: Row): Row {
  const got: Row = {
    name: c.name,
    phones: c.phones as string[],
    emails: c.emails as string[],
    birthday: c.birthday as string | null,
    company: c.companyId ? (companies.get(c.companyId) ?? `?${c.companyId}`) : null,
    province: c.province as string | null,
    country: c.country as string | null,
  };
  const optional = (k: keyof Row, empty: unknown) => {
    const v = c[k] ?? empty;
    if (want[k] !== undefined || JSON.stringify(v) !== JSON.stringify(empty)) (got as Record<string, unknown>)[k] = v;
  };
  optional('externalId', null);
  optional('district', null);
  optional('addressLine', null);
  optional('jobTitle', null);
  optional('tags', []);
  optional('interests', []);
  optional('lifecycleStage', 'lead');
  optional('source', null);
  optional('notes', null);
  optional('occupation', null);
  optional('gender', null);
  if (want.createdAt !== undefined) got.createdAt = c.createdAt as string;
  return got;
}

async function assertImported(u: TestUser, k: Case) {
  const { contacts, companies } = await contactsOf(u);
  const rows = k.rows.toSorted(byName);
  assert.deepEqual(
    contacts.map((c) => c.name),
    rows.map((r) => r.name),
    'one contact per row, named family name first',
  );
  contacts.forEach((c, i) => {
    const want = rows[i]!;
    assert.deepEqual(asRow(c, companies, want), want, want.name);
  });
  assert.equal(companies.size, k.companies, 'each company once, by its name');
}

type Report = {
  created: number;
  updated: number;
  failed: number;
  errors: unknown[];
  unconfirmed: unknown[];
  preset: unknown;
  columns?: { header: string; field: string | null }[];
};

function assertReport(r: Report, k: Case, preset: unknown) {
  assert.deepEqual(
    { preset: r.preset, created: r.created, updated: r.updated, failed: r.failed, errors: r.errors, unconfirmed: r.unconfirmed },
    { preset, created: k.rows.length, updated: 0, failed: 0, errors: [], unconfirmed: [] },
  );
}

/** `kith ARGS` as a user runs it, over the test's database (its SQLite file, or its PostgreSQL database). */
function kith(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const db = t.core.config.database;
  return new Promise((ok) => {
    const p = spawn(process.execPath, [BIN, ...args], {
      env: {
        ...process.env,
        KITH_DATA_DIR: t.core.config.dataDir,
        DATABASE_URL: db.kind === 'postgres' ? db.url : '',
        KITH_SECRET: t.core.config.secret,
        LOG_LEVEL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    p.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    p.on('close', (code) => ok({ code, stdout, stderr }));
  });
}

/** POST /contacts/import with the file as the body. */
const postImport = (u: TestUser, body: Buffer | string, query = '') =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/contacts/import?fileName=contacts.csv${query}`,
    headers: { authorization: `Bearer ${u.token}`, 'content-type': 'text/csv' },
    payload: body,
  });

describe('CRM and address-book exports, as the products write them, without --map', () => {
  for (const k of CASES) {
    test(`${k.product} (${k.preset}) through the API: recognised, every row and field in`, async () => {
      const { owner } = await makeWorkspace(t.core);
      const res = await postImport(owner, readFileSync(fixture(k.preset)));
      assert.equal(res.statusCode, 200, res.body);
      assertReport(res.json(), k, { id: k.preset, product: k.product });
      await assertImported(owner, k);
    });

    test(`${k.product} (${k.preset}) through the CLI: recognised, every row and field in`, async () => {
      const { workspaceId, owner } = await makeWorkspace(t.core);
      const r = await kith(['import', 'contacts', fixture(k.preset), '--workspace', workspaceId, '--json']);
      assert.equal(r.code, 0, r.stderr);
      assertReport(JSON.parse(r.stdout), k, k.preset);
      assert.match(r.stderr, new RegExp(`looks like a ${k.product.replace(/[()]/g, '\\$&')} export \\(--preset ${k.preset}\\)`));
      await assertImported(owner, k);
    });
  }
});

describe('the silent damage these files used to do', () => {
  test('a Zoho "Account Name" never renames the contact it matches: Nguyễn Thị Ánh Tuyết keeps her name and gains her company', async () => {
    const { owner } = await makeWorkspace(t.core);
    const api = client(t.app, owner.token);
    const made = await api.post('/api/v1/contacts', { name: 'Nguyễn Thị Ánh Tuyết', emails: ['tuyet.nguyen@example.vn'] });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const res = await postImport(owner, readFileSync(fixture('zoho-crm-contacts')));
    assert.equal(res.statusCode, 200, res.body);
    const r: Report = res.json();
    assert.deepEqual([r.created, r.updated, r.failed], [5, 1, 0]);
    assert.equal(r.columns?.find((c) => c.header === 'Account Name')?.field, 'company');
    const after = await api.get(`/api/v1/contacts/${made.body.id}`);
    assert.equal(after.body.name, 'Nguyễn Thị Ánh Tuyết');
    const company = await api.get(`/api/v1/companies/${after.body.companyId}`);
    assert.equal(company.body.name, 'Công ty TNHH Hoa Sen Việt');

    // Without the preset an account's name is still never a person's name, and the contact keeps hers.
    const bare = 'Account Name,Email,Mobile\nTrần Thị Ngọc Bích,tuyet.nguyen@example.vn,090 555 6677\n';
    const none = await postImport(owner, bare, '&preset=none&dryRun=true');
    assert.notEqual(none.statusCode, 200, 'no column holds a name: nothing is imported');
    assert.match(none.body, /name/i);
    assert.equal((await api.get(`/api/v1/contacts/${made.body.id}`)).body.name, 'Nguyễn Thị Ánh Tuyết');
  });

  test('a HubSpot "Domain name" column never becomes a name', async () => {
    const { owner } = await makeWorkspace(t.core);
    const nameless =
      'Record ID,Domain name,Email,Phone Number,Lifecycle Stage,Create Date\n61001,senvang.vn,lan@senvang.vn,0912 345 001,customer,2024-01-15 10:23\n';
    const refused = await postImport(owner, nameless, '&dryRun=true');
    assert.equal(refused.statusCode, 422, refused.body);
    assert.match(refused.body, /name/i, 'the file has no name column: it is refused, never named after its domain');

    const named = [
      'Record ID,First Name,Last Name,Domain name,Email,Phone Number,Lifecycle Stage,Create Date',
      '61002,Thị Lan,Trần,senvang.vn,lan@senvang.vn,0912 345 001,customer,2024-01-15 10:23',
    ].join('\n');
    const res = await postImport(owner, named);
    assert.equal(res.statusCode, 200, res.body);
    const r: Report = res.json();
    assert.deepEqual(r.preset, { id: 'hubspot-contacts', product: 'HubSpot' });
    assert.equal(r.columns?.find((c) => c.header === 'Domain name')?.field, null);
    assert.deepEqual(r.unconfirmed, []);
    const { contacts } = await contactsOf(owner);
    assert.deepEqual(
      contacts.map((c) => c.name),
      ['Trần Thị Lan'],
    );
  });

  test('an Outlook "Middle Name" of "Thị" never becomes the name', async () => {
    for (const query of ['', '&preset=none']) {
      const { owner } = await makeWorkspace(t.core);
      const file = [
        '"First Name","Middle Name","Last Name","E-mail Address","Mobile Phone","Business Phone","Categories"',
        '"Hồng","Thị","Nguyễn","hong@example.vn","090 888 1234","",""',
        '"","Thị","","thi@example.vn","090 888 5678","",""',
      ].join('\r\n');
      const res = await postImport(owner, file, query);
      assert.equal(res.statusCode, 200, res.body);
      const r: Report = res.json();
      assert.equal(r.columns?.find((c) => c.header === 'Middle Name')?.field, 'middleName', query);
      assert.deepEqual([r.created, r.failed], [1, 1], `${query}: a row with only a middle name has no name`);
      const { contacts } = await contactsOf(owner);
      assert.deepEqual(
        contacts.map((c) => c.name),
        ['Nguyễn Thị Hồng'],
        query,
      );
    }
  });
});
