import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PROVINCE_CODES, PROVINCES, provinceByCode, resolveArea, resolveProvince } from './provinces.ts';

test('34 units after the 2025 reorganisation: 6 cities and 28 provinces', () => {
  assert.equal(PROVINCES.length, 34);
  assert.equal(PROVINCES.filter((p) => p.kind === 'city').length, 6);
  assert.equal(new Set(PROVINCE_CODES).size, 34);
});

/** The 63 former provinces and the unit each was merged into. */
const FORMER: Record<string, string> = {
  'Hà Nội': 'ha-noi',
  'Hồ Chí Minh': 'ho-chi-minh',
  'Bình Dương': 'ho-chi-minh',
  'Bà Rịa - Vũng Tàu': 'ho-chi-minh',
  'Hải Phòng': 'hai-phong',
  'Hải Dương': 'hai-phong',
  'Đà Nẵng': 'da-nang',
  'Quảng Nam': 'da-nang',
  'Cần Thơ': 'can-tho',
  'Sóc Trăng': 'can-tho',
  'Hậu Giang': 'can-tho',
  'Thừa Thiên Huế': 'hue',
  'Cao Bằng': 'cao-bang',
  'Điện Biên': 'dien-bien',
  'Lai Châu': 'lai-chau',
  'Sơn La': 'son-la',
  'Lạng Sơn': 'lang-son',
  'Quảng Ninh': 'quang-ninh',
  'Thanh Hóa': 'thanh-hoa',
  'Nghệ An': 'nghe-an',
  'Hà Tĩnh': 'ha-tinh',
  'Tuyên Quang': 'tuyen-quang',
  'Hà Giang': 'tuyen-quang',
  'Lào Cai': 'lao-cai',
  'Yên Bái': 'lao-cai',
  'Thái Nguyên': 'thai-nguyen',
  'Bắc Kạn': 'thai-nguyen',
  'Phú Thọ': 'phu-tho',
  'Vĩnh Phúc': 'phu-tho',
  'Hòa Bình': 'phu-tho',
  'Bắc Ninh': 'bac-ninh',
  'Bắc Giang': 'bac-ninh',
  'Hưng Yên': 'hung-yen',
  'Thái Bình': 'hung-yen',
  'Ninh Bình': 'ninh-binh',
  'Hà Nam': 'ninh-binh',
  'Nam Định': 'ninh-binh',
  'Quảng Trị': 'quang-tri',
  'Quảng Bình': 'quang-tri',
  'Quảng Ngãi': 'quang-ngai',
  'Kon Tum': 'quang-ngai',
  'Gia Lai': 'gia-lai',
  'Bình Định': 'gia-lai',
  'Khánh Hòa': 'khanh-hoa',
  'Ninh Thuận': 'khanh-hoa',
  'Lâm Đồng': 'lam-dong',
  'Đắk Nông': 'lam-dong',
  'Bình Thuận': 'lam-dong',
  'Đắk Lắk': 'dak-lak',
  'Phú Yên': 'dak-lak',
  'Đồng Nai': 'dong-nai',
  'Bình Phước': 'dong-nai',
  'Tây Ninh': 'tay-ninh',
  'Long An': 'tay-ninh',
  'Vĩnh Long': 'vinh-long',
  'Bến Tre': 'vinh-long',
  'Trà Vinh': 'vinh-long',
  'Đồng Tháp': 'dong-thap',
  'Tiền Giang': 'dong-thap',
  'Cà Mau': 'ca-mau',
  'Bạc Liêu': 'ca-mau',
  'An Giang': 'an-giang',
  'Kiên Giang': 'an-giang',
};

test('every one of the 63 former provinces resolves to the unit it was merged into', () => {
  assert.equal(Object.keys(FORMER).length, 63);
  for (const [name, code] of Object.entries(FORMER)) {
    assert.equal(resolveProvince(name)?.code, code, name);
    assert.equal(resolveProvince(name.toUpperCase())?.code, code, `${name} in capitals`);
  }
  const covered = new Set(PROVINCES.flatMap((p) => p.formerly.map((f) => f.replace(' - ', ' - '))));
  assert.ok(covered.size >= 63);
});

test('everyday spellings, prefixes, codes and English names', () => {
  const cases: [string, string][] = [
    ['TP.HCM', 'ho-chi-minh'],
    ['tphcm', 'ho-chi-minh'],
    ['Sài Gòn', 'ho-chi-minh'],
    ['Saigon', 'ho-chi-minh'],
    ['Vũng Tàu', 'ho-chi-minh'],
    ['tỉnh Nam Định', 'ninh-binh'],
    ['Thành phố Hà Nội', 'ha-noi'],
    ['HN', 'ha-noi'],
    ['Hanoi', 'ha-noi'],
    ['ha-noi', 'ha-noi'],
    ['Ho Chi Minh City', 'ho-chi-minh'],
    ['da nang', 'da-nang'],
    ['TP. Cần Thơ', 'can-tho'],
    ['Huế', 'hue'],
    ['Thừa Thiên - Huế', 'hue'],
  ];
  for (const [input, code] of cases) assert.equal(resolveProvince(input)?.code, code, input);
  for (const unknown of ['Atlantis', '', 'Tỉnh', 'Bangkok', 'Hà']) assert.equal(resolveProvince(unknown), undefined, unknown);
  assert.equal(provinceByCode('an-giang')?.name, 'An Giang');
  assert.equal(provinceByCode('kien-giang'), undefined, 'former codes are not current');
});

test('a delivery area: "Province - District", "District, Province", or a city as people call it', () => {
  const area = (province: string | null, district: string | null = null) => ({ province, district });
  assert.deepEqual(resolveArea('Hà Nội - Quận Hai Bà Trưng'), area('ha-noi', 'Quận Hai Bà Trưng'));
  assert.deepEqual(resolveArea('TP. Hồ Chí Minh - Quận 1'), area('ho-chi-minh', 'Quận 1'));
  assert.deepEqual(resolveArea('Hồ Chí Minh - Huyện Củ Chi'), area('ho-chi-minh', 'Huyện Củ Chi'));
  assert.deepEqual(resolveArea('Bình Dương - Thành phố Thủ Dầu Một'), area('ho-chi-minh', 'Thành phố Thủ Dầu Một'), 'an old province: the merged unit');
  assert.deepEqual(resolveArea('Bà Rịa - Vũng Tàu - Thành phố Vũng Tàu'), area('ho-chi-minh', 'Thành phố Vũng Tàu'), "a province's own hyphen is no cut");
  assert.deepEqual(resolveArea('Thừa Thiên - Huế - Huyện Phú Vang'), area('hue', 'Huyện Phú Vang'));
  assert.deepEqual(resolveArea('Thái Nguyên - Thành phố Thái Nguyên'), area('thai-nguyen', 'Thành phố Thái Nguyên'));
  assert.deepEqual(resolveArea('Quận 1, TP.HCM'), area('ho-chi-minh', 'Quận 1'));
  assert.deepEqual(resolveArea('Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh'), area('ho-chi-minh', 'Quận 1'));
  assert.deepEqual(resolveArea('Cầu Giấy, Hanoi'), area('ha-noi', 'Cầu Giấy'));
  assert.deepEqual(resolveArea('Hải Châu, Da Nang City'), area('da-nang', 'Hải Châu'));
  for (const [text, code] of [
    ['Sài Gòn', 'ho-chi-minh'],
    ['HCM', 'ho-chi-minh'],
    ['TPHCM', 'ho-chi-minh'],
    ['Hanoi', 'ha-noi'],
    ['Da Nang', 'da-nang'],
    ['Ha Noi City', 'ha-noi'],
    ['Lam Dong Province', 'lam-dong'],
    ['Bà Rịa - Vũng Tàu', 'ho-chi-minh'],
  ] as const) {
    assert.deepEqual(resolveArea(text), area(code), text);
    assert.equal(resolveProvince(text)?.code, code, text);
  }
  assert.deepEqual(resolveArea('Hà Nội - '), area('ha-noi'));
  assert.deepEqual(resolveArea('Quận 1'), area(null), 'a district alone names no province');
  assert.deepEqual(resolveArea('Atlantis - Quận 9'), area(null));
  assert.deepEqual(resolveArea(''), area(null));
});
