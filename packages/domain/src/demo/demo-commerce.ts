import type { InteractionCreateInput } from '../interactions/interaction.schema.ts';
import type { OrderChannel, OrderStatus } from '../orders/order.schema.ts';
import { chance, int, pick, rngFor, weighted, type Rng } from './demo-data.ts';

/**
 * Demo products and three years of purchases, deterministic by seed (customer i buys the same way in a demo
 * of a thousand or of a million). The purchase process is the one the analytics of issue 5 model: each
 * buyer has a purchase rate and, after each purchase, a chance of never coming back (BG/NBD's story), so the
 * data holds many one-off buyers, occasional and regular customers and a small loyal core; dates cluster
 * before Tết, at mid-autumn, on 11.11 and Black Friday and in December.
 */

export const DEMO_CATEGORIES = ['Trà', 'Cà phê', 'Bánh kẹo', 'Quà Tết', 'Đồ gốm', 'Mỹ phẩm thiên nhiên'] as const;

/** [sku, name, category index, price in đồng] */
export const DEMO_PRODUCTS: readonly (readonly [string, string, number, number])[] = [
  ['TRA-SEN-100', 'Trà sen Tây Hồ 100g', 0, 350_000],
  ['TRA-NHAI-200', 'Trà nhài 200g', 0, 120_000],
  ['TRA-OLONG-250', 'Trà ô long Cầu Đất 250g', 0, 280_000],
  ['TRA-SHAN-100', 'Trà shan tuyết cổ thụ 100g', 0, 420_000],
  ['TRA-TAN-500', 'Trà Tân Cương Thái Nguyên 500g', 0, 250_000],
  ['TRA-GUNG-20', 'Trà gừng túi lọc (20 gói)', 0, 45_000],
  ['CF-ROBUSTA-500', 'Cà phê Robusta Buôn Ma Thuột 500g', 1, 160_000],
  ['CF-ARABICA-250', 'Cà phê Arabica Cầu Đất 250g', 1, 190_000],
  ['CF-PHIN-SET', 'Bộ phin nhôm và cà phê 250g', 1, 230_000],
  ['CF-COLD-1L', 'Cà phê ủ lạnh 1 lít', 1, 140_000],
  ['CF-CHON-100', 'Cà phê chồn 100g', 1, 650_000],
  ['BK-PIA-4', 'Bánh pía Sóc Trăng (4 cái)', 2, 85_000],
  ['BK-COM-10', 'Bánh cốm Hàng Than (10 cái)', 2, 110_000],
  ['BK-DAU-XANH', 'Bánh đậu xanh Hải Dương', 2, 60_000],
  ['BK-KEO-DUA', 'Kẹo dừa Bến Tre 500g', 2, 55_000],
  ['BK-TRUNG-THU', 'Hộp bánh trung thu 4 chiếc', 2, 520_000],
  ['BK-MUT-TET', 'Mứt Tết thập cẩm 500g', 2, 150_000],
  ['QT-HOP-AN-KHANG', 'Hộp quà Tết An Khang', 3, 890_000],
  ['QT-HOP-PHUC-LOC', 'Hộp quà Tết Phúc Lộc', 3, 1_290_000],
  ['QT-GIO-CAO-CAP', 'Giỏ quà Tết cao cấp', 3, 2_450_000],
  ['QT-HOP-TRA', 'Hộp quà trà và bánh', 3, 560_000],
  ['QT-THIEP', 'Thiệp chúc Tết viết tay', 3, 25_000],
  ['GOM-BAT-TRANG-AM', 'Ấm chén Bát Tràng men lam', 4, 750_000],
  ['GOM-CHEN-6', 'Bộ 6 chén gốm', 4, 240_000],
  ['GOM-LO-HOA', 'Lọ hoa gốm Chu Đậu', 4, 480_000],
  ['MP-DAU-DUA', 'Dầu dừa nguyên chất 250ml', 5, 95_000],
  ['MP-XA-PHONG', 'Xà phòng thảo mộc (3 bánh)', 5, 120_000],
  ['MP-TINH-DAU', 'Tinh dầu sả chanh 50ml', 5, 110_000],
  ['MP-SON-GAC', 'Son dưỡng dầu gấc', 5, 75_000],
  ['MP-MAT-NA', 'Mặt nạ nghệ mật ong (5 miếng)', 5, 135_000],
];

const CHANNELS: readonly (readonly [OrderChannel, number])[] = [
  ['store', 30],
  ['website', 20],
  ['marketplace', 20],
  ['zalo', 12],
  ['facebook', 12],
  ['phone', 6],
];

/** Buyer profiles: share of contacts, purchases per year, chance of leaving after each purchase. */
const PROFILES = [
  { name: 'never', share: 35, perYear: 0, leave: 1 },
  { name: 'one-off', share: 30, perYear: 1, leave: 1 },
  { name: 'occasional', share: 20, perYear: 1.5, leave: 0.35 },
  { name: 'regular', share: 11, perYear: 4.5, leave: 0.12 },
  { name: 'loyal', share: 4, perYear: 11, leave: 0.04 },
] as const;

const DAY = 86_400_000;
const TET = ['2024-02-10', '2025-01-29', '2026-02-17', '2027-02-06'].map((d) => Date.parse(`${d}T00:00:00Z`));

/** How busy a day is for a Vietnamese shop of this kind (1 = an ordinary day). */
export function seasonWeight(t: number): number {
  for (const tet of TET) {
    const before = (tet - t) / DAY;
    if (before >= 0 && before <= 25) return 3;
    if (before < 0 && before > -7) return 0.3; // the shop is closed for Tết
  }
  const d = new Date(t);
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  if (m === 9 || (m === 8 && day > 20)) return 1.7; // mid-autumn (the lunar date moves; roughly)
  if (m === 11 && day >= 8 && day <= 12) return 2; // 11.11
  if (m === 11 && day >= 24) return 1.8; // Black Friday
  if (m === 12) return 1.3;
  return 1;
}

export type DemoOrder = {
  orderedAt: string;
  channel: OrderChannel;
  status: OrderStatus;
  lines: { productIndex: number; quantity: number; discount: number }[];
};

/**
 * Customer i's purchases between `end` − 3 years and `end` (ms since epoch, a day boundary for stable output
 * through one day), oldest first.
 */
export function demoPurchases(seed: number, i: number, end: number): DemoOrder[] {
  const r = rngFor(seed, 7, i);
  const profile = weighted(
    r,
    PROFILES.map((p) => [p, p.share] as const),
  );
  if (profile.perYear === 0) return [];
  const start = end - 3 * 365 * DAY;
  // First purchases grow over time (the shop is growing): the square root puts more of them later.
  const u = int(r, 0, 999_999) / 1_000_000;
  let t = start + Math.sqrt(u) * (end - start - DAY);
  const fav = [int(r, 0, DEMO_CATEGORIES.length - 1), int(r, 0, DEMO_CATEGORIES.length - 1)];
  const out: DemoOrder[] = [];
  for (let n = 0; n < 400 && t < end; n++) {
    out.push(order(r, t, end, fav));
    if (chance(r, profile.leave)) break;
    // The next purchase: exponential waiting time at the profile's rate, thinned by the season.
    for (let guard = 0; guard < 100; guard++) {
      const wait = (-Math.log(1 - int(r, 0, 999_998) / 1_000_000) / profile.perYear) * 365 * DAY;
      t += Math.max(DAY, wait);
      if (t >= end || chance(r, seasonWeight(t) / 3)) break;
    }
  }
  return out;
}

function order(r: Rng, t: number, end: number, fav: number[]): DemoOrder {
  const lines: DemoOrder['lines'] = [];
  const n = weighted(r, [
    [1, 55],
    [2, 28],
    [3, 12],
    [4, 5],
  ] as const);
  const seen = new Set<number>();
  for (let k = 0; k < n; k++) {
    const inFav = chance(r, 0.7);
    const candidates = DEMO_PRODUCTS.map((p, idx) => [idx, p[2]] as const).filter(([, c]) => !inFav || fav.includes(c));
    const [idx] = pick(r, candidates);
    if (seen.has(idx)) continue;
    seen.add(idx);
    const quantity = weighted(r, [
      [1, 70],
      [2, 20],
      [3, 7],
      [6, 3],
    ] as const);
    const gross = quantity * DEMO_PRODUCTS[idx]![3];
    lines.push({ productIndex: idx, quantity, discount: chance(r, 0.15) ? Math.round((gross * 0.1) / 1000) * 1000 : 0 });
  }
  const age = (end - t) / DAY;
  const status: OrderStatus =
    age < 2
      ? 'placed'
      : age < 5
        ? weighted(r, [
            ['paid', 60],
            ['delivered', 40],
          ] as const)
        : weighted(r, [
            ['delivered', 94],
            ['cancelled', 4],
            ['returned', 2],
          ] as const);
  // Shops are open 8:00–21:00 Vietnam time (UTC+7).
  const dayStart = Math.floor(t / DAY) * DAY;
  const at = dayStart + (1 + int(r, 0, 12)) * 3_600_000 + int(r, 0, 59) * 60_000;
  return { orderedAt: new Date(Math.min(at, end - 60_000)).toISOString(), channel: weighted(r, CHANNELS), status, lines };
}

const NOTES = [
  'Hỏi giá sỉ',
  'Muốn đặt quà Tết cho công ty',
  'Hỏi giao hàng ra Hà Nội',
  'Khen trà ngon, hẹn mua thêm',
  'Phàn nàn giao chậm',
  'Xin mẫu thử',
  'Hỏi chương trình khuyến mãi',
  'Đặt lịch ghé cửa hàng',
];
const OUTCOMES = ['Đã tư vấn', 'Hẹn gọi lại', 'Đã chốt đơn', 'Không nghe máy', 'Gửi báo giá'];

/** A few touchpoints around customer i's purchases (or, for someone who never bought, a follow-up or two). */
export function demoInteractions(seed: number, i: number, purchases: readonly DemoOrder[], end: number): Omit<InteractionCreateInput, 'contactId'>[] {
  const r = rngFor(seed, 11, i);
  const out: Omit<InteractionCreateInput, 'contactId'>[] = [];
  const around = purchases.length ? purchases.map((p) => Date.parse(p.orderedAt)) : chance(r, 0.5) ? [end - int(r, 1, 300) * DAY] : [];
  for (const t of around) {
    if (!chance(r, purchases.length ? 0.35 : 1)) continue;
    const kind = weighted(r, [
      ['message', 45],
      ['call', 35],
      ['note', 12],
      ['visit', 8],
    ] as const);
    const at = t - int(r, 1, 5) * DAY + int(r, 0, 8) * 3_600_000;
    out.push({
      kind,
      ...(kind === 'message'
        ? {
            channel: weighted(r, [
              ['zalo', 60],
              ['facebook', 30],
              ['sms', 10],
            ] as const),
          }
        : {}),
      direction: kind === 'note' ? null : chance(r, 0.6) ? 'inbound' : 'outbound',
      occurredAt: new Date(Math.min(at, end - 60_000)).toISOString(),
      ...(kind === 'call' ? { durationSeconds: int(r, 30, 900), outcome: pick(r, OUTCOMES) } : {}),
      body: pick(r, NOTES),
    });
  }
  return out;
}

const DEAL_WHAT = [
  'Quà Tết doanh nghiệp',
  'Hộp quà trung thu',
  'Trà biếu đối tác',
  'Bộ ấm chén khách sạn',
  'Cà phê văn phòng hằng tháng',
  'Mỹ phẩm cho spa',
  'Bánh kẹo hội nghị',
] as const;
const LOST_REASONS = ['Giá cao hơn đối thủ', 'Khách hoãn ngân sách', 'Không liên lạc được', 'Chọn nhà cung cấp khác'] as const;

/** A deal for customer i, or none: about one customer in twelve has one, most open, some won or lost this year. */
export type DemoDeal = { title: string; amount: number; stageIndex: number; expectedClose: string | null; lostReason: string | null; createdDaysAgo: number };
export function demoDeal(seed: number, i: number, end: number): DemoDeal | null {
  const r = rngFor(seed, 11, i);
  if (!chance(r, 1 / 12)) return null;
  const what = pick(r, DEAL_WHAT);
  const boxes = pick(r, [20, 30, 50, 80, 100, 150, 200, 300]);
  const amount = boxes * pick(r, [150_000, 250_000, 350_000, 500_000, 800_000]);
  // Stages of the default pipeline: 0–3 open, 4 won, 5 lost.
  const stageIndex = weighted(r, [
    [0, 30],
    [1, 22],
    [2, 16],
    [3, 10],
    [4, 14],
    [5, 8],
  ] as const);
  const createdDaysAgo = int(r, 1, stageIndex >= 4 ? 300 : 60);
  const close = end + int(r, -20, 90) * DAY;
  return {
    title: `${what} ${boxes} hộp`,
    amount,
    stageIndex,
    expectedClose: stageIndex >= 4 ? null : new Date(close).toISOString().slice(0, 10),
    lostReason: stageIndex === 5 ? pick(r, LOST_REASONS) : null,
    createdDaysAgo,
  };
}

const TASK_WHAT = ['Gọi lại tư vấn', 'Gửi báo giá', 'Hỏi thăm sau mua hàng', 'Nhắc gia hạn đơn định kỳ', 'Gửi mẫu thử', 'Chúc mừng sinh nhật khách'] as const;

/** A follow-up task about customer i, or none: about one in fifteen; some overdue, most due in the next two weeks, some done. */
export type DemoTask = { title: string; dueAt: string; priority: 'low' | 'normal' | 'high' | 'urgent'; done: boolean };
export function demoTask(seed: number, i: number, end: number): DemoTask | null {
  const r = rngFor(seed, 12, i);
  if (!chance(r, 1 / 15)) return null;
  const due = end + int(r, -5, 14) * DAY + int(r, 8, 17) * 3_600_000 - 7 * 3_600_000;
  return {
    title: pick(r, TASK_WHAT),
    dueAt: new Date(due).toISOString(),
    priority: weighted(r, [
      ['low', 15],
      ['normal', 60],
      ['high', 20],
      ['urgent', 5],
    ] as const),
    done: due < end && chance(r, 0.4),
  };
}
