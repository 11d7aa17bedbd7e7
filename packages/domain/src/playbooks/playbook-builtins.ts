import type { Audience, PlaybookAction } from './playbook.schema.ts';

/**
 * The playbooks every workspace starts with, in its language: caring for new customers (thank them, call,
 * ask how it went, remind them to buy again), for potential ones (introduce, call, follow up) and for loyal
 * ones (thank them as VIPs, ask for a referral, call). The workspace edits them like its own; they are made
 * once (a deleted one stays deleted). The survey step points at a built-in CSAT survey made with them.
 */

export const BUILTIN_KEYS = ['new_customer', 'potential_customer', 'loyal_customer'] as const;
export type BuiltinKey = (typeof BUILTIN_KEYS)[number];

export type BuiltinStep = { delayDays: number; action: PlaybookAction; title: string; body: string | null; dueInDays?: number; survey?: true };
export type BuiltinPlaybook = { key: BuiltinKey; name: string; description: string; audience: Audience; steps: BuiltinStep[] };

export type BuiltinSurvey = {
  name: string;
  title: { vi: string; en: string };
  intro: { vi: string; en: string };
  questions: { type: 'csat' | 'text'; text: { vi: string; en: string }; required: boolean }[];
};

/** The satisfaction survey the new-customer playbook sends on day 30 (worded in both languages: the page follows the customer's). */
export function builtinSurvey(locale: string): BuiltinSurvey {
  return {
    name: locale === 'en' ? 'New customer satisfaction (CSAT)' : 'Mức độ hài lòng của khách hàng mới (CSAT)',
    title: { vi: 'Anh/chị có hài lòng với sản phẩm và dịch vụ của chúng tôi?', en: 'Are you happy with our products and service?' },
    intro: { vi: 'Một câu hỏi, chưa đến một phút. Cảm ơn anh/chị!', en: 'One question, less than a minute. Thank you!' },
    questions: [
      {
        type: 'csat',
        text: { vi: 'Anh/chị hài lòng thế nào với lần mua hàng vừa qua?', en: 'How satisfied are you with your recent purchase?' },
        required: true,
      },
      { type: 'text', text: { vi: 'Chúng tôi có thể làm gì tốt hơn?', en: 'What could we do better?' }, required: false },
    ],
  };
}

const VI: BuiltinPlaybook[] = [
  {
    key: 'new_customer',
    name: 'Chăm sóc khách hàng mới',
    description: 'Cảm ơn ngay khi khách mua lần đầu, gọi hỏi thăm sau 3 ngày, khảo sát mức độ hài lòng sau 30 ngày và nhắc mua lại sau 90 ngày.',
    audience: { kind: 'lifecycle', stages: ['new_customer'] },
    steps: [
      {
        delayDays: 0,
        action: 'email',
        title: 'Cảm ơn anh/chị đã tin chọn {{workspace.name}}',
        body: 'Kính gửi {{contact.name}},\n\nCảm ơn anh/chị đã mua hàng tại {{workspace.name}}. Chúng tôi rất vui được phục vụ anh/chị.\n\nNếu cần hỗ trợ gì trong quá trình sử dụng, anh/chị cứ trả lời email này hoặc liên hệ {{owner.name}}.\n\nTrân trọng,\n{{workspace.name}}',
      },
      {
        delayDays: 3,
        action: 'task',
        title: 'Gọi hỏi thăm {{contact.name}} sau lần mua đầu tiên',
        body: 'Hỏi khách đã nhận hàng và dùng sản phẩm có ổn không, có cần hướng dẫn gì thêm không. Ghi lại cuộc gọi vào hồ sơ khách hàng.',
        dueInDays: 2,
      },
      { delayDays: 30, action: 'survey', title: 'Khảo sát mức độ hài lòng (CSAT)', body: null, survey: true },
      {
        delayDays: 90,
        action: 'email',
        title: '{{contact.firstName}} ơi, đã đến lúc bổ sung rồi',
        body: 'Kính gửi {{contact.name}},\n\nĐã ba tháng kể từ lần mua hàng đầu tiên của anh/chị tại {{workspace.name}}. Nếu sản phẩm sắp hết hoặc anh/chị cần thêm, chúng tôi luôn sẵn sàng.\n\nAnh/chị chỉ cần trả lời email này, {{owner.name}} sẽ liên hệ lại ngay.\n\nTrân trọng,\n{{workspace.name}}',
      },
    ],
  },
  {
    key: 'potential_customer',
    name: 'Chăm sóc khách hàng tiềm năng',
    description: 'Giới thiệu ngay khi có khách tiềm năng, gọi điện sau 2 ngày và gửi thư nhắc lại sau 7 ngày.',
    audience: { kind: 'lifecycle', stages: ['lead', 'prospect'] },
    steps: [
      {
        delayDays: 0,
        action: 'email',
        title: '{{workspace.name}} xin được giới thiệu',
        body: 'Kính gửi {{contact.name}},\n\nCảm ơn anh/chị đã quan tâm đến {{workspace.name}}. Tôi là {{owner.name}}, sẽ đồng hành cùng anh/chị để tìm sản phẩm phù hợp nhất.\n\nAnh/chị có thể trả lời email này bất cứ lúc nào nếu có câu hỏi.\n\nTrân trọng,\n{{owner.name}}\n{{workspace.name}}',
      },
      {
        delayDays: 2,
        action: 'task',
        title: 'Gọi tư vấn cho {{contact.name}}',
        body: 'Tìm hiểu nhu cầu, giới thiệu sản phẩm phù hợp và hẹn bước tiếp theo. Cập nhật giai đoạn của khách sau cuộc gọi.',
        dueInDays: 1,
      },
      {
        delayDays: 7,
        action: 'email',
        title: 'Anh/chị còn băn khoăn điều gì không?',
        body: 'Kính gửi {{contact.name}},\n\nTuần trước chúng tôi đã gửi anh/chị thông tin về {{workspace.name}}. Nếu anh/chị còn điều gì băn khoăn, tôi rất sẵn lòng giải đáp.\n\nTrân trọng,\n{{owner.name}}\n{{workspace.name}}',
      },
    ],
  },
  {
    key: 'loyal_customer',
    name: 'Tri ân khách hàng thân thiết',
    description: 'Cảm ơn khách hàng thân thiết ngay khi họ đạt hạng, mời giới thiệu bạn bè sau 14 ngày và gọi hỏi thăm sau 60 ngày.',
    audience: { kind: 'lifecycle', stages: ['loyal'] },
    steps: [
      {
        delayDays: 0,
        action: 'email',
        title: 'Cảm ơn {{contact.firstName}} — khách hàng thân thiết của {{workspace.name}}',
        body: 'Kính gửi {{contact.name}},\n\nAnh/chị đã luôn đồng hành cùng {{workspace.name}}. Từ hôm nay anh/chị là khách hàng thân thiết của chúng tôi, với sự phục vụ ưu tiên từ {{owner.name}}.\n\nXin chân thành cảm ơn anh/chị.\n\nTrân trọng,\n{{workspace.name}}',
      },
      {
        delayDays: 14,
        action: 'email',
        title: 'Giới thiệu bạn bè đến {{workspace.name}}',
        body: 'Kính gửi {{contact.name}},\n\nNếu anh/chị hài lòng với {{workspace.name}}, xin hãy giới thiệu chúng tôi với người thân và bạn bè. Mỗi lời giới thiệu của anh/chị là món quà lớn với chúng tôi.\n\nAnh/chị chỉ cần trả lời email này kèm tên và số điện thoại của người được giới thiệu.\n\nTrân trọng,\n{{workspace.name}}',
      },
      {
        delayDays: 60,
        action: 'task',
        title: 'Gọi hỏi thăm khách hàng thân thiết {{contact.name}}',
        body: 'Hỏi thăm, lắng nghe góp ý và giới thiệu ưu đãi dành riêng cho khách hàng thân thiết.',
        dueInDays: 3,
      },
    ],
  },
];

const EN: BuiltinPlaybook[] = [
  {
    key: 'new_customer',
    name: 'New customer care',
    description: 'Thank first-time buyers at once, call after 3 days, ask how satisfied they are after 30 days and remind them to buy again after 90.',
    audience: { kind: 'lifecycle', stages: ['new_customer'] },
    steps: [
      {
        delayDays: 0,
        action: 'email',
        title: 'Thank you for choosing {{workspace.name}}',
        body: 'Dear {{contact.name}},\n\nThank you for your purchase at {{workspace.name}}. We are glad to have you.\n\nIf you need any help, just reply to this email or contact {{owner.name}}.\n\nKind regards,\n{{workspace.name}}',
      },
      {
        delayDays: 3,
        action: 'task',
        title: 'Check-in call with {{contact.name}} after their first purchase',
        body: 'Ask whether the order arrived and everything works, and whether they need any help. Log the call on the customer’s record.',
        dueInDays: 2,
      },
      { delayDays: 30, action: 'survey', title: 'Satisfaction survey (CSAT)', body: null, survey: true },
      {
        delayDays: 90,
        action: 'email',
        title: 'Time for a refill, {{contact.firstName}}?',
        body: 'Dear {{contact.name}},\n\nIt has been three months since your first purchase at {{workspace.name}}. If you are running low or need anything else, we are here.\n\nJust reply to this email and {{owner.name}} will get back to you.\n\nKind regards,\n{{workspace.name}}',
      },
    ],
  },
  {
    key: 'potential_customer',
    name: 'Potential customer nurturing',
    description: 'Introduce yourselves as soon as a lead comes in, call after 2 days and follow up by email after 7.',
    audience: { kind: 'lifecycle', stages: ['lead', 'prospect'] },
    steps: [
      {
        delayDays: 0,
        action: 'email',
        title: 'An introduction from {{workspace.name}}',
        body: 'Dear {{contact.name}},\n\nThank you for your interest in {{workspace.name}}. I am {{owner.name}} and I will help you find what suits you best.\n\nReply to this email any time with your questions.\n\nKind regards,\n{{owner.name}}\n{{workspace.name}}',
      },
      {
        delayDays: 2,
        action: 'task',
        title: 'Call {{contact.name}}',
        body: 'Learn what they need, suggest the right products and agree on a next step. Update their stage after the call.',
        dueInDays: 1,
      },
      {
        delayDays: 7,
        action: 'email',
        title: 'Any questions we can answer?',
        body: 'Dear {{contact.name}},\n\nLast week we sent you a few words about {{workspace.name}}. If anything is still unclear, I would be happy to help.\n\nKind regards,\n{{owner.name}}\n{{workspace.name}}',
      },
    ],
  },
  {
    key: 'loyal_customer',
    name: 'Loyal customer appreciation',
    description: 'Thank loyal customers as VIPs when they get there, ask for a referral after 14 days and call after 60.',
    audience: { kind: 'lifecycle', stages: ['loyal'] },
    steps: [
      {
        delayDays: 0,
        action: 'email',
        title: 'Thank you, {{contact.firstName}} — a valued customer of {{workspace.name}}',
        body: 'Dear {{contact.name}},\n\nYou have been with {{workspace.name}} for a while now. From today you are one of our valued customers, with priority service from {{owner.name}}.\n\nThank you.\n\nKind regards,\n{{workspace.name}}',
      },
      {
        delayDays: 14,
        action: 'email',
        title: 'Know someone who would like {{workspace.name}}?',
        body: 'Dear {{contact.name}},\n\nIf you are happy with {{workspace.name}}, please tell your friends and family about us. A recommendation from you means a lot.\n\nJust reply to this email with their name and phone number.\n\nKind regards,\n{{workspace.name}}',
      },
      {
        delayDays: 60,
        action: 'task',
        title: 'Check-in call with loyal customer {{contact.name}}',
        body: 'Ask how they are, listen to their feedback and tell them about offers for loyal customers.',
        dueInDays: 3,
      },
    ],
  },
];

export function builtinPlaybooks(locale: string): BuiltinPlaybook[] {
  return locale === 'en' ? EN : VI;
}
