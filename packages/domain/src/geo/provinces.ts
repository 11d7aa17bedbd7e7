import { matchKey } from '../text/fold.ts';

/**
 * Vietnam's 34 provincial-level units after the 2025 reorganisation (Resolution 202/2025/QH15,
 * in force 1 July 2025): 6 centrally-run cities and 28 provinces. `formerly` lists the units
 * merged into each one, so that addresses written with the old 63 names still resolve.
 * `population` (millions, approximate, 2024 figures of the merged units) weights demo data.
 */
export type Province = {
  code: string;
  name: string;
  nameEn: string;
  kind: 'city' | 'province';
  formerly: string[];
  population: number;
};

export const PROVINCES: readonly Province[] = [
  { code: 'ha-noi', name: 'Hà Nội', nameEn: 'Hanoi', kind: 'city', formerly: ['Hà Nội'], population: 8.7 },
  { code: 'hue', name: 'Huế', nameEn: 'Hue', kind: 'city', formerly: ['Thừa Thiên Huế', 'Thừa Thiên - Huế'], population: 1.2 },
  { code: 'hai-phong', name: 'Hải Phòng', nameEn: 'Hai Phong', kind: 'city', formerly: ['Hải Phòng', 'Hải Dương'], population: 4.1 },
  { code: 'da-nang', name: 'Đà Nẵng', nameEn: 'Da Nang', kind: 'city', formerly: ['Đà Nẵng', 'Quảng Nam'], population: 2.8 },
  {
    code: 'ho-chi-minh',
    name: 'TP. Hồ Chí Minh',
    nameEn: 'Ho Chi Minh City',
    kind: 'city',
    formerly: ['Hồ Chí Minh', 'Bình Dương', 'Bà Rịa - Vũng Tàu'],
    population: 13.5,
  },
  { code: 'can-tho', name: 'Cần Thơ', nameEn: 'Can Tho', kind: 'city', formerly: ['Cần Thơ', 'Sóc Trăng', 'Hậu Giang'], population: 3.2 },
  { code: 'cao-bang', name: 'Cao Bằng', nameEn: 'Cao Bang', kind: 'province', formerly: ['Cao Bằng'], population: 0.55 },
  { code: 'dien-bien', name: 'Điện Biên', nameEn: 'Dien Bien', kind: 'province', formerly: ['Điện Biên'], population: 0.64 },
  { code: 'lai-chau', name: 'Lai Châu', nameEn: 'Lai Chau', kind: 'province', formerly: ['Lai Châu'], population: 0.48 },
  { code: 'son-la', name: 'Sơn La', nameEn: 'Son La', kind: 'province', formerly: ['Sơn La'], population: 1.3 },
  { code: 'lang-son', name: 'Lạng Sơn', nameEn: 'Lang Son', kind: 'province', formerly: ['Lạng Sơn'], population: 0.8 },
  { code: 'quang-ninh', name: 'Quảng Ninh', nameEn: 'Quang Ninh', kind: 'province', formerly: ['Quảng Ninh'], population: 1.4 },
  { code: 'thanh-hoa', name: 'Thanh Hóa', nameEn: 'Thanh Hoa', kind: 'province', formerly: ['Thanh Hóa'], population: 3.7 },
  { code: 'nghe-an', name: 'Nghệ An', nameEn: 'Nghe An', kind: 'province', formerly: ['Nghệ An'], population: 3.4 },
  { code: 'ha-tinh', name: 'Hà Tĩnh', nameEn: 'Ha Tinh', kind: 'province', formerly: ['Hà Tĩnh'], population: 1.3 },
  { code: 'tuyen-quang', name: 'Tuyên Quang', nameEn: 'Tuyen Quang', kind: 'province', formerly: ['Tuyên Quang', 'Hà Giang'], population: 1.7 },
  { code: 'lao-cai', name: 'Lào Cai', nameEn: 'Lao Cai', kind: 'province', formerly: ['Lào Cai', 'Yên Bái'], population: 1.6 },
  { code: 'thai-nguyen', name: 'Thái Nguyên', nameEn: 'Thai Nguyen', kind: 'province', formerly: ['Thái Nguyên', 'Bắc Kạn'], population: 1.7 },
  { code: 'phu-tho', name: 'Phú Thọ', nameEn: 'Phu Tho', kind: 'province', formerly: ['Phú Thọ', 'Vĩnh Phúc', 'Hòa Bình'], population: 3.6 },
  { code: 'bac-ninh', name: 'Bắc Ninh', nameEn: 'Bac Ninh', kind: 'province', formerly: ['Bắc Ninh', 'Bắc Giang'], population: 3.4 },
  { code: 'hung-yen', name: 'Hưng Yên', nameEn: 'Hung Yen', kind: 'province', formerly: ['Hưng Yên', 'Thái Bình'], population: 3.2 },
  { code: 'ninh-binh', name: 'Ninh Bình', nameEn: 'Ninh Binh', kind: 'province', formerly: ['Ninh Bình', 'Hà Nam', 'Nam Định'], population: 3.8 },
  { code: 'quang-tri', name: 'Quảng Trị', nameEn: 'Quang Tri', kind: 'province', formerly: ['Quảng Trị', 'Quảng Bình'], population: 1.6 },
  { code: 'quang-ngai', name: 'Quảng Ngãi', nameEn: 'Quang Ngai', kind: 'province', formerly: ['Quảng Ngãi', 'Kon Tum'], population: 1.8 },
  { code: 'gia-lai', name: 'Gia Lai', nameEn: 'Gia Lai', kind: 'province', formerly: ['Gia Lai', 'Bình Định'], population: 3.6 },
  { code: 'khanh-hoa', name: 'Khánh Hòa', nameEn: 'Khanh Hoa', kind: 'province', formerly: ['Khánh Hòa', 'Ninh Thuận'], population: 2.2 },
  { code: 'lam-dong', name: 'Lâm Đồng', nameEn: 'Lam Dong', kind: 'province', formerly: ['Lâm Đồng', 'Đắk Nông', 'Bình Thuận'], population: 3.9 },
  { code: 'dak-lak', name: 'Đắk Lắk', nameEn: 'Dak Lak', kind: 'province', formerly: ['Đắk Lắk', 'Phú Yên'], population: 3.3 },
  { code: 'dong-nai', name: 'Đồng Nai', nameEn: 'Dong Nai', kind: 'province', formerly: ['Đồng Nai', 'Bình Phước'], population: 4.5 },
  { code: 'tay-ninh', name: 'Tây Ninh', nameEn: 'Tay Ninh', kind: 'province', formerly: ['Tây Ninh', 'Long An'], population: 3.0 },
  { code: 'vinh-long', name: 'Vĩnh Long', nameEn: 'Vinh Long', kind: 'province', formerly: ['Vĩnh Long', 'Bến Tre', 'Trà Vinh'], population: 4.3 },
  { code: 'dong-thap', name: 'Đồng Tháp', nameEn: 'Dong Thap', kind: 'province', formerly: ['Đồng Tháp', 'Tiền Giang'], population: 4.4 },
  { code: 'ca-mau', name: 'Cà Mau', nameEn: 'Ca Mau', kind: 'province', formerly: ['Cà Mau', 'Bạc Liêu'], population: 2.1 },
  { code: 'an-giang', name: 'An Giang', nameEn: 'An Giang', kind: 'province', formerly: ['An Giang', 'Kiên Giang'], population: 4.9 },
];

/** Everyday spellings people write for a province, beyond its names and former names. */
const ALIASES: Record<string, string[]> = {
  'ha-noi': ['HN', 'Hanoi', 'TP Hà Nội', 'Thành phố Hà Nội'],
  'ho-chi-minh': [
    'HCM',
    'TPHCM',
    'TP HCM',
    'TP.HCM',
    'Sài Gòn',
    'Saigon',
    'Thành phố Hồ Chí Minh',
    'Ho Chi Minh City',
    'BRVT',
    'BR-VT',
    'Vũng Tàu',
    'Bà Rịa Vũng Tàu',
  ],
  'hue': ['Thành phố Huế', 'TT Huế', 'TT-Huế'],
  'da-nang': ['ĐN', 'Danang', 'TP Đà Nẵng'],
  'hai-phong': ['HP', 'TP Hải Phòng'],
  'can-tho': ['TP Cần Thơ'],
  'dak-lak': ['Đắc Lắc', 'Daklak'],
  'lam-dong': ['Đắk Nông', 'Đăk Nông', 'Dak Nong'],
};

const PREFIXES = ['tinh ', 'thanh pho ', 'tp ', 'tp. '];

const byKey = new Map<string, Province>();
for (const p of PROVINCES) {
  for (const n of [p.code.replace(/-/g, ' '), p.name, p.nameEn, ...p.formerly, ...(ALIASES[p.code] ?? [])]) {
    byKey.set(matchKey(n), p);
  }
}

export const PROVINCE_CODES = PROVINCES.map((p) => p.code) as [string, ...string[]];

export function provinceByCode(code: string): Province | undefined {
  return PROVINCES.find((p) => p.code === code);
}

/** "Ha Noi City", "Lam Dong Province": the English word after the name. */
const SUFFIXES = [' city', ' province'];

function lookup(folded: string): Province | undefined {
  let key = folded;
  if (byKey.has(key)) return byKey.get(key);
  for (const prefix of PREFIXES) {
    const k = matchKey(prefix);
    if (key.startsWith(`${k} `)) {
      key = key.slice(k.length + 1);
      if (byKey.has(key)) return byKey.get(key);
    }
  }
  return undefined;
}

/**
 * Resolve what a person wrote ("tp.hcm", "Bình Dương", "Tỉnh Nam Định", "ha-noi", "Ha Noi City") to a current
 * province, mapping the 63 pre-2025 names to the unit they were merged into.
 */
export function resolveProvince(input: string): Province | undefined {
  const key = matchKey(input);
  const found = lookup(key);
  if (found) return found;
  for (const suffix of SUFFIXES) if (key.endsWith(suffix)) return lookup(key.slice(0, -suffix.length));
  return undefined;
}

/** Where a cell may cut a province from a district: " - " (KiotViet), ",", ";", "/", "|". */
const CUT = /\s*[-–—,;/|]\s*/gu;

/**
 * A delivery area as shops' systems write it, to a province and the district as written: "Province - District"
 * (KiotViet's Khu vực giao hàng: "Hà Nội - Quận Hai Bà Trưng", "TP. Hồ Chí Minh - Quận 1"), "District, Province"
 * ("Quận 1, TP.HCM"; with a ward before it, the part next to the province), or a province alone ("Sài Gòn",
 * "Ha Noi City"). A province's own hyphen ("Bà Rịa - Vũng Tàu - TP Vũng Tàu") is not a cut: the longest name that
 * is a province wins. Old names resolve to the merged unit, as resolveProvince does; `district` is the text as
 * written (trimmed), null when there is none. No province: both null (the caller keeps the text as it was).
 */
export function resolveArea(text: string): { province: string | null; district: string | null } {
  const s = text.normalize('NFC').trim();
  const none = { province: null, district: null };
  if (!s) return none;
  const whole = resolveProvince(s);
  if (whole) return { province: whole.code, district: null };
  const cuts = [...s.matchAll(CUT)].map((m) => ({ start: m.index, end: m.index + m[0].length })).filter((c) => c.start > 0 && c.end < s.length);
  const clean = (d: string) => {
    const t = d.trim();
    return t.length > 0 ? t : null;
  };
  // Province first: the longest head that is a province.
  for (let i = cuts.length - 1; i >= 0; i--) {
    const p = resolveProvince(s.slice(0, cuts[i]!.start));
    if (p) return { province: p.code, district: clean(s.slice(cuts[i]!.end)) };
  }
  // Province last: the longest tail that is one; the district is the part just before it.
  for (let i = 0; i < cuts.length; i++) {
    const p = resolveProvince(s.slice(cuts[i]!.end));
    if (p) return { province: p.code, district: clean(s.slice(i > 0 ? cuts[i - 1]!.end : 0, cuts[i]!.start)) };
  }
  return none;
}
