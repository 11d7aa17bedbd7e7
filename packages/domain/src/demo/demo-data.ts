import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { ContactSource } from '../contacts/contact-sources.ts';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import type { ContactCreateInput } from '../contacts/contact.schema.ts';
import type { CompanyCreateInput } from '../companies/company.schema.ts';
import { PROVINCES } from '../geo/provinces.ts';
import { fold } from '../text/fold.ts';
import { normalizePhone } from '../phones/phone.ts';

/**
 * Realistic Vietnamese demo data, deterministic by seed: record i is the same for a given seed whatever
 * the total, so a demo of 1,000 is the first thousand of a demo of a million.
 */
export type Rng = ReturnType<typeof xoroshiro128plus>;

export function rngFor(seed: number, stream: number, i: number): Rng {
  return xoroshiro128plus(((seed * 2654435761) ^ (stream * 40503) ^ (i * 2246822519)) | 0);
}
export const int = (r: Rng, from: number, to: number): number => uniformInt(r, from, to);
export const chance = (r: Rng, p: number): boolean => uniformInt(r, 0, 999_999) < p * 1_000_000;
export const pick = <T>(r: Rng, list: readonly T[]): T => list[uniformInt(r, 0, list.length - 1)]!;

export function weighted<T>(r: Rng, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = (uniformInt(r, 0, 999_999) / 1_000_000) * total;
  for (const [v, w] of items) {
    if ((x -= w) < 0) return v;
  }
  return items[items.length - 1]![0];
}

/** Family names by share of the population (approximate, widely cited figures). */
const FAMILY: readonly (readonly [string, number])[] = [
  ['Nguyễn', 38],
  ['Trần', 11],
  ['Lê', 9.5],
  ['Phạm', 7],
  ['Hoàng', 3],
  ['Huỳnh', 2.1],
  ['Phan', 4.5],
  ['Vũ', 2],
  ['Võ', 1.9],
  ['Đặng', 2.1],
  ['Bùi', 2],
  ['Đỗ', 1.4],
  ['Hồ', 1.3],
  ['Ngô', 1.3],
  ['Dương', 1],
  ['Lý', 0.5],
  ['Đinh', 0.6],
  ['Trương', 0.6],
  ['Lâm', 0.4],
  ['Mai', 0.4],
  ['Trịnh', 0.4],
  ['Đoàn', 0.4],
  ['Cao', 0.3],
  ['Lương', 0.3],
];
const MIDDLE_M = ['Văn', 'Đức', 'Minh', 'Quốc', 'Hữu', 'Thanh', 'Công', 'Xuân', 'Hoàng', 'Ngọc', 'Anh', 'Trung', 'Gia', 'Tuấn'];
const MIDDLE_F = ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Minh', 'Phương', 'Hồng', 'Kim', 'Bảo', 'Khánh', 'Mai', 'Diệu', 'Thùy', 'Hoài'];
const GIVEN_M = [
  'An',
  'Anh',
  'Bảo',
  'Bình',
  'Cường',
  'Dũng',
  'Duy',
  'Đạt',
  'Đức',
  'Hải',
  'Hiếu',
  'Hoàng',
  'Huy',
  'Hùng',
  'Khang',
  'Khoa',
  'Kiên',
  'Long',
  'Lâm',
  'Minh',
  'Nam',
  'Nghĩa',
  'Phong',
  'Phúc',
  'Quân',
  'Quang',
  'Sơn',
  'Tài',
  'Thắng',
  'Thành',
  'Thịnh',
  'Tiến',
  'Toàn',
  'Trí',
  'Trung',
  'Tuấn',
  'Tùng',
  'Việt',
  'Vinh',
  'Vũ',
];
const GIVEN_F = [
  'An',
  'Anh',
  'Chi',
  'Diệp',
  'Dung',
  'Giang',
  'Hà',
  'Hạnh',
  'Hằng',
  'Hiền',
  'Hoa',
  'Hương',
  'Huyền',
  'Lan',
  'Linh',
  'Loan',
  'Ly',
  'Mai',
  'My',
  'Nga',
  'Ngân',
  'Ngọc',
  'Nhung',
  'Oanh',
  'Phương',
  'Quyên',
  'Quỳnh',
  'Tâm',
  'Thảo',
  'Thư',
  'Thủy',
  'Trang',
  'Trinh',
  'Tuyết',
  'Uyên',
  'Vân',
  'Vy',
  'Xuân',
  'Yến',
];

/** Mobile prefixes in use after the 2018 renumbering (Viettel, MobiFone, VinaPhone, Vietnamobile, Gmobile, Itelecom). */
const MOBILE_PREFIXES = [
  '032',
  '033',
  '034',
  '035',
  '036',
  '037',
  '038',
  '039',
  '086',
  '096',
  '097',
  '098',
  '070',
  '076',
  '077',
  '078',
  '079',
  '089',
  '090',
  '093',
  '081',
  '082',
  '083',
  '084',
  '085',
  '088',
  '091',
  '094',
  '056',
  '058',
  '092',
  '059',
  '099',
  '087',
];
const MAIL_DOMAINS: readonly (readonly [string, number])[] = [
  ['gmail.com', 62],
  ['yahoo.com', 10],
  ['outlook.com', 7],
  ['icloud.com', 5],
  ['hotmail.com', 4],
];
const STREETS = [
  'Lê Lợi',
  'Trần Hưng Đạo',
  'Nguyễn Huệ',
  'Hai Bà Trưng',
  'Lý Thường Kiệt',
  'Điện Biên Phủ',
  'Nguyễn Trãi',
  'Phan Đình Phùng',
  'Quang Trung',
  'Lê Duẩn',
  'Võ Văn Tần',
  'Cách Mạng Tháng Tám',
  'Nguyễn Văn Cừ',
  'Hùng Vương',
  'Bạch Đằng',
  'Trần Phú',
];
const OCCUPATIONS = [
  'Nhân viên văn phòng',
  'Kinh doanh tự do',
  'Giáo viên',
  'Kỹ sư',
  'Bác sĩ',
  'Sinh viên',
  'Công nhân',
  'Nội trợ',
  'Kế toán',
  'Lập trình viên',
  'Nhân viên bán hàng',
  'Quản lý',
  'Điều dưỡng',
  'Tài xế',
  'Thiết kế',
];
const TAGS = ['vip', 'khách sỉ', 'khách lẻ', 'đại lý', 'hội chợ 2026', 'newsletter', 'b2b', 'khách quen', 'cần gọi lại', 'khuyến mãi'];
const INTERESTS = [
  'thời trang',
  'mỹ phẩm',
  'du lịch',
  'ẩm thực',
  'công nghệ',
  'thể thao',
  'sách',
  'âm nhạc',
  'nhà cửa',
  'mẹ và bé',
  'ô tô',
  'tài chính',
  'sức khỏe',
  'cà phê',
];
/** Weights of the sources Kith names (contacts/contact-sources.ts); a typo here is a type error. */
const SOURCES: readonly (readonly [ContactSource, number])[] = [
  ['website', 20],
  ['facebook', 22],
  ['zalo', 18],
  ['referral', 12],
  ['walk_in', 10],
  ['event', 6],
  ['tiktok', 7],
  ['google_ads', 5],
];
const STAGES: readonly (readonly [ContactCreateInput['lifecycleStage'] & string, number])[] = [
  ['lead', 30],
  ['prospect', 20],
  ['new_customer', 15],
  ['repeat', 15],
  ['loyal', 8],
  ['at_risk', 6],
  ['churned', 4],
  ['lost', 2],
];
const INCOME: readonly (readonly [NonNullable<ContactCreateInput['incomeBand']>, number])[] = [
  ['under_5m', 20],
  ['5m_10m', 35],
  ['10m_20m', 28],
  ['20m_50m', 13],
  ['over_50m', 4],
];
const PROVINCE_WEIGHTS = PROVINCES.map((p) => [p.code, p.population] as const);

const COMPANY_KINDS = ['Công ty TNHH', 'Công ty Cổ phần', 'Công ty TNHH MTV', 'Doanh nghiệp tư nhân'];
const COMPANY_WORDS = [
  'Minh Phát',
  'Hưng Thịnh',
  'An Khang',
  'Phú Quý',
  'Đại Việt',
  'Sao Mai',
  'Hoàng Long',
  'Thành Công',
  'Tân Tiến',
  'Phương Nam',
  'Bình Minh',
  'Việt Hưng',
  'Hải Đăng',
  'Trường Sơn',
  'Kim Ngân',
  'Hồng Hà',
  'Thiên Ân',
  'Ánh Dương',
  'Đông Á',
  'Nam Việt',
];
const COMPANY_TRADES = [
  'Thương mại',
  'Dịch vụ',
  'Xây dựng',
  'Công nghệ',
  'Thực phẩm',
  'Dược phẩm',
  'Vận tải',
  'Du lịch',
  'Nội thất',
  'May mặc',
  'Giáo dục',
  'Bất động sản',
];
const INDUSTRIES = [
  'Bán lẻ',
  'Sản xuất',
  'Công nghệ thông tin',
  'Thực phẩm & đồ uống',
  'Xây dựng',
  'Logistics',
  'Du lịch & khách sạn',
  'Giáo dục',
  'Y tế',
  'Tài chính',
];

export type DemoContact = Omit<ContactCreateInput, 'companyId' | 'ownerId' | 'teamId'> & { companyIndex: number | null; ownerSlot: number | null };

export function demoCompanyCount(customers: number): number {
  return Math.max(1, Math.min(20_000, Math.round(customers / 20)));
}

export function demoCompany(seed: number, i: number): CompanyCreateInput {
  const r = rngFor(seed, 2, i);
  const words = `${pick(r, COMPANY_WORDS)}`;
  const trade = pick(r, COMPANY_TRADES);
  const name = `${pick(r, COMPANY_KINDS)} ${trade} ${words}${i >= COMPANY_WORDS.length * COMPANY_TRADES.length ? ` ${i}` : ''}`;
  const slug = fold(words).replace(/[^a-z0-9]/g, '');
  const province = weighted(r, PROVINCE_WEIGHTS);
  return {
    name,
    domain: `${slug}${i}.vn`,
    website: `https://${slug}${i}.vn`,
    email: `lienhe@${slug}${i}.vn`,
    taxCode: String(int(r, 100_000_000, 999_999_999)).padStart(10, '0'),
    industry: pick(r, INDUSTRIES),
    sizeBand: weighted(r, [
      ['1-9', 45],
      ['10-49', 35],
      ['50-249', 14],
      ['250-999', 5],
      ['1000+', 1],
    ] as const),
    addressLine: `${int(r, 1, 300)} ${pick(r, STREETS)}`,
    province,
    country: 'VN',
    tags: chance(r, 0.3) ? ['b2b'] : [],
  };
}

export function demoContact(seed: number, i: number, companies: number): DemoContact {
  const r = rngFor(seed, 1, i);
  const female = chance(r, 0.52);
  const family = weighted(r, FAMILY);
  const middle = pick(r, female ? MIDDLE_F : MIDDLE_M);
  const given = pick(r, female ? GIVEN_F : GIVEN_M);
  const name = `${family} ${middle} ${given}`;
  const local = `${fold(given)}${fold(family)}`.replace(/[^a-z]/g, '');
  const companyIndex = chance(r, 0.35) ? int(r, 0, companies - 1) : null;
  const emails: string[] = [];
  if (chance(r, 0.72)) emails.push(`${local}${(i * 7919) % 100_000}@${weighted(r, MAIL_DOMAINS)}`);
  if (companyIndex !== null && chance(r, 0.4))
    emails.push(
      `${fold(given).replace(/[^a-z]/g, '')}.${fold(family).replace(/[^a-z]/g, '')}${i}@${fold(COMPANY_WORDS[companyIndex % COMPANY_WORDS.length]!).replace(/[^a-z]/g, '')}${companyIndex}.vn`,
    );
  const phones: string[] = [];
  // Some prefixes are only partly allocated; draw again (deterministically) until the number is a real one.
  const mobile = () => {
    for (;;) {
      const d = String(int(r, 0, 9_999_999)).padStart(7, '0');
      const n = `${pick(r, MOBILE_PREFIXES)} ${d.slice(0, 3)} ${d.slice(3)}`;
      if (normalizePhone(n, 'VN').ok) return n;
    }
  };
  if (chance(r, 0.95)) phones.push(mobile());
  if (chance(r, 0.1)) phones.push(mobile());
  const age = int(r, 18, 70);
  const birthday = chance(r, 0.6) ? `${2026 - age}-${String(int(r, 1, 12)).padStart(2, '0')}-${String(int(r, 1, 28)).padStart(2, '0')}` : null;
  const tags = TAGS.filter(() => chance(r, 0.08));
  const interests = INTERESTS.filter(() => chance(r, 0.12));
  const consents: ContactCreateInput['consents'] = {};
  if (emails.length && chance(r, 0.45)) consents.email = { status: 'granted', source: 'web form' };
  if (phones.length && chance(r, 0.5)) consents.zalo = { status: chance(r, 0.85) ? 'granted' : 'denied', source: 'Zalo OA' };
  if (phones.length && chance(r, 0.3)) consents.sms = { status: 'granted', source: 'cửa hàng' };
  return {
    name,
    familyName: family,
    givenName: given,
    emails,
    phones,
    gender: female ? 'female' : 'male',
    birthday,
    addressLine: chance(r, 0.7) ? `${int(r, 1, 500)} ${pick(r, STREETS)}` : null,
    province: chance(r, 0.9) ? weighted(r, PROVINCE_WEIGHTS) : null,
    country: 'VN',
    occupation: chance(r, 0.6) ? pick(r, OCCUPATIONS) : null,
    incomeBand: chance(r, 0.4) ? weighted(r, INCOME) : null,
    householdSize: chance(r, 0.3) ? int(r, 1, 7) : null,
    maritalStatus: chance(r, 0.3) ? (age < 26 ? 'single' : pick(r, ['single', 'married', 'married', 'married', 'divorced'] as const)) : null,
    interests,
    tags,
    source: weighted(r, SOURCES),
    lifecycleStage: weighted(r, STAGES),
    consents,
    companyIndex,
    ownerSlot: chance(r, 0.8) ? int(r, 0, 1_000_000) : null,
  };
}

/** The demo team: who owns the customers. */
export const DEMO_TEAMS = [
  {
    name: 'Kinh doanh',
    manager: { name: 'Trần Minh Quân', email: 'quan.tran@demo.kith.vn' },
    agents: [
      { name: 'Lê Thu Hà', email: 'ha.le@demo.kith.vn' },
      { name: 'Phạm Đức Huy', email: 'huy.pham@demo.kith.vn' },
      { name: 'Võ Ngọc Trang', email: 'trang.vo@demo.kith.vn' },
    ],
  },
  {
    name: 'Chăm sóc khách hàng',
    manager: { name: 'Nguyễn Thị Lan', email: 'lan.nguyen@demo.kith.vn' },
    agents: [
      { name: 'Đặng Văn Nam', email: 'nam.dang@demo.kith.vn' },
      { name: 'Bùi Khánh Linh', email: 'linh.bui@demo.kith.vn' },
    ],
  },
] as const;
