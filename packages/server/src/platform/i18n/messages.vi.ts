/**
 * Every text the server writes for people, in Vietnamese: the survey page, the unsubscribe page, the mail it
 * sends (SLA warnings and breaches, replies, survey invitations, member invitations, password resets) and
 * the texts it puts on tickets. English is in messages.en.ts with the same keys (TypeScript and
 * messages.test.ts refuse a key or a {{placeholder}} missing on one side). Look them up with `t()` (messages.ts).
 * Names of stored values (statuses, priorities, roles …) are not here: `@kith/domain/labels/enums.ts`.
 */
export const vi = {
  // The public survey page (features/surveys/survey-page.ts)
  'survey.submit': 'Gửi câu trả lời',
  'survey.sending': 'Đang gửi…',
  'survey.thanks': 'Cảm ơn anh/chị đã dành thời gian trả lời!',
  'survey.thanksMore': 'Ý kiến của anh/chị giúp chúng tôi phục vụ tốt hơn.',
  'survey.answered': 'Khảo sát này đã được trả lời. Cảm ơn anh/chị!',
  'survey.expired': 'Đường dẫn khảo sát này đã hết hạn.',
  'survey.closed': 'Khảo sát này đã đóng.',
  'survey.notFound': 'Không tìm thấy khảo sát này. Anh/chị kiểm tra lại đường dẫn giúp nhé.',
  'survey.required': 'Vui lòng trả lời câu hỏi này.',
  'survey.error': 'Chưa gửi được. Vui lòng thử lại.',
  'survey.notLikely': 'Hoàn toàn không',
  'survey.veryLikely': 'Chắc chắn có',
  'survey.csatLow': 'Rất không hài lòng',
  'survey.csatHigh': 'Rất hài lòng',
  'survey.cesLow': 'Hoàn toàn không đồng ý',
  'survey.cesHigh': 'Hoàn toàn đồng ý',
  'survey.optional': '(không bắt buộc)',
  'survey.placeholder': 'Chia sẻ thêm với chúng tôi…',
  'survey.greeting': 'Xin chào {{name}},',
  'survey.greetingNoName': 'Xin chào,',

  // The survey invitation email ({{contact.name}} … are filled by the template renderer, care/templates.ts)
  'survey.invitation.body':
    'Kính gửi {{contact.name}},\n\nCảm ơn anh/chị đã tin chọn {{workspace.name}}. Anh/chị vui lòng dành một phút cho chúng tôi biết cảm nhận của mình:\n\n{{survey.url}}\n\nĐường dẫn dùng được đến {{survey.expires}}.\n\n{{workspace.name}}',
  // The ticket an unhappy answer opens
  'survey.unhappy.subject': 'Khách chưa hài lòng ({{scores}}): {{survey}}',
  'survey.unhappy.intro': 'Khách hàng đã trả lời khảo sát "{{survey}}":',
  'survey.unhappy.introAboutTicket': 'Khách hàng đã trả lời khảo sát "{{survey}}" về yêu cầu #{{number}}:',

  // The unsubscribe page (mail/mail.routes.ts)
  'unsubscribe.title': 'Hủy nhận thư',
  'unsubscribe.ask': 'Bạn không muốn nhận thư giới thiệu và ưu đãi từ {{workspace}} nữa?',
  'unsubscribe.button': 'Hủy nhận thư',
  'unsubscribe.done': 'Bạn sẽ không nhận thư giới thiệu từ {{workspace}} nữa.',
  'unsubscribe.bad': 'Đường dẫn không hợp lệ.',

  // SLA mail (tickets/ticket-sla.ts)
  'sla.duration': '{{hours}} giờ {{minutes}} phút',
  'sla.target.firstResponse': 'phản hồi đầu tiên',
  'sla.target.resolution': 'giải quyết',
  'sla.warning.subject': 'Sắp trễ hạn: #{{number}} {{subject}} — còn {{remaining}} để {{target}}',
  'sla.breach.subject': 'Trễ hạn SLA: #{{number}} {{subject}} — hạn {{target}} ({{due}}) đã qua',
  'sla.reassigned': 'Yêu cầu đã được chuyển cho quản lý.',

  // A reply emailed to the customer (tickets/ticket-change.service.ts)
  'ticket.reply.footer': '— Chăm sóc khách hàng {{workspace}}, yêu cầu #{{number}}',

  // Account mail, sent in both languages (auth/auth.service.ts, invitations/invitation.service.ts)
  // Mail for everyone (mail/workspace-mail.ts, care/outbox.ts)
  'mail.test.subject': 'thư thử',
  'mail.test.body': 'Máy chủ thư của bạn hoạt động.',
  'mail.unsubscribe': 'Hủy nhận thư',

  'auth.reset.subject': 'đặt lại mật khẩu',
  'auth.reset.body': 'Xin chào {{name}},\n\nAi đó (hy vọng là bạn) đã yêu cầu đặt lại mật khẩu Kith của bạn. Mở liên kết sau trong vòng 1 giờ:\n{{link}}',
  'auth.reset.notYou': 'Nếu không phải bạn, hãy bỏ qua thư này.',
  'assessment.invite.subject': 'Mời anh/chị tham gia đánh giá "{{assessment}}" — {{workspace}}',
  'assessment.invite.body':
    'Xin chào {{name}},\n\n{{workspace}} mời anh/chị chấm điểm "{{assessment}}": mỗi thực hành theo hai chiều, Ý định và Thực tế, từ 0 đến 4. Câu trả lời được lưu khi anh/chị làm và chỉ nộp khi anh/chị bấm Nộp bài.\n\nMở liên kết: {{link}}\n{{expires}}',
  'assessment.invite.expires': 'Liên kết dùng được đến {{date}} và chỉ dành riêng cho anh/chị.',
  'assessment.invite.member': 'Đăng nhập Kith để trả lời.',
  'invitation.subject': 'lời mời tham gia {{workspace}}',
  'invitation.body': 'Bạn được mời tham gia không gian làm việc "{{workspace}}" trên Kith với vai trò {{role}}. Mở liên kết (hết hạn sau 7 ngày):\n{{link}}',
  // Training reminders: tasks the daily job gives (features/training/training-reminders.ts)
  'training.reminder.expiring': 'Gia hạn đào tạo "{{course}}": hết hạn ngày {{date}} (còn {{days}} ngày)',
  'training.reminder.expired': 'Đào tạo bắt buộc đã hết hạn: "{{course}}" (từ ngày {{date}})',
  'training.reminder.notes':
    'Học lại hoặc thi lại khóa "{{course}}", rồi nhờ quản lý ghi nhận kết quả kèm minh chứng trên trang Đào tạo. Việc này do Kith tự tạo để nhắc hạn chứng nhận.',

  // The reward and penalty record's CSV files (rewards/rewards.routes.ts)
  'rewards.csv.id': 'Mã',
  'rewards.csv.person': 'Người được ghi nhận',
  'rewards.csv.kind': 'Loại',
  'rewards.csv.status': 'Trạng thái',
  'rewards.csv.reason': 'Lý do',
  'rewards.csv.amount': 'Số tiền',
  'rewards.csv.currency': 'Tiền tệ',
  'rewards.csv.points': 'Điểm',
  'rewards.csv.period': 'Tháng',
  'rewards.csv.justification': 'Căn cứ',
  'rewards.csv.kpi': 'Chỉ số KPI',
  'rewards.csv.kpiPeriod': 'Kỳ KPI',
  'rewards.csv.kpiValue': 'Giá trị KPI',
  'rewards.csv.record': 'Bản ghi',
  'rewards.csv.recordId': 'Mã bản ghi',
  'rewards.csv.rule': 'Quy tắc',
  'rewards.csv.proposedBy': 'Người đề xuất',
  'rewards.csv.proposedAt': 'Thời điểm đề xuất',
  'rewards.csv.decidedBy': 'Người quyết định',
  'rewards.csv.decidedAt': 'Thời điểm quyết định',
  'rewards.csv.note': 'Ghi chú khi quyết định',
  'rewards.csv.ruleName': 'Tên quy tắc',
  'rewards.csv.periodKind': 'Chu kỳ',
  'rewards.csv.comparator': 'So sánh',
  'rewards.csv.threshold': 'Ngưỡng',
  'rewards.csv.minN': 'Số quan sát tối thiểu',
  'rewards.csv.template': 'Mẫu lý do',
  'rewards.csv.active': 'Đang áp dụng',
  'rewards.csv.yes': 'có',
  'rewards.csv.no': 'không',
} as const;

export type MessageKey = keyof typeof vi;
