import type { MessageKey } from './messages.vi.ts';

/** The server's texts in English: the same keys as messages.vi.ts (see there). */
export const en: Record<MessageKey, string> = {
  'survey.submit': 'Send my answers',
  'survey.sending': 'Sending…',
  'survey.thanks': 'Thank you for taking the time to answer!',
  'survey.thanksMore': 'Your feedback helps us serve you better.',
  'survey.answered': 'This survey has already been answered. Thank you!',
  'survey.expired': 'This survey link has expired.',
  'survey.closed': 'This survey is closed.',
  'survey.notFound': 'We could not find this survey. Please check the link.',
  'survey.required': 'Please answer this question.',
  'survey.error': 'Could not send. Please try again.',
  'survey.notLikely': 'Not at all likely',
  'survey.veryLikely': 'Extremely likely',
  'survey.csatLow': 'Very dissatisfied',
  'survey.csatHigh': 'Very satisfied',
  'survey.cesLow': 'Strongly disagree',
  'survey.cesHigh': 'Strongly agree',
  'survey.optional': '(optional)',
  'survey.placeholder': 'Tell us more…',
  'survey.greeting': 'Hello {{name}},',
  'survey.greetingNoName': 'Hello,',

  'survey.invitation.body':
    'Dear {{contact.name}},\n\nThank you for choosing {{workspace.name}}. Could you tell us how we did? It takes a minute:\n\n{{survey.url}}\n\nThe link works until {{survey.expires}}.\n\n{{workspace.name}}',
  'survey.unhappy.subject': 'Unhappy survey answer ({{scores}}): {{survey}}',
  'survey.unhappy.intro': 'The customer answered the survey "{{survey}}":',
  'survey.unhappy.introAboutTicket': 'The customer answered the survey "{{survey}}" about ticket #{{number}}:',

  'unsubscribe.title': 'Unsubscribe',
  'unsubscribe.ask': 'Stop receiving news and offers from {{workspace}}?',
  'unsubscribe.button': 'Unsubscribe',
  'unsubscribe.done': 'You will no longer receive marketing email from {{workspace}}.',
  'unsubscribe.bad': 'This link is not valid.',

  'sla.duration': '{{hours}} h {{minutes}} min',
  'sla.target.firstResponse': 'first response',
  'sla.target.resolution': 'resolution',
  'sla.warning.subject': 'SLA warning: #{{number}} {{subject}} — {{target}} due in {{remaining}}',
  'sla.breach.subject': 'SLA breached: #{{number}} {{subject}} — {{target}} was due {{due}}',
  'sla.reassigned': 'The ticket was given to a manager.',

  'ticket.reply.footer': '— {{workspace}} customer care, ticket #{{number}}',

  'mail.test.subject': 'test message',
  'mail.test.body': 'Your mail server works.',
  'mail.unsubscribe': 'Unsubscribe',

  'auth.reset.subject': 'reset your password',
  'auth.reset.body': 'Hello {{name}},\n\nSomeone (hopefully you) asked to reset your Kith password. Open this link within one hour:\n{{link}}',
  'auth.reset.notYou': 'If it was not you, ignore this message.',
  'assessment.invite.subject': 'You are invited to the assessment "{{assessment}}" — {{workspace}}',
  'assessment.invite.body':
    'Hello {{name}},\n\n{{workspace}} invites you to score "{{assessment}}": each practice on two dimensions, Intention and Reality, from 0 to 4. Your answers are saved as you go and handed in only when you press Submit.\n\nOpen the link: {{link}}\n{{expires}}',
  'assessment.invite.expires': 'The link works until {{date}} and is for you alone.',
  'assessment.invite.member': 'Sign in to Kith to answer.',
  'invitation.subject': 'invitation to {{workspace}}',
  'invitation.body': 'You are invited to join the workspace "{{workspace}}" on Kith as {{role}}. Open this link (valid 7 days):\n{{link}}',
  'training.reminder.expiring': 'Renew the training "{{course}}": it expires on {{date}} ({{days}} days left)',
  'training.reminder.expired': 'A required training has expired: "{{course}}" (since {{date}})',
  'training.reminder.notes':
    'Retake the course "{{course}}", then ask your manager to record the result with its evidence on the Training page. Kith made this task to remind you of the certificate’s expiry.',
};
