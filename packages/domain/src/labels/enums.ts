/**
 * Every enumerated value Kith stores, and its name in each language: ONE table, keyed by the enum's name.
 * The web app shows a stored code through `enumLabel(name, value, lang)` (packages/web/src/lib/enum-label.ts),
 * the server writes the same words into the human exports and the texts it composes, and a field of the
 * field table names its enum (`enum: 'gender'`) to get its values and labels from here.
 * A value outside a list (a contact source or ticket category a workspace typed itself, a stored code from
 * an older version) is shown as written: it is the user's own word, not a raw key.
 */
import { RFM_SEGMENTS } from '../analytics/rfm.ts';
import { ASSESSMENT_STATUSES, EVIDENCE_KINDS, RESPONDENT_KINDS } from '../assessment/assessment.api.ts';
import { ACTION_KINDS } from '../assessment/framework.ts';
import { UNAVAILABLE_REASONS } from '../assessment/indicators.ts';
import { PEAK_FLAGS, WORKLOAD_KINDS, WORKLOAD_LEVELS } from '../workload/workload.ts';
import { VALUE_TIERS } from '../analytics/tiers.ts';
import { INVITATION_STATUSES } from '../invitations/invitation.api.ts';
import { MAIL_STATUSES } from '../mail/mail.api.ts';
import { TIMELINE_KINDS } from '../timeline/timeline.api.ts';
import { ASSIGNMENT_MODES, DEFAULT_CATEGORIES } from '../tickets/care-settings.ts';
import { LoyaltySettingsSchema } from '../loyalty/loyalty.ts';
import { PLAYBOOK_ACTIONS, PLAYBOOK_STATUSES, RUN_STATUSES, STEP_STATUSES } from '../playbooks/playbook.schema.ts';
import { QUESTION_TYPES, SURVEY_STATUSES, TRIGGERS } from '../surveys/survey.schema.ts';
import { TICKET_CHANNELS, TICKET_PRIORITIES, TICKET_SOURCES, TICKET_STATUSES } from '../tickets/tickets.ts';
import { COMPANY_SIZES } from '../companies/company.schema.ts';
import { CONTACT_SOURCES } from '../contacts/contact-sources.ts';
import { CONSENT_CHANNELS, CONSENT_STATUSES, EDUCATION_LEVELS, GENDERS, INCOME_BANDS, LIFECYCLE_STAGES, MARITAL_STATUSES } from '../contacts/contact.values.ts';
import { CUSTOM_FIELD_TYPES } from '../custom-fields/custom-field.ts';
import { STAGE_KINDS } from '../deals/deal.schema.ts';
import { DUPLICATE_REASONS } from '../duplicates/score.ts';
import { COUNTRY_CODES } from '../geo/countries.ts';
import { PROVINCE_CODES, PROVINCES } from '../geo/provinces.ts';
import { DIRECTIONS, INTERACTION_CHANNELS, INTERACTION_KINDS } from '../interactions/interaction.schema.ts';
import { ORDER_CHANNELS, ORDER_STATUSES } from '../orders/order.schema.ts';
import { ACTIONS, ROLES, type Action } from '../permissions/permissions.ts';
import { TASK_PRIORITIES } from '../tasks/task.schema.ts';
import { REAP_MEASURES } from '../kpis/kpi.api.ts';
import { HOME_VIEWS } from '../home/home.api.ts';
import { CUSTOM_KPI_BASES, KPI_FILTER_KEYS } from '../kpis/kpis.ts';
import { RECORD_STATES, REMINDER_THRESHOLDS, REQUIREMENT_KINDS, TRAINING_CELL_STATES, TRAINING_RESULTS } from '../training/training.schema.ts';
import { JUSTIFICATION_TYPES, REWARD_KINDS, REWARD_STATUSES, RULE_COMPARATORS, RULE_PERIOD_KINDS } from '../rewards/rewards.ts';

export const LABEL_LOCALES = ['vi', 'en'] as const;
export type LabelLocale = (typeof LABEL_LOCALES)[number];
/** 'en' for English, Vietnamese for anything else (Kith's first language). */
export const labelLocale = (lang: string | null | undefined): LabelLocale => (lang?.toLowerCase().startsWith('en') ? 'en' : 'vi');

const PERMISSIONS = Object.keys(ACTIONS) as Action[];

/** Each enum's values, by name: the one list a field, a filter, an editor or an export reads. */
export const ENUMS = {
  lifecycleStage: LIFECYCLE_STAGES,
  gender: GENDERS,
  incomeBand: INCOME_BANDS,
  education: EDUCATION_LEVELS,
  maritalStatus: MARITAL_STATUSES,
  consentChannel: CONSENT_CHANNELS,
  consentStatus: CONSENT_STATUSES,
  contactSource: CONTACT_SOURCES,
  province: PROVINCE_CODES,
  country: COUNTRY_CODES,
  companySize: COMPANY_SIZES,
  role: ROLES,
  permission: PERMISSIONS,
  rfmSegment: RFM_SEGMENTS,
  valueTier: VALUE_TIERS,
  stageKind: STAGE_KINDS,
  customFieldType: CUSTOM_FIELD_TYPES,
  taskPriority: TASK_PRIORITIES,
  invitationStatus: INVITATION_STATUSES,
  mailStatus: MAIL_STATUSES,
  timelineKind: TIMELINE_KINDS,
  orderStatus: ORDER_STATUSES,
  orderChannel: ORDER_CHANNELS,
  interactionKind: INTERACTION_KINDS,
  interactionChannel: INTERACTION_CHANNELS,
  interactionDirection: DIRECTIONS,
  duplicateReason: DUPLICATE_REASONS,
  ticketStatus: TICKET_STATUSES,
  ticketPriority: TICKET_PRIORITIES,
  ticketChannel: TICKET_CHANNELS,
  ticketCategory: DEFAULT_CATEGORIES,
  ticketSource: TICKET_SOURCES,
  assignmentMode: ASSIGNMENT_MODES,
  reapMeasure: REAP_MEASURES,
  homeView: HOME_VIEWS,
  kpiBase: CUSTOM_KPI_BASES,
  kpiFilter: KPI_FILTER_KEYS,
  playbookAction: PLAYBOOK_ACTIONS,
  playbookStatus: PLAYBOOK_STATUSES,
  playbookRunStatus: RUN_STATUSES,
  playbookStepStatus: STEP_STATUSES,
  surveyQuestionType: QUESTION_TYPES,
  surveyTrigger: TRIGGERS,
  surveyStatus: SURVEY_STATUSES,
  loyaltyEarnOn: LoyaltySettingsSchema.shape.earnOn.options,
  assessmentStatus: ASSESSMENT_STATUSES,
  respondentKind: RESPONDENT_KINDS,
  evidenceKind: EVIDENCE_KINDS,
  recommendationKind: ACTION_KINDS,
  evidenceReason: UNAVAILABLE_REASONS,
  trainingResult: TRAINING_RESULTS,
  requirementKind: REQUIREMENT_KINDS,
  trainingCellState: TRAINING_CELL_STATES,
  trainingRecordState: RECORD_STATES,
  trainingReminder: REMINDER_THRESHOLDS,
  workloadLevel: WORKLOAD_LEVELS,
  workloadKind: WORKLOAD_KINDS,
  peakFlag: PEAK_FLAGS,
  rewardKind: REWARD_KINDS,
  rewardStatus: REWARD_STATUSES,
  rewardJustification: JUSTIFICATION_TYPES,
  ruleComparator: RULE_COMPARATORS,
  rulePeriodKind: RULE_PERIOD_KINDS,
} as const satisfies Record<string, readonly string[]>;

export type EnumName = keyof typeof ENUMS;
export type EnumValue<N extends EnumName> = (typeof ENUMS)[N][number];
type Names<N extends EnumName> = Record<EnumValue<N>, string>;
/** Enums whose names come from data rather than from the table below. */
type FromData = 'province' | 'country';

/** The names of the values, in Vietnamese and English; TypeScript refuses a value left out. */
const TABLE: { [N in Exclude<EnumName, FromData>]: { vi: Names<N>; en: Names<N> } } = {
  contactSource: {
    vi: {
      website: 'Trang web',
      facebook: 'Facebook',
      zalo: 'Zalo',
      tiktok: 'TikTok',
      google_ads: 'Quảng cáo Google',
      referral: 'Người quen giới thiệu',
      walk_in: 'Khách đến cửa hàng',
      event: 'Sự kiện',
      import: 'Nhập từ tệp',
    },
    en: {
      website: 'Website',
      facebook: 'Facebook',
      zalo: 'Zalo',
      tiktok: 'TikTok',
      google_ads: 'Google Ads',
      referral: 'Referral',
      walk_in: 'Walk-in',
      event: 'Event',
      import: 'Imported from a file',
    },
  },
  companySize: {
    vi: { '1-9': '1–9 người', '10-49': '10–49 người', '50-249': '50–249 người', '250-999': '250–999 người', '1000+': 'Từ 1.000 người' },
    en: { '1-9': '1–9 people', '10-49': '10–49 people', '50-249': '50–249 people', '250-999': '250–999 people', '1000+': '1,000 people or more' },
  },
  ticketSource: {
    vi: { survey_response: 'câu trả lời khảo sát' },
    en: { survey_response: 'a survey answer' },
  },
  lifecycleStage: {
    vi: {
      lead: 'Tiềm năng',
      prospect: 'Đang quan tâm',
      new_customer: 'Khách mới',
      repeat: 'Khách quay lại',
      loyal: 'Trung thành',
      at_risk: 'Có nguy cơ rời bỏ',
      churned: 'Đã rời bỏ',
      lost: 'Đã mất',
    },
    en: {
      lead: 'Lead',
      prospect: 'Prospect',
      new_customer: 'New customer',
      repeat: 'Repeat customer',
      loyal: 'Loyal',
      at_risk: 'At risk',
      churned: 'Churned',
      lost: 'Lost',
    },
  },
  gender: {
    vi: { female: 'Nữ', male: 'Nam', other: 'Khác' },
    en: { female: 'Female', male: 'Male', other: 'Other' },
  },
  incomeBand: {
    vi: {
      under_5m: 'Dưới 5 triệu/tháng',
      '5m_10m': '5–10 triệu/tháng',
      '10m_20m': '10–20 triệu/tháng',
      '20m_50m': '20–50 triệu/tháng',
      over_50m: 'Trên 50 triệu/tháng',
    },
    en: {
      under_5m: 'Under 5M VND/month',
      '5m_10m': '5–10M VND/month',
      '10m_20m': '10–20M VND/month',
      '20m_50m': '20–50M VND/month',
      over_50m: 'Over 50M VND/month',
    },
  },
  education: {
    vi: {
      primary: 'Tiểu học',
      lower_secondary: 'Trung học cơ sở',
      upper_secondary: 'Trung học phổ thông',
      vocational: 'Trung cấp nghề',
      college: 'Cao đẳng',
      university: 'Đại học',
      postgraduate: 'Sau đại học',
    },
    en: {
      primary: 'Primary school',
      lower_secondary: 'Lower secondary',
      upper_secondary: 'Upper secondary',
      vocational: 'Vocational',
      college: 'College',
      university: 'University',
      postgraduate: 'Postgraduate',
    },
  },
  maritalStatus: {
    vi: { single: 'Độc thân', married: 'Đã kết hôn', divorced: 'Đã ly hôn', widowed: 'Góa', other: 'Khác' },
    en: { single: 'Single', married: 'Married', divorced: 'Divorced', widowed: 'Widowed', other: 'Other' },
  },
  consentChannel: {
    vi: { email: 'Email', sms: 'SMS', phone: 'Gọi điện', zalo: 'Zalo', facebook: 'Facebook', post: 'Thư bưu điện' },
    en: { email: 'Email', sms: 'SMS', phone: 'Phone calls', zalo: 'Zalo', facebook: 'Facebook', post: 'Post' },
  },
  consentStatus: {
    vi: { granted: 'Đồng ý', denied: 'Từ chối' },
    en: { granted: 'Agreed', denied: 'Refused' },
  },
  role: {
    vi: { owner: 'Chủ sở hữu', admin: 'Quản trị viên', manager: 'Quản lý', agent: 'Nhân viên', viewer: 'Người xem' },
    en: { owner: 'Owner', admin: 'Admin', manager: 'Manager', agent: 'Agent', viewer: 'Viewer' },
  },
  permission: {
    vi: {
      'workspace.read': 'Xem cài đặt không gian làm việc',
      'workspace.export': 'Xuất toàn bộ dữ liệu',
      'workspace.update': 'Thay đổi cài đặt không gian làm việc',
      'members.read': 'Xem thành viên',
      'members.invite': 'Mời thành viên',
      'members.update': 'Đổi vai trò',
      'members.remove': 'Gỡ thành viên',
      'teams.read': 'Xem nhóm',
      'teams.manage': 'Quản lý nhóm',
      'custom_fields.read': 'Xem trường tùy chỉnh',
      'custom_fields.manage': 'Quản lý trường tùy chỉnh',
      'contacts.read': 'Xem khách hàng',
      'contacts.create': 'Thêm khách hàng',
      'contacts.update': 'Sửa khách hàng',
      'contacts.assign': 'Giao khách hàng',
      'contacts.delete': 'Xóa và khôi phục khách hàng',
      'contacts.export': 'Xuất danh sách khách hàng',
      'records.export': 'Xuất danh sách công ty, sản phẩm, đơn hàng, cơ hội',
      'analytics.read': 'Xem phân tích khách hàng (RFM)',
      'analytics.refresh': 'Tính lại điểm khách hàng',
      'contacts.purge': 'Xóa vĩnh viễn khách hàng',
      'companies.read': 'Xem công ty',
      'companies.create': 'Thêm công ty',
      'companies.update': 'Sửa công ty',
      'companies.assign': 'Giao công ty',
      'companies.delete': 'Xóa và khôi phục công ty',
      'companies.purge': 'Xóa vĩnh viễn công ty',
      'products.read': 'Xem sản phẩm',
      'products.manage': 'Quản lý sản phẩm và danh mục',
      'orders.read': 'Xem đơn hàng',
      'orders.create': 'Tạo đơn hàng',
      'orders.update': 'Sửa đơn hàng',
      'orders.delete': 'Xóa và khôi phục đơn hàng',
      'interactions.create': 'Ghi nhận tương tác',
      'interactions.update': 'Sửa và xóa tương tác',
      'tasks.read': 'Xem công việc',
      'tasks.write': 'Tạo và cập nhật công việc',
      'tasks.assign': 'Giao việc cho người khác',
      'audit.read': 'Xem nhật ký kiểm tra',
      'views.share': 'Chia sẻ chế độ xem với mọi người',
      'views.manage': 'Sửa chế độ xem dùng chung của người khác',
      'analytics.configure': 'Cấu hình phân tích',
      'deals.read': 'Xem cơ hội bán hàng',
      'deals.write': 'Thêm và sửa cơ hội bán hàng',
      'deals.delete': 'Xóa cơ hội bán hàng',
      'pipelines.manage': 'Quản lý quy trình bán hàng',
      'imports.read': 'Xem các lần nhập dữ liệu',
      'imports.undo': 'Hoàn tác một lần nhập dữ liệu',
      'tickets.read': 'Xem yêu cầu hỗ trợ',
      'tickets.write': 'Tiếp nhận và trả lời yêu cầu hỗ trợ',
      'tickets.assign': 'Giao yêu cầu hỗ trợ',
      'care.configure': 'Cấu hình chăm sóc khách hàng (SLA, giờ làm việc, thư)',
      'canned_replies.manage': 'Quản lý câu trả lời mẫu',
      'assessments.read': 'Xem các cuộc đánh giá và báo cáo',
      'assessments.answer': 'Trả lời đánh giá khi được mời',
      'assessments.manage': 'Bắt đầu đánh giá, mời người trả lời, chỉnh khung đánh giá',
      'assessments.consolidate': 'Tổng hợp và chốt điểm đánh giá',
      'assessments.benchmark': 'Chia sẻ điểm ẩn danh vào mặt bằng so sánh',
      'kpis.read': 'Xem KPI (của mình; quản lý: của nhóm)',
      'kpis.configure': 'Cấu hình KPI và trọng số',
      'kpi_targets.manage': 'Đặt chỉ tiêu KPI',
      'kpi_periods.close': 'Chốt kỳ KPI và tính lại',
      'segment_plans.manage': 'Lập kế hoạch theo phân khúc',
      'surveys.read': 'Xem khảo sát và kết quả',
      'surveys.manage': 'Tạo và sửa khảo sát',
      'surveys.send': 'Gửi khảo sát cho khách hàng',
      'playbooks.read': 'Xem kịch bản chăm sóc',
      'playbooks.manage': 'Tạo và sửa kịch bản chăm sóc',
      'playbooks.enroll': 'Đưa khách hàng vào kịch bản chăm sóc',
      'loyalty.read': 'Xem điểm thưởng',
      'loyalty.adjust': 'Điều chỉnh điểm thưởng',
      'loyalty.configure': 'Cấu hình chương trình khách hàng thân thiết',
      'training.read': 'Xem hồ sơ đào tạo và ma trận năng lực',
      'training.manage': 'Quản lý danh mục khóa học, năng lực và yêu cầu theo vai trò',
      'training.record': 'Ghi nhận kết quả đào tạo',
      'workload.read': 'Xem khối lượng công việc và giờ cao điểm',
      'workload.configure': 'Đặt sức chứa và ca trực của nhân viên',
      'rewards.read': 'Xem khen thưởng và kỷ luật',
      'rewards.propose': 'Đề xuất khen thưởng hoặc kỷ luật',
      'rewards.approve': 'Duyệt hoặc từ chối đề xuất khen thưởng, kỷ luật',
      'rewards.configure': 'Cấu hình quy tắc khen thưởng và kỷ luật',
    },
    en: {
      'workspace.read': 'See the workspace settings',
      'workspace.export': 'Export the whole workspace',
      'workspace.update': 'Change the workspace settings',
      'members.read': 'See the people',
      'members.invite': 'Invite people',
      'members.update': 'Change roles',
      'members.remove': 'Remove people',
      'teams.read': 'See teams',
      'teams.manage': 'Manage teams',
      'custom_fields.read': 'See custom fields',
      'custom_fields.manage': 'Manage custom fields',
      'contacts.read': 'See contacts',
      'contacts.create': 'Add contacts',
      'contacts.update': 'Edit contacts',
      'contacts.assign': 'Assign contacts',
      'contacts.delete': 'Delete and restore contacts',
      'contacts.export': 'Export contacts',
      'records.export': 'Export companies, products, orders and deals',
      'analytics.read': 'See customer analytics (RFM)',
      'analytics.refresh': 'Recompute customer scores',
      'contacts.purge': 'Delete contacts for good',
      'companies.read': 'See companies',
      'companies.create': 'Add companies',
      'companies.update': 'Edit companies',
      'companies.assign': 'Assign companies',
      'companies.delete': 'Delete and restore companies',
      'companies.purge': 'Delete companies for good',
      'products.read': 'See products',
      'products.manage': 'Manage products and categories',
      'orders.read': 'See orders',
      'orders.create': 'Create orders',
      'orders.update': 'Edit orders',
      'orders.delete': 'Delete and restore orders',
      'interactions.create': 'Log interactions',
      'interactions.update': 'Edit and delete interactions',
      'tasks.read': 'See tasks',
      'tasks.write': 'Create and update tasks',
      'tasks.assign': 'Assign tasks to others',
      'audit.read': 'Read the audit log',
      'views.share': 'Share list views with everyone',
      'views.manage': 'Change others’ shared views',
      'analytics.configure': 'Configure analytics',
      'deals.read': 'See deals',
      'deals.write': 'Add and edit deals',
      'deals.delete': 'Delete deals',
      'pipelines.manage': 'Manage sales pipelines',
      'imports.read': 'See imports',
      'imports.undo': 'Undo an import',
      'tickets.read': 'See support tickets',
      'tickets.write': 'Work on and answer tickets',
      'tickets.assign': 'Assign tickets',
      'care.configure': 'Configure customer care (SLAs, working hours, mail)',
      'canned_replies.manage': 'Manage canned replies',
      'assessments.read': 'See assessments and their reports',
      'assessments.answer': 'Answer an assessment when invited',
      'assessments.manage': 'Start assessments, invite respondents, edit frameworks',
      'assessments.consolidate': 'Consolidate and decide assessment scores',
      'assessments.benchmark': 'Share anonymised scores with the benchmark pool',
      'kpis.read': 'Read KPIs (own; a manager: their teams’)',
      'kpis.configure': 'Configure KPIs and weights',
      'kpi_targets.manage': 'Set KPI targets',
      'kpi_periods.close': 'Close and recount KPI periods',
      'segment_plans.manage': 'Plan by segment',
      'surveys.read': 'See surveys and their results',
      'surveys.manage': 'Create and edit surveys',
      'surveys.send': 'Send surveys to customers',
      'playbooks.read': 'See care playbooks',
      'playbooks.manage': 'Create and edit care playbooks',
      'playbooks.enroll': 'Enrol customers in playbooks',
      'loyalty.read': 'See loyalty points',
      'loyalty.adjust': 'Adjust loyalty points',
      'loyalty.configure': 'Configure the loyalty programme',
      'training.read': 'See training records and the competency matrix',
      'training.manage': 'Manage courses, competencies and role requirements',
      'training.record': 'Record training results',
      'workload.read': 'See workloads and peak hours',
      'workload.configure': 'Set people’s capacities and shifts',
      'rewards.read': 'See rewards and penalties',
      'rewards.propose': 'Propose rewards and penalties',
      'rewards.approve': 'Approve or reject proposed rewards and penalties',
      'rewards.configure': 'Configure reward and penalty rules',
    },
  },
  rfmSegment: {
    vi: {
      champions: 'Khách hàng tốt nhất',
      loyal: 'Trung thành',
      potential_loyalists: 'Có thể trung thành',
      new: 'Khách mới',
      promising: 'Có triển vọng',
      need_attention: 'Cần quan tâm',
      about_to_sleep: 'Sắp ngủ đông',
      cant_lose_them: 'Không thể để mất',
      at_risk: 'Có nguy cơ rời bỏ',
      hibernating: 'Ngủ đông',
    },
    en: {
      champions: 'Champions',
      loyal: 'Loyal',
      potential_loyalists: 'Potential loyalists',
      new: 'New',
      promising: 'Promising',
      need_attention: 'Need attention',
      about_to_sleep: 'About to sleep',
      cant_lose_them: "Can't lose them",
      at_risk: 'At risk',
      hibernating: 'Hibernating',
    },
  },
  valueTier: {
    vi: { most_valuable: 'Giá trị nhất', most_growable: 'Tiềm năng tăng trưởng', maintain: 'Duy trì', below_zero: 'Dưới mức hoà vốn' },
    en: { most_valuable: 'Most valuable', most_growable: 'Most growable', maintain: 'Maintain', below_zero: 'Below zero' },
  },
  stageKind: {
    vi: { open: 'Đang mở', won: 'Thắng', lost: 'Thua' },
    en: { open: 'Open', won: 'Won', lost: 'Lost' },
  },
  customFieldType: {
    vi: { text: 'Văn bản', number: 'Số', date: 'Ngày', select: 'Chọn một', multi_select: 'Chọn nhiều', boolean: 'Có / không', currency: 'Tiền' },
    en: { text: 'Text', number: 'Number', date: 'Date', select: 'One choice', multi_select: 'Several choices', boolean: 'Yes / no', currency: 'Money' },
  },
  invitationStatus: {
    vi: { pending: 'Đang chờ', accepted: 'Đã nhận', revoked: 'Đã thu hồi', expired: 'Hết hạn' },
    en: { pending: 'Pending', accepted: 'Accepted', revoked: 'Revoked', expired: 'Expired' },
  },
  mailStatus: {
    vi: { queued: 'Đang chờ', sending: 'Đang gửi', sent: 'Đã gửi', failed: 'Lỗi', suppressed: 'Không gửi (chưa đồng ý nhận thư)' },
    en: { queued: 'Queued', sending: 'Sending', sent: 'Sent', failed: 'Failed', suppressed: 'Not sent (no consent)' },
  },
  timelineKind: {
    vi: {
      interaction: 'Tương tác',
      order: 'Đơn hàng',
      change: 'Thay đổi',
      task: 'Công việc',
      deal: 'Cơ hội',
      ticket: 'Yêu cầu hỗ trợ',
      survey: 'Khảo sát',
      loyalty: 'Điểm thưởng',
    },
    en: {
      interaction: 'Interactions',
      order: 'Orders',
      change: 'Changes',
      task: 'Tasks',
      deal: 'Deals',
      ticket: 'Tickets',
      survey: 'Surveys',
      loyalty: 'Points',
    },
  },
  taskPriority: {
    vi: { low: 'Thấp', normal: 'Bình thường', high: 'Cao', urgent: 'Khẩn' },
    en: { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' },
  },
  orderStatus: {
    vi: { placed: 'Đã đặt', paid: 'Đã thanh toán', delivered: 'Đã giao', cancelled: 'Đã hủy', returned: 'Trả hàng' },
    en: { placed: 'Placed', paid: 'Paid', delivered: 'Delivered', cancelled: 'Cancelled', returned: 'Returned' },
  },
  orderChannel: {
    vi: { store: 'Cửa hàng', website: 'Website', marketplace: 'Sàn TMĐT', phone: 'Điện thoại', zalo: 'Zalo', facebook: 'Facebook', other: 'Khác' },
    en: { store: 'Store', website: 'Website', marketplace: 'Marketplace', phone: 'Phone', zalo: 'Zalo', facebook: 'Facebook', other: 'Other' },
  },
  interactionKind: {
    vi: { call: 'Cuộc gọi', meeting: 'Cuộc gặp', email: 'Email', chat: 'Trò chuyện', message: 'Tin nhắn', visit: 'Ghé thăm', note: 'Ghi chú' },
    en: { call: 'Call', meeting: 'Meeting', email: 'Email', chat: 'Chat', message: 'Message', visit: 'Visit', note: 'Note' },
  },
  interactionChannel: {
    vi: {
      phone: 'Điện thoại',
      zalo: 'Zalo',
      facebook: 'Facebook',
      sms: 'SMS',
      web_chat: 'Chat trên web',
      email: 'Email',
      in_person: 'Trực tiếp',
      video: 'Gọi video',
      other: 'Khác',
    },
    en: {
      phone: 'Phone',
      zalo: 'Zalo',
      facebook: 'Facebook',
      sms: 'SMS',
      web_chat: 'Web chat',
      email: 'Email',
      in_person: 'In person',
      video: 'Video call',
      other: 'Other',
    },
  },
  interactionDirection: {
    vi: { inbound: 'Khách liên hệ', outbound: 'Mình liên hệ' },
    en: { inbound: 'From the customer', outbound: 'To the customer' },
  },
  duplicateReason: {
    vi: {
      same_external_id: 'Cùng mã khách hàng',
      same_email: 'Cùng email',
      same_phone: 'Cùng số điện thoại',
      same_name: 'Cùng họ tên',
      similar_name: 'Họ tên gần giống',
      same_birthday: 'Cùng ngày sinh',
      same_company: 'Cùng công ty',
      same_province: 'Cùng tỉnh thành',
      different_birthday: 'Khác ngày sinh',
      different_external_id: 'Khác mã khách hàng',
    },
    en: {
      same_external_id: 'Same customer id',
      same_email: 'Same email',
      same_phone: 'Same phone',
      same_name: 'Same name',
      similar_name: 'Similar name',
      same_birthday: 'Same birthday',
      same_company: 'Same company',
      same_province: 'Same province',
      different_birthday: 'Different birthdays',
      different_external_id: 'Different customer ids',
    },
  },
  ticketStatus: {
    vi: { new: 'Mới', open: 'Đang xử lý', waiting_on_customer: 'Chờ khách phản hồi', resolved: 'Đã giải quyết', closed: 'Đã đóng', reopened: 'Mở lại' },
    en: { new: 'New', open: 'Open', waiting_on_customer: 'Waiting on customer', resolved: 'Resolved', closed: 'Closed', reopened: 'Reopened' },
  },
  ticketPriority: {
    vi: { low: 'Thấp', normal: 'Bình thường', high: 'Cao', urgent: 'Khẩn cấp' },
    en: { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' },
  },
  ticketChannel: {
    vi: { email: 'Email', phone: 'Điện thoại', chat: 'Chat', zalo: 'Zalo', web: 'Website', in_person: 'Tại cửa hàng', survey: 'Khảo sát', other: 'Khác' },
    en: { email: 'Email', phone: 'Phone', chat: 'Chat', zalo: 'Zalo', web: 'Website', in_person: 'In person', survey: 'Survey', other: 'Other' },
  },
  ticketCategory: {
    vi: { complaint: 'Khiếu nại', question: 'Hỏi đáp', request: 'Đề nghị', incident: 'Sự cố' },
    en: { complaint: 'Complaint', question: 'Question', request: 'Request', incident: 'Incident' },
  },
  assignmentMode: {
    vi: { manual: 'Thủ công (người quản lý giao)', round_robin: 'Lần lượt từng người', least_open: 'Người ít việc đang mở nhất' },
    en: { manual: 'Manual (a manager assigns)', round_robin: 'Round robin', least_open: 'Fewest open tickets' },
  },
  homeView: {
    vi: { agent: 'Nhân viên', manager: 'Quản lý nhóm', owner: 'Chủ doanh nghiệp' },
    en: { agent: 'Agent', manager: 'Team manager', owner: 'Business owner' },
  },
  reapMeasure: {
    vi: { acquisition: 'Thu hút', retention: 'Giữ chân', penetration: 'Thâm nhập', efficiency: 'Hiệu quả' },
    en: { acquisition: 'Acquisition', retention: 'Retention', penetration: 'Penetration', efficiency: 'Efficiency' },
  },
  kpiBase: {
    vi: { narrowed: 'Thu hẹp một KPI có sẵn', segment_count: 'Số khách trong phân khúc', segment_sum: 'Tổng của khách trong phân khúc' },
    en: { narrowed: 'A built-in KPI, narrowed', segment_count: 'Customers in a segment', segment_sum: 'Sum over a segment’s customers' },
  },
  kpiFilter: {
    vi: {
      productCategoryId: 'Danh mục sản phẩm',
      segmentId: 'Phân khúc khách hàng',
      lifecycleStage: 'Loại khách hàng',
      channel: 'Kênh',
      interactionKind: 'Loại tương tác',
      ticketCategory: 'Loại yêu cầu',
    },
    en: {
      productCategoryId: 'Product category',
      segmentId: 'Customer segment',
      lifecycleStage: 'Customer type',
      channel: 'Channel',
      interactionKind: 'Interaction kind',
      ticketCategory: 'Ticket category',
    },
  },
  playbookAction: {
    vi: { task: 'Công việc', email: 'Email', survey: 'Khảo sát' },
    en: { task: 'Task', email: 'Email', survey: 'Survey' },
  },
  playbookStatus: {
    vi: { active: 'Đang hoạt động', paused: 'Tạm dừng' },
    en: { active: 'Active', paused: 'Paused' },
  },
  playbookRunStatus: {
    vi: { running: 'Đang chạy', completed: 'Đã xong', stopped: 'Đã dừng' },
    en: { running: 'In progress', completed: 'Completed', stopped: 'Stopped' },
  },
  playbookStepStatus: {
    vi: { scheduled: 'Đã lên lịch', done: 'Đã thực hiện', skipped: 'Bỏ qua', failed: 'Lỗi', stopped: 'Đã dừng' },
    en: { scheduled: 'Scheduled', done: 'Done', skipped: 'Skipped', failed: 'Failed', stopped: 'Stopped' },
  },
  surveyQuestionType: {
    vi: {
      nps: 'NPS (0–10)',
      csat: 'CSAT (1–5)',
      ces: 'CES (1–7)',
      rating: 'Chấm sao (1–5)',
      single: 'Chọn một',
      multiple: 'Chọn nhiều',
      text: 'Trả lời tự do',
    },
    en: {
      nps: 'NPS (0–10)',
      csat: 'CSAT (1–5)',
      ces: 'CES (1–7)',
      rating: 'Star rating (1–5)',
      single: 'Single choice',
      multiple: 'Multiple choice',
      text: 'Free text',
    },
  },
  surveyTrigger: {
    vi: { manual: 'Gửi thủ công', ticket_resolved: 'Sau khi giải quyết yêu cầu hỗ trợ', order_delivered: 'Sau khi giao đơn hàng' },
    en: { manual: 'By hand', ticket_resolved: 'After a ticket is resolved', order_delivered: 'After an order is delivered' },
  },
  surveyStatus: {
    vi: { active: 'Đang dùng', paused: 'Tạm dừng', archived: 'Lưu trữ' },
    en: { active: 'Active', paused: 'Paused', archived: 'Archived' },
  },
  loyaltyEarnOn: {
    vi: { paid: 'Đã thanh toán (hoặc đã giao)', delivered: 'Đã giao' },
    en: { paid: 'Paid (or delivered)', delivered: 'Delivered' },
  },
  assessmentStatus: {
    vi: { open: 'Đang thực hiện', closed: 'Đã chốt' },
    en: { open: 'In progress', closed: 'Closed' },
  },
  respondentKind: {
    vi: { member: 'Thành viên', outside: 'Người ngoài (qua liên kết)' },
    en: { member: 'Member', outside: 'Outside (by link)' },
  },
  evidenceKind: {
    vi: {
      contact: 'Khách hàng',
      company: 'Công ty',
      deal: 'Cơ hội',
      ticket: 'Yêu cầu hỗ trợ',
      order: 'Đơn hàng',
      segment: 'Phân khúc',
      playbook: 'Kịch bản chăm sóc',
      survey: 'Khảo sát',
      note: 'Ghi chú',
    },
    en: {
      contact: 'Customer',
      company: 'Company',
      deal: 'Deal',
      ticket: 'Ticket',
      order: 'Order',
      segment: 'Segment',
      playbook: 'Playbook',
      survey: 'Survey',
      note: 'Note',
    },
  },
  recommendationKind: {
    vi: { quick_win: 'Việc làm ngay', strategic: 'Hướng chiến lược' },
    en: { quick_win: 'Quick win', strategic: 'Strategic move' },
  },
  evidenceReason: {
    vi: {
      no_customers: 'Chưa có khách hàng nào',
      no_orders: 'Chưa có đơn hàng nào trong kỳ',
      no_scores: 'Chưa tính điểm RFM/CLV cho khách hàng',
      no_segments: 'Chưa có phân khúc nào được lưu',
      no_deals: 'Chưa có cơ hội bán hàng nào',
      no_tickets: 'Chưa có yêu cầu hỗ trợ nào trong kỳ',
      no_surveys: 'Chưa có câu trả lời khảo sát nào trong kỳ',
      no_imports: 'Chưa có lần nhập dữ liệu nào trong kỳ',
      no_agents: 'Chưa có nhân viên nào để chia việc',
      not_built: 'Kith chưa có tính năng này (sẽ có ở bản sau)',
    },
    en: {
      no_customers: 'No customers yet',
      no_orders: 'No orders in the period',
      no_scores: 'Customers have not been scored (RFM/CLV) yet',
      no_segments: 'No saved segments yet',
      no_deals: 'No deals yet',
      no_tickets: 'No tickets in the period',
      no_surveys: 'No survey answers in the period',
      no_imports: 'No imports in the period',
      no_agents: 'No agents to share the work between',
      not_built: 'Kith does not do this yet (a later release will)',
    },
  },
  trainingResult: {
    vi: { passed: 'Đạt', failed: 'Không đạt' },
    en: { passed: 'Passed', failed: 'Failed' },
  },
  requirementKind: {
    vi: { course: 'Khóa học', competency: 'Năng lực' },
    en: { course: 'Course', competency: 'Competency' },
  },
  trainingCellState: {
    vi: { valid: 'Còn hiệu lực', expiring: 'Sắp hết hạn', expired: 'Đã hết hạn', missing: 'Chưa có', not_required: 'Không bắt buộc' },
    en: { valid: 'Valid', expiring: 'Expiring soon', expired: 'Expired', missing: 'Missing', not_required: 'Not required' },
  },
  trainingRecordState: {
    vi: { valid: 'Còn hiệu lực', expiring: 'Sắp hết hạn', expired: 'Đã hết hạn', failed: 'Không đạt' },
    en: { valid: 'Valid', expiring: 'Expiring soon', expired: 'Expired', failed: 'Failed' },
  },
  trainingReminder: {
    vi: { '30': 'Nhắc trước 30 ngày', '7': 'Nhắc trước 7 ngày', expired: 'Nhắc khi đã hết hạn' },
    en: { '30': '30 days before', '7': '7 days before', expired: 'Once expired' },
  },
  workloadLevel: {
    vi: { ok: 'Bình thường', warning: 'Sắp đầy (trên 90%)', over: 'Quá tải' },
    en: { ok: 'Normal', warning: 'Near capacity (over 90%)', over: 'Overloaded' },
  },
  workloadKind: {
    vi: { tickets: 'Yêu cầu hỗ trợ', deals: 'Cơ hội bán hàng', tasks: 'Công việc' },
    en: { tickets: 'Tickets', deals: 'Deals', tasks: 'Tasks' },
  },
  peakFlag: {
    vi: { high: 'Quá tải giờ cao điểm', uncovered: 'Không ai trực' },
    en: { high: 'Peak overload', uncovered: 'Nobody on duty' },
  },
  rewardKind: {
    vi: { recognition: 'Ghi nhận', bonus: 'Thưởng', warning: 'Nhắc nhở', penalty: 'Phạt' },
    en: { recognition: 'Recognition', bonus: 'Bonus', warning: 'Warning', penalty: 'Penalty' },
  },
  rewardStatus: {
    vi: { proposed: 'Chờ duyệt', approved: 'Đã duyệt', rejected: 'Bị từ chối', withdrawn: 'Đã rút' },
    en: { proposed: 'Awaiting approval', approved: 'Approved', rejected: 'Rejected', withdrawn: 'Withdrawn' },
  },
  rewardJustification: {
    vi: { kpi: 'Chỉ số KPI', ticket: 'Yêu cầu hỗ trợ', deal: 'Cơ hội', order: 'Đơn hàng', survey_response: 'Câu trả lời khảo sát', interaction: 'Tương tác' },
    en: { kpi: 'KPI', ticket: 'Ticket', deal: 'Deal', order: 'Order', survey_response: 'Survey response', interaction: 'Interaction' },
  },
  ruleComparator: {
    vi: { lt: 'dưới', lte: 'tối đa', gt: 'trên', gte: 'tối thiểu' },
    en: { lt: 'below', lte: 'at most', gt: 'above', gte: 'at least' },
  },
  rulePeriodKind: {
    vi: { month: 'Hằng tháng', quarter: 'Hằng quý', year: 'Hằng năm' },
    en: { month: 'Monthly', quarter: 'Quarterly', year: 'Yearly' },
  },
};

const regionNames = new Map<LabelLocale, Intl.DisplayNames>();
function countryName(code: string, locale: LabelLocale): string | undefined {
  let names = regionNames.get(locale);
  if (!names) regionNames.set(locale, (names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' })));
  try {
    return names.of(code);
  } catch {
    return undefined;
  }
}

/** The names of one enum's values in `locale`, in the enum's order. */
export function enumLabels<N extends EnumName>(name: N, lang: string | null | undefined): Names<N> {
  const locale = labelLocale(lang);
  if (name === 'province') return Object.fromEntries(PROVINCES.map((p) => [p.code, locale === 'vi' ? p.name : p.nameEn])) as Names<N>;
  if (name === 'country') return Object.fromEntries(COUNTRY_CODES.map((c) => [c, countryName(c, locale) ?? c])) as Names<N>;
  return TABLE[name as Exclude<EnumName, FromData>][locale] as Names<N>;
}

export function isEnumValue<N extends EnumName>(name: N, value: unknown): value is EnumValue<N> {
  return typeof value === 'string' && (ENUMS[name] as readonly string[]).includes(value);
}

/**
 * A stored value as the user reads it: its name in `lang`, '' for nothing, and a value the enum does not
 * know as written (the user's own word).
 */
export function enumLabel(name: EnumName, value: string | null | undefined, lang: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const locale = labelLocale(lang);
  if (name === 'country') return countryName(value, locale) ?? value;
  if (!isEnumValue(name, value)) return value;
  return (enumLabels(name, locale) as Record<string, string>)[value] ?? value;
}

/** The values of an enum as options of a select, named in `lang`. */
export function enumOptions<N extends EnumName>(
  name: N,
  lang: string | null | undefined,
  values: readonly EnumValue<N>[] = ENUMS[name] as readonly EnumValue<N>[],
): { value: EnumValue<N>; label: string }[] {
  const names = enumLabels(name, lang) as Record<string, string>;
  return values.map((value) => ({ value, label: names[value] ?? value }));
}
