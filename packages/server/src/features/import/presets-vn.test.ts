/**
 * The real layouts (issue 18): an Odoo contacts export in each language it ships and as its import-compatible
 * export, and KiotViet's customer list, each imported as a user would — with `kith import contacts FILE` and
 * with `POST /contacts/import` — without any --map: the product is recognised, every column goes where it
 * belongs, and the contacts come out as the shop knows them.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Kysely } from 'kysely';
import { createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { makeWorkspace } from '../../../test/factories.ts';
import { createTestCore, onPostgres, type TestCore } from '../../../test/test-db.ts';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/imports');
const KITH = join(import.meta.dirname, '../../../../cli/bin/kith.js');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A contact as the test compares it (the fields a file fills; absent lists are empty, absent values null). */
type Person = {
  name: string;
  externalId?: string;
  phones?: string[];
  emails?: string[];
  birthday?: string;
  gender?: string;
  company?: string;
  jobTitle?: string;
  addressLine?: string;
  ward?: string;
  district?: string;
  province?: string;
  country?: string;
  tags?: string[];
  notes?: string;
  createdAt?: string;
};
/** A company as the test compares it: what its company row said of it. */
type Company = {
  name: string;
  email: string | null;
  phone: string | null;
  addressLine: string | null;
  province: string | null;
  tags: string[];
  notes: string | null;
};
type Case = {
  file: string;
  preset: string;
  /** The companies the file names (its company rows and the companies its people work for). */
  companies: Company[];
  people: Person[];
  /** Rows that are companies: they make a company, not a contact. */
  companyRows: number;
};

const TRA_VIET = 'Công ty TNHH Trà Việt';
const SEN_VANG = 'Công ty CP Trà Sen Vàng';
const GOM = 'Công ty TNHH Gốm Bát Tràng Xanh';
const MAY = 'Công ty TNHH May Mặc Phương Nam';
const CAFE = 'Công ty TNHH Cà Phê Cao Nguyên';
/** The pre-2018 eleven-digit mobile "01689 123 456": 0168 became 038 in 2018. */
const OLD_MOBILE = '+84389123456';

const CASES: Case[] = [
  {
    file: 'kiotviet-customers.xlsx',
    preset: 'kiotviet-customers',
    companies: [
      {
        name: TRA_VIET,
        email: 'muahang@travietco.example.vn',
        phone: '+842438261234',
        addressLine: '5 Duy Tân',
        province: 'ha-noi',
        tags: ['Khách sỉ'],
        notes: null,
      },
    ],
    companyRows: 1,
    people: [
      {
        name: 'Bùi Thanh Tâm',
        externalId: 'KH000008',
        emails: ['tam.bui@example.vn'],
        birthday: '1988-09-09',
        gender: 'female',
        addressLine: '2 Hàng Bài',
        ward: 'Phường Tràng Tiền',
        district: 'Quận Hoàn Kiếm',
        province: 'ha-noi',
        tags: ['Khách VIP'],
        notes: 'Chỉ liên lạc qua email',
        createdAt: '2024-07-12T12:20:00.000Z',
      },
      {
        name: 'Đặng Văn Long',
        externalId: 'KH000007',
        phones: ['+84773334444'],
        gender: 'male',
        addressLine: '8 Võ Văn Ngân',
        ward: 'Phường Bến Thành',
        district: 'Quận 1',
        province: 'ho-chi-minh',
        createdAt: '2024-06-01T02:00:00.000Z',
      },
      {
        name: 'Lê Thị Mai',
        externalId: 'KH000003',
        phones: ['+84912345001'],
        birthday: '1992-02-01',
        gender: 'female',
        addressLine: '21 Trần Phú',
        ward: 'Phường Thạch Thang',
        district: 'Quận Hải Châu',
        province: 'da-nang',
        tags: ['Khách VIP', 'Khách sỉ'],
        createdAt: '2024-03-03T01:30:00.000Z',
      },
      {
        name: 'Nguyễn Thị Thu Hà',
        externalId: 'KH000001',
        phones: [OLD_MOBILE],
        emails: ['thuha.nguyen@example.vn'],
        birthday: '1990-03-15',
        gender: 'female',
        addressLine: '12 Phố Huế',
        ward: 'Phường Phạm Đình Hổ',
        district: 'Quận Hai Bà Trưng',
        province: 'ha-noi',
        tags: ['Khách VIP'],
        notes: 'Thích trà sen, giao buổi sáng',
        createdAt: '2024-01-02T03:15:00.000Z',
      },
      {
        name: 'Phạm Quốc Bảo',
        externalId: 'KH000004',
        phones: ['+84987111222'],
        emails: ['bao.pham@travietco.example.vn'],
        gender: 'male',
        company: TRA_VIET,
        addressLine: '5 Duy Tân',
        ward: 'Phường Dịch Vọng Hậu',
        district: 'Quận Cầu Giấy',
        province: 'ha-noi',
        tags: ['Khách sỉ'],
        createdAt: '2024-04-10T09:45:00.000Z',
      },
      {
        name: 'Trần Văn Minh',
        externalId: 'KH000002',
        phones: ['+84903456789'],
        emails: ['minh.tran@example.vn'],
        birthday: '1985-11-20',
        gender: 'male',
        addressLine: '45 Lê Lợi',
        ward: 'Phường Bến Nghé',
        district: 'Quận 1',
        province: 'ho-chi-minh',
        tags: ['Khách sỉ'],
        createdAt: '2024-02-15T07:02:00.000Z',
      },
      {
        name: 'Võ Thị Hồng',
        externalId: 'KH000006',
        phones: ['+84977888999'],
        birthday: '1995-07-30',
        gender: 'female',
        addressLine: '150 Nguyễn Văn Cừ',
        ward: 'Phường An Khánh',
        district: 'Quận Ninh Kiều',
        province: 'can-tho',
        tags: ['Khách VIP'],
        createdAt: '2024-05-21T04:11:00.000Z',
      },
    ],
  },
  {
    file: 'odoo-contacts.csv',
    preset: 'odoo-contacts',
    companies: [
      {
        name: SEN_VANG,
        email: 'lienhe@senvang.example.vn',
        phone: '+842838221111',
        addressLine: '12 Nguyễn Huệ',
        province: 'ho-chi-minh',
        tags: ['Khách sỉ'],
        notes: 'Đối tác phân phối trà',
      },
    ],
    companyRows: 1,
    people: (
      [
        ['__export__.res_partner_43_5e6f7a8b', 'Nguyễn Văn An', 'Giám đốc', ['+84903111201'], ['Khách VIP']],
        ['__export__.res_partner_44_9c0d1e2f', 'Trần Thị Bích Ngọc', 'Kế toán trưởng', [OLD_MOBILE], ['Khách sỉ']],
        ['__export__.res_partner_45_3a4b5c6d', 'Lê Hoàng Phúc', 'Trưởng phòng kinh doanh', ['+84912222303'], ['Khách sỉ']],
        ['__export__.res_partner_46_7e8f9a0b', 'Phạm Minh Châu', 'Nhân viên mua hàng', [], ['Khách sỉ']],
        ['__export__.res_partner_47_1c2d3e4f', 'Võ Thị Thanh Thảo', 'Thủ kho', [], []],
        ['__export__.res_partner_48_5a6b7c8d', 'Đỗ Quang Huy', 'Lái xe giao hàng', ['+84987444505'], []],
        ['__export__.res_partner_49_9e0f1a2b', 'Bùi Thị Kim Oanh', 'Lễ tân', [], ['Khách VIP', 'Khách sỉ']],
        ['__export__.res_partner_50_3c4d5e6f', 'Hồ Văn Tài', 'Nhân viên kinh doanh', ['+84933666707'], ['Khách sỉ']],
        ['__export__.res_partner_51_7a8b9c0d', 'Ngô Thị Mỹ Duyên', 'Nhân viên kinh doanh', [], ['Khách sỉ']],
        ['base.res_partner_12', 'Dương Văn Khoa', 'Phó giám đốc', ['+84978888909'], ['Khách VIP']],
      ] as const
    ).map(([externalId, name, jobTitle, phones, tags], i) => ({
      name,
      externalId,
      jobTitle,
      phones: [...phones],
      tags: [...tags],
      emails: ['lienhe@senvang.example.vn'],
      company: SEN_VANG,
      addressLine: '12 Nguyễn Huệ',
      district: 'Quận 1',
      province: 'ho-chi-minh',
      country: 'VN',
      ...(i === 0 ? { notes: 'Liên hệ qua email chung của công ty' } : {}),
    })),
  },
  {
    file: 'odoo-contacts-vi.csv',
    preset: 'odoo-contacts-vi',
    companies: [
      {
        name: GOM,
        email: 'banhang@gomxanh.example.vn',
        phone: '+842438692222',
        addressLine: '5 Bạch Mai',
        province: 'ha-noi',
        tags: ['Khách sỉ'],
        notes: null,
      },
    ],
    companyRows: 1,
    people: [
      {
        name: 'Châu Ngọc Bảo Trân',
        phones: ['+84868777014'],
        emails: ['tran.chau@example.vn'],
        addressLine: '150 Nguyễn Văn Cừ',
        district: 'Quận Ninh Kiều',
        province: 'can-tho',
        country: 'VN',
        tags: ['Khách VIP'],
        notes: 'Khách quen từ 2019',
      },
      {
        name: 'Đặng Văn Hùng',
        phones: ['+842438692223', '+84913555010'],
        emails: ['hung.dang@gomxanh.example.vn'],
        company: GOM,
        jobTitle: 'Giám đốc',
        addressLine: '5 Bạch Mai',
        district: 'Quận Hai Bà Trưng',
        province: 'ha-noi',
        country: 'VN',
        tags: ['Khách VIP', 'Khách sỉ'],
      },
      {
        name: 'Hoàng Thị Lan',
        phones: [OLD_MOBILE],
        emails: ['lan.hoang@gomxanh.example.vn'],
        company: GOM,
        jobTitle: 'Kế toán',
        addressLine: '5 Bạch Mai',
        district: 'Quận Hai Bà Trưng',
        province: 'ha-noi',
        country: 'VN',
        tags: ['Khách sỉ'],
        notes: 'Nhận hóa đơn cuối tháng',
      },
      {
        name: 'Lý Thị Hương',
        phones: ['+84905123011'],
        emails: ['huong.ly@example.vn'],
        addressLine: '88 Lê Lợi',
        district: 'Quận 1',
        province: 'ho-chi-minh',
        country: 'VN',
        tags: ['Khách VIP'],
      },
      {
        name: 'Mai Anh Tuấn',
        phones: ['+84977321013'],
        emails: ['tuan.mai@gomxanh.example.vn'],
        company: GOM,
        jobTitle: 'Nhân viên giao hàng',
        addressLine: '5 Bạch Mai',
        district: 'Quận Hai Bà Trưng',
        province: 'ha-noi',
        country: 'VN',
      },
      { name: 'Trịnh Công Sơn', phones: ['+84939456012'], addressLine: '21 Trần Phú', district: 'Quận Hải Châu', province: 'da-nang', country: 'VN' },
    ],
  },
  {
    file: 'odoo-contacts-en.csv',
    preset: 'odoo-contacts-en',
    companies: [
      {
        name: MAY,
        email: 'info@phuongnam.example.vn',
        phone: '+842839303333',
        addressLine: '45 Lê Duẩn',
        province: 'ho-chi-minh',
        tags: ['Khách sỉ'],
        notes: null,
      },
    ],
    companyRows: 1,
    people: [
      {
        name: 'Kiều Minh Nhật',
        externalId: '__export__.res_partner_10_a1b2c3d4',
        phones: ['+84945300023'],
        emails: ['nhat.kieu@example.vn'],
        addressLine: '30 Hùng Vương',
        district: 'Quận Ninh Kiều',
        province: 'can-tho',
        country: 'VN',
      },
      {
        name: 'La Thị Diễm',
        externalId: '__export__.res_partner_11_e5f6a7b8',
        phones: ['+84962400024'],
        emails: ['diem.la@phuongnam.example.vn'],
        company: MAY,
        jobTitle: 'Accountant',
        addressLine: '45 Lê Duẩn',
        district: 'Quận 1',
        province: 'ho-chi-minh',
        country: 'VN',
      },
      {
        name: 'Nguyễn Thị Hạnh',
        externalId: '__export__.res_partner_8_cc33dd44',
        phones: [OLD_MOBILE],
        emails: ['hanh.nguyen@phuongnam.example.vn'],
        company: MAY,
        jobTitle: 'Purchasing Manager',
        addressLine: '45 Lê Duẩn',
        district: 'Quận 1',
        province: 'ho-chi-minh',
        country: 'VN',
        tags: ['Khách VIP', 'Khách sỉ'],
        notes: 'Prefers Zalo',
      },
      {
        name: 'Phan Văn Đức',
        externalId: '__export__.res_partner_9_ee55ff66',
        phones: ['+842839303334', '+84909100021'],
        emails: ['duc.phan@phuongnam.example.vn'],
        company: MAY,
        jobTitle: 'Director',
        addressLine: '45 Lê Duẩn',
        district: 'Quận 1',
        province: 'ho-chi-minh',
        country: 'VN',
        tags: ['Khách VIP'],
      },
      {
        name: 'Tạ Thị Quỳnh',
        externalId: 'base.res_partner_12',
        phones: ['+84916200022'],
        emails: ['quynh.ta@example.vn'],
        addressLine: '9 Phố Huế',
        district: 'Quận Hai Bà Trưng',
        province: 'ha-noi',
        country: 'VN',
        tags: ['Khách sỉ'],
      },
    ],
  },
  {
    file: 'odoo-contacts-fr.csv',
    preset: 'odoo-contacts-fr',
    companies: [
      {
        name: CAFE,
        email: 'contact@caonguyen.example.vn',
        phone: '+842838205555',
        addressLine: '7 Pasteur',
        province: 'ho-chi-minh',
        tags: ['Khách sỉ'],
        notes: null,
      },
    ],
    companyRows: 1,
    people: [
      {
        name: 'Lâm Văn Thành',
        phones: [OLD_MOBILE],
        emails: ['thanh.lam@caonguyen.example.vn'],
        company: CAFE,
        jobTitle: 'Directeur',
        addressLine: '7 Pasteur',
        district: 'Quận 1',
        province: 'ho-chi-minh',
        country: 'VN',
        tags: ['Khách VIP', 'Khách sỉ'],
      },
      {
        name: 'Lục Thị Ánh',
        phones: ['+84976800034'],
        emails: ['anh.luc@caonguyen.example.vn'],
        company: CAFE,
        jobTitle: 'Assistante',
        addressLine: '7 Pasteur',
        district: 'Quận 1',
        province: 'ho-chi-minh',
        country: 'VN',
      },
      {
        name: 'Quách Thị Thu',
        phones: ['+84903500031'],
        emails: ['thu.quach@caonguyen.example.vn'],
        company: CAFE,
        jobTitle: 'Comptable',
        addressLine: '7 Pasteur',
        district: 'Quận 1',
        province: 'ho-chi-minh',
        country: 'VN',
        tags: ['Khách sỉ'],
      },
      {
        name: 'Tôn Nữ Minh Hằng',
        phones: ['+84912600032'],
        emails: ['hang.ton@example.vn'],
        addressLine: '3 Hàng Bài',
        district: 'Quận Hoàn Kiếm',
        province: 'ha-noi',
        country: 'VN',
        tags: ['Khách VIP'],
      },
      {
        name: 'Vương Quốc Việt',
        phones: ['+842439360033', '+84988700033'],
        addressLine: '60 Bà Triệu',
        district: 'Quận Hai Bà Trưng',
        province: 'ha-noi',
        country: 'VN',
      },
    ],
  },
];

const EMPTY: Required<Omit<Person, 'name'>> = {
  externalId: null as unknown as string,
  phones: [],
  emails: [],
  birthday: null as unknown as string,
  gender: null as unknown as string,
  company: null as unknown as string,
  jobTitle: null as unknown as string,
  addressLine: null as unknown as string,
  ward: null as unknown as string,
  district: null as unknown as string,
  province: null as unknown as string,
  country: null as unknown as string,
  tags: [],
  notes: null as unknown as string,
  createdAt: null as unknown as string,
};
/** What the database should hold for a case: every field, sorted by name as peopleIn() reads them. */
const expected = (c: Case) =>
  c.people
    .map((p) => {
      const { createdAt, ...rest } = { ...EMPTY, ...p };
      return { ...rest, ...(p.createdAt ? { createdAt } : {}) };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'));

const list = (v: unknown): string[] => (typeof v === 'string' ? JSON.parse(v) : (v as string[]));

/** The workspace's contacts and companies as the database holds them. */
async function peopleIn(db: Kysely<any>, workspaceId: string, withCreatedAt: boolean) {
  const rows = await db
    .selectFrom('contacts as c')
    .leftJoin('companies as co', 'co.id', 'c.company_id')
    .select([
      'c.name',
      'c.external_id',
      'c.phones',
      'c.emails',
      'c.birthday',
      'c.gender',
      'co.name as company',
      'c.job_title',
      'c.address_line',
      'c.ward',
      'c.district',
      'c.province',
      'c.country',
      'c.tags',
      'c.notes',
      'c.created_at',
    ])
    .where('c.workspace_id', '=', workspaceId)
    .where('c.deleted_at', 'is', null)
    .execute();
  const people = rows
    .map((r) => ({
      name: r.name,
      externalId: r.external_id,
      phones: list(r.phones),
      emails: list(r.emails),
      birthday: r.birthday,
      gender: r.gender,
      company: r.company,
      jobTitle: r.job_title,
      addressLine: r.address_line,
      ward: r.ward,
      district: r.district,
      province: r.province,
      country: r.country,
      tags: list(r.tags),
      notes: r.notes,
      ...(withCreatedAt ? { createdAt: new Date(r.created_at).toISOString() } : {}),
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  const companies = (
    await db
      .selectFrom('companies')
      .select(['name', 'email', 'phone', 'address_line', 'province', 'tags', 'notes'])
      .where('workspace_id', '=', workspaceId)
      .where('deleted_at', 'is', null)
      .execute()
  )
    .map((r) => ({ name: r.name, email: r.email, phone: r.phone, addressLine: r.address_line, province: r.province, tags: list(r.tags), notes: r.notes }))
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  return { people, companies };
}

/** The report fields every case checks, from the API's report or the CLI's --json. */
function checkReport(c: Case, r: { preset: string | null; created: number; failed: number; skipped: number; errors: unknown[]; unconfirmed: unknown[] }) {
  assert.equal(r.preset, c.preset, `${c.file} is recognised as ${c.preset}`);
  assert.deepEqual(r.errors, [], `${c.file}: no errors`);
  assert.deepEqual(r.unconfirmed, [], `${c.file}: no guess left unconfirmed`);
  assert.deepEqual([r.created, r.failed, r.skipped], [c.people.length, 0, c.companyRows], `${c.file}: created, failed, skipped (its company rows)`);
}

function checkData(c: Case, got: Awaited<ReturnType<typeof peopleIn>>) {
  assert.deepEqual(got.people, expected(c), `${c.file}: the contacts`);
  assert.deepEqual(got.companies, c.companies, `${c.file}: its company row is a company, with what the row says of it, and its people work there`);
}

describe('the real layouts through the API (POST /contacts/import, no map)', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  for (const c of CASES)
    test(`${c.file}: recognised as ${c.preset}; every row where it belongs`, async () => {
      const { owner, workspaceId } = await makeWorkspace(t.core);
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/contacts/import?fileName=${encodeURIComponent(c.file)}`,
        headers: { authorization: `Bearer ${owner.token}`, 'content-type': c.file.endsWith('.xlsx') ? XLSX : 'text/csv' },
        payload: readFileSync(join(FIXTURES, c.file)),
      });
      assert.equal(res.statusCode, 200, res.body.slice(0, 500));
      const report = res.json();
      checkReport(c, { ...report, preset: report.preset?.id ?? null });
      checkData(
        c,
        await peopleIn(
          t.core.db,
          workspaceId,
          c.people.some((p) => p.createdAt),
        ),
      );
    });

  test('a company row is a company, linked when the workspace has it; a flag that says neither, or a company without a name, is named with its row', async () => {
    const { owner, workspaceId } = await makeWorkspace(t.core);
    const api = (path: string, body: unknown) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1${path}`,
        headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      });
    assert.equal((await api('/companies', { name: 'Công ty TNHH Đã Có' })).statusCode, 201);
    const csv = [
      'Name,Is a Company,Related Company,Email',
      'Công ty TNHH Đã Có,True,,info@daco.example.vn',
      'Công ty TNHH Mới,True,,info@moi.example.vn',
      'Hà Thị Thu,False,Công ty TNHH Đã Có,thu@daco.example.vn',
      'Khổng Văn Tú,,Công ty TNHH Mới,tu@moi.example.vn',
      'Ninh Thị Vân,maybe,,van@example.vn',
      ',True,,nobody@example.vn',
    ].join('\n');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/contacts/import?fileName=odoo.csv',
      headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'text/csv' },
      payload: csv,
    });
    assert.equal(res.statusCode, 200, res.body.slice(0, 500));
    const r = res.json();
    assert.equal(r.preset?.id, 'odoo-contacts-en');
    assert.deepEqual([r.created, r.skipped, r.failed], [2, 2, 2]);
    assert.deepEqual(
      r.errors.map((e: { row: number; column: string | null; value: string | null }) => [e.row, e.column, e.value]),
      [
        [6, 'Is a Company', 'maybe'],
        [7, 'Name', null],
      ],
    );
    const got = await peopleIn(t.core.db, workspaceId, false);
    assert.deepEqual(
      got.people.map((p) => [p.name, p.company]),
      [
        ['Hà Thị Thu', 'Công ty TNHH Đã Có'],
        ['Khổng Văn Tú', 'Công ty TNHH Mới'],
      ],
      'no contact is named like a company',
    );
    assert.deepEqual(
      got.companies.map((c) => [c.name, c.email]),
      [
        ['Công ty TNHH Đã Có', null],
        ['Công ty TNHH Mới', 'info@moi.example.vn'],
      ],
      'the company the workspace had is linked as it is; the new one comes with what its row says',
    );
  });

  /** Import a file into a new workspace; its report, its contacts and the contacts in an open duplicate pair. */
  async function importAndPairs(file: Buffer) {
    const { owner, workspaceId } = await makeWorkspace(t.core);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/contacts/import?fileName=odoo.csv',
      headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'text/csv' },
      payload: file,
    });
    assert.equal(res.statusCode, 200, res.body.slice(0, 500));
    const people = await t.core.db
      .selectFrom('contacts')
      .select(['id', 'name'])
      .where('workspace_id', '=', workspaceId)
      .where('deleted_at', 'is', null)
      .execute();
    const paired = new Map<string, string[]>();
    let cursor: string | null = null;
    do {
      const page: { statusCode: number; json(): { data: { a: { id: string }; b: { id: string }; reasons: string[] }[]; nextCursor: string | null } } =
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/duplicates?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          headers: { authorization: `Bearer ${owner.token}` },
        });
      assert.equal(page.statusCode, 200);
      const body = page.json();
      for (const pair of body.data) for (const id of [pair.a.id, pair.b.id]) paired.set(id, pair.reasons);
      cursor = body.nextCursor;
    } while (cursor);
    return { report: res.json(), people, paired };
  }

  test('Odoo’s ten people behind one company mailbox are ten contacts; without Odoo’s ids to tell them apart, each is flagged as a possible duplicate', async () => {
    const file = readFileSync(join(FIXTURES, 'odoo-contacts.csv'));
    // As Odoo exports them: ten partners, ten external ids, one email. Ten contacts, none laid over another.
    const withIds = await importAndPairs(file);
    assert.equal(withIds.report.created, 10);
    assert.equal(withIds.people.length, 10);
    assert.equal(new Set(withIds.people.map((p) => p.name)).size, 10);
    // The same people without the id column (an export that did not tick it): nothing says they are ten, so
    // the shared mailbox puts every one of them in a pair someone will look at.
    const lines = file.toString('utf8').split('\r\n');
    const noIds = await importAndPairs(Buffer.from(lines.map((l) => l.replace(/^"[^"]*",/, '')).join('\r\n'), 'utf8'));
    assert.equal(noIds.report.preset?.id, 'odoo-contacts');
    assert.equal(noIds.report.created, 10);
    assert.ok(noIds.report.duplicates > 0, `the report counts the pairs (${noIds.report.duplicates})`);
    assert.deepEqual(
      noIds.people.filter((p) => !noIds.paired.get(p.id)?.includes('same_email')).map((p) => p.name),
      [],
      'every one of them is in a pair, for the email they share',
    );
  });
});

/** `kith ARGS` over the test database (SQLite: its data directory; PostgreSQL: its URL), as a user runs it. */
function kith(core: TestCore, args: string[], stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((ok) => {
    const p = spawn(process.execPath, [KITH, ...args], {
      env: {
        ...process.env,
        KITH_DATA_DIR: core.config.dataDir,
        DATABASE_URL: core.config.database.kind === 'postgres' ? core.config.database.url : '',
        LOG_LEVEL: '',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    p.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    p.stdin.end(stdin);
    p.on('close', (code) => ok({ code, stdout, stderr }));
  });
}

// Each case is its own database and its own processes: they run side by side.
describe(`the real layouts through the CLI (kith import contacts FILE --json, ${onPostgres() ? 'PostgreSQL' : 'SQLite'})`, { concurrency: true }, () => {
  for (const c of CASES)
    test(`${c.file}: recognised as ${c.preset}; every row where it belongs`, async () => {
      const core = await createTestCore();
      try {
        const setup = await kith(
          core,
          ['setup', '--workspace', 'Cửa hàng Sen', '--name', 'Chủ tiệm', '--email', 'chu@sen.example.vn', '--password-stdin', '--json'],
          'một mật khẩu đủ dài 2026\n',
        );
        assert.equal(setup.code, 0, setup.stderr);
        const workspaceId = JSON.parse(setup.stdout).workspace.id as string;
        const ran = await kith(core, ['import', 'contacts', join(FIXTURES, c.file), '--json']);
        assert.equal(ran.code, 0, ran.stderr);
        const report = JSON.parse(ran.stdout);
        checkReport(c, report);
        const product = c.preset === 'kiotviet-customers' ? 'KiotViet' : 'Odoo';
        assert.match(ran.stderr, new RegExp(`looks like a ${product}[^\\n]*--preset ${c.preset}`));
        checkData(
          c,
          await peopleIn(
            core.db,
            workspaceId,
            c.people.some((p) => p.createdAt),
          ),
        );
      } finally {
        await core.cleanup();
      }
    });
});
