import type { Localised, ScreenKey } from './framework.ts';
import type { IndicatorKey } from './indicators.ts';

/**
 * What each live indicator (indicators.ts) measures, its unit, and how its value maps to a suggested Reality level.
 * `thresholds[i]` is the value from which Reality level i + 1 is suggested (for `direction: 'lower'`, the value at or
 * below which it is); below the first threshold (above, for 'lower') the suggestion is 0. Each threshold line says
 * why, in one line. A suggestion is only that: the respondent scores Reality, and the report says where the
 * evidence contradicts a high score.
 */

export const INDICATOR_UNITS = ['share', 'count', 'per_month', 'per_thousand', 'days', 'hours', 'score', 'mean'] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];

export type IndicatorDef = {
  readonly name: Localised;
  /** What it measures and over what, in one or two sentences. */
  readonly description: Localised;
  /** share: 0–1; score: the NPS (−100..100) or a 0–1 index; mean: a mean answer on its scale. */
  readonly unit: IndicatorUnit;
  /** Whether a higher value is better. */
  readonly direction: 'higher' | 'lower';
  /** The values at which Reality levels 1, 2, 3 and 4 are suggested (ascending for 'higher', descending for 'lower'). */
  readonly thresholds: readonly [number, number, number, number];
  /** The screen showing the records behind it. */
  readonly screen: ScreenKey;
};

const notBuilt = { vi: ' (chưa có trong Kith: sẽ có cùng tính năng liên quan)', en: ' (not in Kith yet: it comes with the related feature)' };
const later = (l: Localised): Localised => ({ vi: l.vi + notBuilt.vi, en: l.en + notBuilt.en });

export const INDICATORS: { readonly [K in IndicatorKey]: IndicatorDef } = {
  scored_share_30d: {
    name: { vi: 'Khách hàng được chấm điểm trong 30 ngày', en: 'Customers scored in the last 30 days' },
    description: {
      vi: 'Tỷ lệ khách hàng có điểm RFM và giá trị vòng đời từ lần làm mới điểm trong vòng 30 ngày trước cuối kỳ.',
      en: 'Share of customers with RFM and lifetime-value scores from a refresh within the 30 days before the end of the period.',
    },
    unit: 'share',
    direction: 'higher',
    // Scores exist only for buyers: a quarter of customers scored is a start, 90% is everyone who ever bought.
    thresholds: [0.25, 0.5, 0.75, 0.9],
    screen: 'analytics_rfm',
  },
  segments_in_use: {
    name: { vi: 'Phân khúc đang được dùng', en: 'Segments in use' },
    description: {
      vi: 'Số phân khúc đã lưu đang là đối tượng của một kịch bản chăm sóc đang chạy.',
      en: 'Number of saved segments that an active playbook targets.',
    },
    unit: 'count',
    direction: 'higher',
    // One segment acted on is a beginning; new, potential and loyal customers (the care model's three) plus one more is full use.
    thresholds: [1, 2, 3, 4],
    screen: 'segments',
  },
  segment_targets: {
    name: { vi: 'Phân khúc có chỉ tiêu', en: 'Segments with targets' },
    description: {
      vi: 'Tỷ lệ phân khúc đã lưu có kế hoạch (thu hút, giữ chân, thâm nhập, hiệu quả) cho một tháng, quý hoặc năm trong kỳ.',
      en: 'Share of saved segments with a plan (acquisition, retention, penetration, efficiency) for a month, quarter or year of the period.',
    },
    unit: 'share',
    direction: 'higher',
    // A plan per segment: the same quarters as any coverage.
    thresholds: [0.25, 0.5, 0.75, 0.95],
    screen: 'segments',
  },
  new_customers_per_month: {
    name: { vi: 'Khách hàng mới mỗi tháng', en: 'New customers per month' },
    description: {
      vi: 'Số khách mua lần đầu trong kỳ, trung bình mỗi tháng, kèm xu hướng từng tháng.',
      en: 'Customers whose first purchase fell in the period, per month on average, with the month-by-month trend.',
    },
    unit: 'per_month',
    direction: 'higher',
    // An absolute count says only that acquisition happens and is tracked: any, a handful a week, one a day, several a day.
    thresholds: [1, 5, 30, 100],
    screen: 'analytics_customers',
  },
  repeat_purchase_rate: {
    name: { vi: 'Tỷ lệ mua lại', en: 'Repeat-purchase rate' },
    description: {
      vi: 'Tỷ lệ người mua đã mua vào từ hai ngày khác nhau trở lên, trên toàn bộ lịch sử mua hàng.',
      en: 'Share of buyers who bought on two or more different days, over their whole purchase history.',
    },
    unit: 'share',
    direction: 'higher',
    // Retail repeat rates run 20–40%; half of buyers coming back is strong retention, 60% exceptional.
    thresholds: [0.1, 0.2, 0.35, 0.5],
    screen: 'analytics_customers',
  },
  categories_per_customer: {
    name: { vi: 'Số nhóm hàng mỗi khách', en: 'Categories per customer' },
    description: {
      vi: 'Số nhóm sản phẩm trung bình mà mỗi người mua đã mua trong kỳ (chỉ tính dòng hàng có nhóm). Với hơn 5.000 khách hàng, ước lượng từ một mẫu ngẫu nhiên khoảng 5.000 khách, kèm khoảng tin cậy 95%.',
      en: 'Mean number of product categories each buyer bought from in the period (categorised order lines only). Above 5,000 customers, estimated from a random sample of about 5,000, with its 95% interval.',
    },
    unit: 'mean',
    direction: 'higher',
    // One category is no penetration; every buyer in two (2.0) means selling deeper is routine.
    thresholds: [1.1, 1.3, 1.6, 2],
    screen: 'analytics_customers',
  },
  cross_sell_rate: {
    name: { vi: 'Tỷ lệ bán chéo', en: 'Cross-sell rate' },
    description: {
      vi: 'Tỷ lệ người mua trong kỳ đã mua từ hai nhóm sản phẩm trở lên. Với hơn 5.000 khách hàng, ước lượng từ một mẫu ngẫu nhiên khoảng 5.000 khách, kèm khoảng tin cậy 95%.',
      en: 'Share of the period’s buyers who bought from two or more product categories. Above 5,000 customers, estimated from a random sample of about 5,000, with its 95% interval.',
    },
    unit: 'share',
    direction: 'higher',
    // A tenth buying across categories happens by chance; 40% means cross-selling is a practice.
    thresholds: [0.1, 0.2, 0.3, 0.4],
    screen: 'analytics_customers',
  },
  churn_share: {
    name: { vi: 'Tỷ lệ khách có nguy cơ rời bỏ', en: 'Customers likely lost' },
    description: {
      vi: 'Tỷ lệ người mua có xác suất còn gắn bó (P(alive)) dưới một nửa, theo lần chấm điểm hiện hành.',
      en: 'Share of buyers whose probability of still being active (P(alive)) is below one half, in the current scores.',
    },
    unit: 'share',
    direction: 'lower',
    // Most one-time buyers drift away: above 60% likely lost is no retention, 20% or less is strong retention.
    thresholds: [0.6, 0.45, 0.3, 0.2],
    screen: 'analytics_value',
  },
  win_back_rate: {
    name: { vi: 'Tỷ lệ khách quay lại', en: 'Win-back rate' },
    description: {
      vi: 'Trong số khách đã ngừng mua (không mua trong 180 ngày trước đầu kỳ), tỷ lệ đã mua lại trong kỳ. Với hơn 5.000 khách hàng, ước lượng từ một mẫu ngẫu nhiên khoảng 5.000 khách, kèm khoảng tin cậy 95%.',
      en: 'Of the customers lapsed at the start of the period (no purchase in the 180 days before it), the share who bought again in the period. Above 5,000 customers, estimated from a random sample of about 5,000, with its 95% interval.',
    },
    unit: 'share',
    direction: 'higher',
    // Lapsed customers rarely return unprompted (a few percent); a fifth won back shows a working win-back effort.
    thresholds: [0.02, 0.05, 0.1, 0.2],
    screen: 'analytics_value',
  },
  owner_coverage: {
    name: { vi: 'Khách hàng có người phụ trách', en: 'Customers with an owner' },
    description: { vi: 'Tỷ lệ khách hàng (còn hoạt động) có người phụ trách.', en: 'Share of (live) customers who have an owner.' },
    unit: 'share',
    direction: 'higher',
    // Quarters of the base; "everyone" allows a few unassigned newcomers (95%).
    thresholds: [0.25, 0.5, 0.75, 0.95],
    screen: 'contacts',
  },
  workload_balance: {
    name: { vi: 'Cân bằng khối lượng việc', en: 'Workload balance' },
    description: {
      vi: 'Mức đều của số phiếu hỗ trợ đang mở giữa các nhân viên có thể nhận việc: 1 trừ hệ số Gini (1 là đều tuyệt đối).',
      en: 'How evenly the open tickets are spread across the members who can take them: 1 minus the Gini coefficient (1 is perfectly even).',
    },
    unit: 'score',
    direction: 'higher',
    // Gini 0.6+ is one person doing everything; 0.15 or less (0.85) is an even spread with normal variation.
    thresholds: [0.4, 0.55, 0.7, 0.85],
    screen: 'tickets',
  },
  kpi_coverage: {
    name: { vi: 'Nhân viên có KPI', en: 'Members with KPIs' },
    description: { vi: 'Tỷ lệ thành viên có chỉ tiêu KPI trong kỳ.', en: 'Share of members with a KPI target in the period.' },
    unit: 'share',
    direction: 'higher',
    // Quarters of the team; everyone (95%) for full adoption.
    thresholds: [0.25, 0.5, 0.75, 0.95],
    screen: 'settings_members',
  },
  training_coverage: {
    name: { vi: 'Nhân viên được đào tạo', en: 'Members trained' },
    description: {
      vi: 'Tỷ lệ thành viên có ít nhất một khóa đào tạo đạt và còn hiệu lực cuối kỳ.',
      en: 'Share of members with at least one passed training still valid at the period’s end.',
    },
    unit: 'share',
    direction: 'higher',
    // Quarters of the team; everyone (95%) for full adoption.
    thresholds: [0.25, 0.5, 0.75, 0.95],
    screen: 'settings_members',
  },
  field_completeness: {
    name: { vi: 'Độ đầy đủ của dữ liệu', en: 'Key fields filled in' },
    description: {
      vi: 'Tỷ lệ trung bình các trường chính được điền trên mỗi khách hàng: cách liên lạc (điện thoại hoặc email), tỉnh/thành, giới tính, ngày sinh, nguồn.',
      en: 'Mean share of the key fields filled in per customer: a way to reach them (phone or email), province, gender, birthday, source.',
    },
    unit: 'share',
    direction: 'higher',
    // Reach alone is a fifth; 90% means nearly every record is usable for segmenting and care.
    thresholds: [0.3, 0.5, 0.7, 0.9],
    screen: 'contacts',
  },
  duplicates_waiting: {
    name: { vi: 'Bản trùng chờ xử lý', en: 'Duplicates waiting' },
    description: {
      vi: 'Số cặp nghi trùng chưa được xem xét, trên 1.000 khách hàng.',
      en: 'Duplicate candidates not yet reviewed, per 1,000 customers.',
    },
    unit: 'per_thousand',
    direction: 'lower',
    // 5% of records in an unreviewed pair is neglect; under one in a thousand is a routinely cleaned base.
    thresholds: [50, 20, 5, 1],
    screen: 'duplicates',
  },
  stale_records: {
    name: { vi: 'Hồ sơ không được cập nhật trong một năm', en: 'Records untouched for a year' },
    description: {
      vi: 'Tỷ lệ khách hàng có hồ sơ không được sửa trong 365 ngày tính đến cuối kỳ.',
      en: 'Share of customers whose record has not been changed in the 365 days up to the end of the period.',
    },
    unit: 'share',
    direction: 'lower',
    // Most records untouched is an abandoned base; a tenth or less means the data is kept up.
    thresholds: [0.7, 0.5, 0.3, 0.1],
    screen: 'contacts',
  },
  import_error_rate: {
    name: { vi: 'Tỷ lệ dòng nhập bị lỗi', en: 'Import error rate' },
    description: {
      vi: 'Tỷ lệ dòng bị từ chối trên tổng số dòng của các lần nhập dữ liệu trong kỳ.',
      en: 'Rows refused out of all rows of the imports run in the period.',
    },
    unit: 'share',
    direction: 'lower',
    // A fifth refused means files are not prepared; under 1% is clean, checked data.
    thresholds: [0.2, 0.1, 0.05, 0.01],
    screen: 'imports',
  },
  consent_coverage: {
    name: { vi: 'Khách hàng có ghi nhận đồng ý', en: 'Consent recorded' },
    description: {
      vi: 'Tỷ lệ khách hàng có ghi nhận đồng ý hoặc từ chối nhận tiếp thị trên ít nhất một kênh.',
      en: 'Share of customers with a recorded marketing consent (given or refused) on at least one channel.',
    },
    unit: 'share',
    direction: 'higher',
    // Quarters of the base; every customer asked (95%) for full practice.
    thresholds: [0.25, 0.5, 0.75, 0.95],
    screen: 'contacts',
  },
  sla_attainment: {
    name: { vi: 'Đạt cam kết dịch vụ (SLA)', en: 'SLA attainment' },
    description: {
      vi: 'Tỷ lệ mục tiêu SLA (phản hồi đầu, giải quyết) đạt được, trên các mục tiêu đã rõ kết quả của phiếu tạo trong kỳ.',
      en: 'Share of SLA targets (first response, resolution) met, of the decided targets of the tickets created in the period.',
    },
    unit: 'share',
    direction: 'higher',
    // Service desks aim for 90–95%; below 60% the targets are not run.
    thresholds: [0.6, 0.75, 0.85, 0.95],
    screen: 'care_reports',
  },
  stage_conversion: {
    name: { vi: 'Tỷ lệ chốt thành công', en: 'Deals won of deals closed' },
    description: {
      vi: 'Tỷ lệ cơ hội thắng trong số cơ hội đã đóng (thắng hoặc thua) trong kỳ.',
      en: 'Share of the deals closed in the period (won or lost) that were won.',
    },
    unit: 'share',
    direction: 'higher',
    // B2B win rates average 20–30%; 45% and up is a well-qualified pipeline.
    thresholds: [0.1, 0.2, 0.3, 0.45],
    screen: 'deals',
  },
  time_in_stage: {
    name: { vi: 'Thời gian nằm ở một giai đoạn', en: 'Time in stage' },
    description: {
      vi: 'Số ngày trung vị mà một cơ hội đang mở đã nằm ở giai đoạn hiện tại, tính đến cuối kỳ.',
      en: 'Median days an open deal has been in its current stage, at the end of the period.',
    },
    unit: 'days',
    direction: 'lower',
    // A quarter in one stage is a stuck pipeline; a week or less is a pipeline that moves.
    thresholds: [90, 45, 21, 7],
    screen: 'deals',
  },
  playbook_coverage_new: {
    name: { vi: 'Khách mới được chăm sóc theo kịch bản', en: 'New customers in a playbook' },
    description: {
      vi: 'Tỷ lệ khách mua lần đầu trong kỳ đã được đưa vào một kịch bản chăm sóc.',
      en: 'Share of the customers whose first purchase fell in the period who were enrolled in a playbook.',
    },
    unit: 'share',
    direction: 'higher',
    // Quarters of newcomers; every new customer welcomed (95%) for full practice.
    thresholds: [0.25, 0.5, 0.75, 0.95],
    screen: 'playbooks',
  },
  automations_active: {
    name: { vi: 'Quy tắc tự động đang chạy', en: 'Automations active' },
    description: later({ vi: 'Số quy tắc tự động hóa đang chạy.', en: 'Number of automation rules running.' }),
    unit: 'count',
    direction: 'higher',
    // One rule is a start; a rule for each of the care model's moments (welcome, follow-up, win-back, escalation…) is five.
    thresholds: [1, 2, 3, 5],
    screen: 'playbooks',
  },
  kpi_targets: {
    name: { vi: 'KPI có chỉ tiêu', en: 'KPIs with targets' },
    description: {
      vi: 'Tỷ lệ KPI có chỉ tiêu cho ít nhất một người hoặc nhóm trong kỳ.',
      en: 'Share of KPIs with a target for someone or a team in the period.',
    },
    unit: 'share',
    direction: 'higher',
    // Quarters; every KPI with a target (95%) for full practice.
    thresholds: [0.25, 0.5, 0.75, 0.95],
    screen: 'settings_members',
  },
  survey_response_rate: {
    name: { vi: 'Tỷ lệ phản hồi khảo sát', en: 'Survey response rate' },
    description: {
      vi: 'Tỷ lệ lời mời khảo sát gửi trong kỳ đã được khách trả lời.',
      en: 'Share of the survey invitations sent in the period that the customer answered.',
    },
    unit: 'share',
    direction: 'higher',
    // Email surveys typically get 10–30%; 40% and up means customers expect to be heard.
    thresholds: [0.05, 0.1, 0.2, 0.4],
    screen: 'surveys',
  },
  nps: {
    name: { vi: 'NPS', en: 'NPS' },
    description: {
      vi: 'Chỉ số khách hàng giới thiệu (−100 đến 100) từ các câu trả lời NPS trong kỳ, kèm khoảng tin cậy 95% và xu hướng từng tháng.',
      en: 'Net Promoter Score (−100 to 100) of the NPS answers given in the period, with its 95% interval and the month-by-month trend.',
    },
    unit: 'score',
    direction: 'higher',
    // Below −20 customers warn others off; 0 balanced, +30 good, +50 excellent (published norms).
    thresholds: [-20, 0, 30, 50],
    screen: 'survey_results',
  },
  csat: {
    name: { vi: 'CSAT', en: 'CSAT' },
    description: {
      vi: 'Điểm hài lòng trung bình (1–5) của các câu trả lời CSAT trong kỳ, kèm khoảng tin cậy 95%.',
      en: 'Mean satisfaction (1–5) of the CSAT answers given in the period, with its 95% interval.',
    },
    unit: 'mean',
    direction: 'higher',
    // 3 is "neutral": from there to 4.5 (almost everyone satisfied).
    thresholds: [3, 3.5, 4, 4.5],
    screen: 'survey_results',
  },
  ces: {
    name: { vi: 'CES', en: 'CES' },
    description: {
      vi: 'Điểm dễ dàng trung bình (1–7, cao là ít công sức) của các câu trả lời CES trong kỳ, kèm khoảng tin cậy 95%.',
      en: 'Mean ease (1–7, higher is less effort) of the CES answers given in the period, with its 95% interval.',
    },
    unit: 'mean',
    direction: 'higher',
    // 4 is the neutral middle of the 7-point scale; 6 and up means dealing with the business is easy.
    thresholds: [4, 4.75, 5.5, 6],
    screen: 'survey_results',
  },
  complaint_resolution_time: {
    name: { vi: 'Thời gian giải quyết khiếu nại', en: 'Time to resolve complaints' },
    description: {
      vi: 'Số giờ trung vị từ khi tạo đến khi giải quyết các phiếu khiếu nại được giải quyết trong kỳ.',
      en: 'Median hours from creation to resolution of the complaint tickets resolved in the period.',
    },
    unit: 'hours',
    direction: 'lower',
    // A week to settle a complaint loses the customer; within a working day (8 h) is best practice.
    thresholds: [168, 72, 24, 8],
    screen: 'tickets',
  },
  detractor_follow_up: {
    name: { vi: 'Người phản đối được liên hệ lại', en: 'Detractors followed up' },
    description: {
      vi: 'Tỷ lệ câu trả lời NPS 0–6 trong kỳ có phiếu theo dõi được phản hồi trong vòng 7 ngày.',
      en: 'Share of the period’s NPS answers of 0–6 whose follow-up ticket was answered within 7 days.',
    },
    unit: 'share',
    direction: 'higher',
    // Closing the loop with every unhappy customer (95%) is the practice; a quarter is occasional.
    thresholds: [0.25, 0.5, 0.75, 0.95],
    screen: 'tickets',
  },
};

/** The Reality level an indicator's value suggests: the highest level whose threshold the value reaches. */
export function suggestedReality(key: IndicatorKey, value: number): 0 | 1 | 2 | 3 | 4 {
  const d = INDICATORS[key];
  let level = 0;
  for (let i = 0; i < 4; i++) {
    const t = d.thresholds[i]!;
    if (d.direction === 'higher' ? value >= t : value <= t) level = i + 1;
    else break;
  }
  return level as 0 | 1 | 2 | 3 | 4;
}
