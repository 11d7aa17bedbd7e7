/**
 * Roles and what each may do. This table is enforced by the server (every route names its action) and
 * written out in docs/permissions.md; a test reads that document and checks the API against it.
 */
export const ROLES = ['owner', 'admin', 'manager', 'agent', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_RANK: Record<Role, number> = { owner: 5, admin: 4, manager: 3, agent: 2, viewer: 1 };

/** `true`: allowed on every record of the workspace; `'scoped'`: allowed on the records in the role's scope. */
export type Grant = boolean | 'scoped';

export const ACTIONS = {
  'workspace.read': { owner: true, admin: true, manager: true, agent: true, viewer: true },
  'workspace.export': { owner: true, admin: true, manager: false, agent: false, viewer: false },
  'workspace.update': { owner: true, admin: true, manager: false, agent: false, viewer: false },
  'members.read': { owner: true, admin: true, manager: true, agent: true, viewer: true },
  'members.invite': { owner: true, admin: true, manager: false, agent: false, viewer: false },
  'members.update': { owner: true, admin: true, manager: false, agent: false, viewer: false },
  'members.remove': { owner: true, admin: true, manager: false, agent: false, viewer: false },
  'teams.read': { owner: true, admin: true, manager: true, agent: true, viewer: true },
  'teams.manage': { owner: true, admin: true, manager: false, agent: false, viewer: false },
  'custom_fields.read': { owner: true, admin: true, manager: true, agent: true, viewer: true },
  'custom_fields.manage': { owner: true, admin: true, manager: false, agent: false, viewer: false },
  'contacts.read': { owner: true, admin: true, manager: 'scoped', agent: 'scoped', viewer: true },
  'contacts.create': { owner: true, admin: true, manager: true, agent: true, viewer: false },
  'contacts.update': { owner: true, admin: true, manager: 'scoped', agent: 'scoped', viewer: false },
  'contacts.assign': { owner: true, admin: true, manager: 'scoped', agent: false, viewer: false },
  'contacts.delete': { owner: true, admin: true, manager: 'scoped', agent: false, viewer: false },
  'contacts.export': { owner: true, admin: true, manager: 'scoped', agent: false, viewer: false },
  'records.export': { owner: true, admin: true, manager: 'scoped', agent: false, viewer: false },
  'analytics.read': { owner: true, admin: true, manager: true, agent: false, viewer: true },
  'analytics.refresh': { owner: true, admin: true, manager: true, agent: false, viewer: false },
  'analytics.configure': { owner: true, admin: true, manager: true, agent: false, viewer: false },
  'contacts.purge': { owner: true, admin: true, manager: false, agent: false, viewer: false },
  'companies.read': { owner: true, admin: true, manager: 'scoped', agent: 'scoped', viewer: true },
  'companies.create': { owner: true, admin: true, manager: true, agent: true, viewer: false },
  'companies.update': { owner: true, admin: true, manager: 'scoped', agent: 'scoped', viewer: false },
  'companies.assign': { owner: true, admin: true, manager: 'scoped', agent: false, viewer: false },
  'companies.delete': { owner: true, admin: true, manager: 'scoped', agent: false, viewer: false },
  'companies.purge': { owner: true, admin: true, manager: false, agent: false, viewer: false },
  'products.read': { owner: true, admin: true, manager: true, agent: true, viewer: true },
  'products.manage': { owner: true, admin: true, manager: true, agent: false, viewer: false },
  'orders.read': { owner: true, admin: true, manager: 'scoped', agent: 'scoped', viewer: true },
  'orders.create': { owner: true, admin: true, manager: true, agent: true, viewer: false },
  'orders.update': { owner: true, admin: true, manager: 'scoped', agent: 'scoped', viewer: false },
  'orders.delete': { owner: true, admin: true, manager: 'scoped', agent: false, viewer: false },
  'interactions.create': { owner: true, admin: true, manager: true, agent: true, viewer: false },
  'interactions.update': { owner: true, admin: true, manager: 'scoped', agent: 'scoped', viewer: false },
  'tasks.read': { owner: true, admin: true, manager: 'scoped', agent: 'scoped', viewer: true },
  'tasks.write': { owner: true, admin: true, manager: 'scoped', agent: 'scoped', viewer: false },
  'tasks.assign': { owner: true, admin: true, manager: 'scoped', agent: false, viewer: false },
  'deals.read': { owner: true, admin: true, manager: 'scoped', agent: 'scoped', viewer: true },
  'deals.write': { owner: true, admin: true, manager: 'scoped', agent: 'scoped', viewer: false },
  'deals.delete': { owner: true, admin: true, manager: 'scoped', agent: false, viewer: false },
  'pipelines.manage': { owner: true, admin: true, manager: false, agent: false, viewer: false },
  'imports.read': { owner: true, admin: true, manager: 'scoped', agent: 'scoped', viewer: false },
  'imports.undo': { owner: true, admin: true, manager: 'scoped', agent: false, viewer: false },
  'tickets.read': { owner: true, admin: true, manager: 'scoped', agent: 'scoped', viewer: true },
  'tickets.write': { owner: true, admin: true, manager: 'scoped', agent: 'scoped', viewer: false },
  'tickets.assign': { owner: true, admin: true, manager: 'scoped', agent: false, viewer: false },
  'care.configure': { owner: true, admin: true, manager: false, agent: false, viewer: false },
  'canned_replies.manage': { owner: true, admin: true, manager: true, agent: false, viewer: false },
  'surveys.read': { owner: true, admin: true, manager: true, agent: false, viewer: true },
  'surveys.manage': { owner: true, admin: true, manager: true, agent: false, viewer: false },
  'surveys.send': { owner: true, admin: true, manager: true, agent: true, viewer: false },
  'playbooks.read': { owner: true, admin: true, manager: true, agent: true, viewer: true },
  'playbooks.manage': { owner: true, admin: true, manager: true, agent: false, viewer: false },
  'playbooks.enroll': { owner: true, admin: true, manager: 'scoped', agent: 'scoped', viewer: false },
  'loyalty.read': { owner: true, admin: true, manager: 'scoped', agent: 'scoped', viewer: true },
  'loyalty.adjust': { owner: true, admin: true, manager: 'scoped', agent: false, viewer: false },
  'loyalty.configure': { owner: true, admin: true, manager: false, agent: false, viewer: false },
  'assessments.read': { owner: true, admin: true, manager: true, agent: 'scoped', viewer: true },
  'assessments.answer': { owner: true, admin: true, manager: true, agent: true, viewer: false },
  'assessments.manage': { owner: true, admin: true, manager: true, agent: false, viewer: false },
  'assessments.consolidate': { owner: true, admin: true, manager: true, agent: false, viewer: false },
  'assessments.benchmark': { owner: true, admin: true, manager: false, agent: false, viewer: false },
  'audit.read': { owner: true, admin: true, manager: false, agent: false, viewer: false },
  'views.share': { owner: true, admin: true, manager: true, agent: false, viewer: false },
  'views.manage': { owner: true, admin: true, manager: false, agent: false, viewer: false },
  'kpis.read': { owner: true, admin: true, manager: 'scoped', agent: 'scoped', viewer: 'scoped' },
  'kpis.configure': { owner: true, admin: true, manager: false, agent: false, viewer: false },
  'kpi_targets.manage': { owner: true, admin: true, manager: 'scoped', agent: false, viewer: false },
  'kpi_periods.close': { owner: true, admin: true, manager: false, agent: false, viewer: false },
  'segment_plans.manage': { owner: true, admin: true, manager: true, agent: false, viewer: false },
  'training.read': { owner: true, admin: true, manager: 'scoped', agent: 'scoped', viewer: 'scoped' },
  'training.manage': { owner: true, admin: true, manager: false, agent: false, viewer: false },
  'training.record': { owner: true, admin: true, manager: 'scoped', agent: false, viewer: false },
  'workload.read': { owner: true, admin: true, manager: 'scoped', agent: 'scoped', viewer: false },
  'workload.configure': { owner: true, admin: true, manager: 'scoped', agent: false, viewer: false },
  'rewards.read': { owner: true, admin: true, manager: 'scoped', agent: 'scoped', viewer: 'scoped' },
  'rewards.propose': { owner: true, admin: true, manager: 'scoped', agent: false, viewer: false },
  'rewards.approve': { owner: true, admin: true, manager: false, agent: false, viewer: false },
  'rewards.configure': { owner: true, admin: true, manager: false, agent: false, viewer: false },
} as const satisfies Record<string, Record<Role, Grant>>;

export type Action = keyof typeof ACTIONS;

export function grantOf(role: Role, action: Action): Grant {
  return ACTIONS[action][role];
}

export function can(role: Role, action: Action): boolean {
  return grantOf(role, action) !== false;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * Which roles a member of `actorRole` may give or take away. Owners manage everyone; admins manage
 * everyone below owner and may not create owners.
 */
export function canManageRole(actorRole: Role, targetRole: Role): boolean {
  if (actorRole === 'owner') return true;
  if (actorRole === 'admin') return targetRole !== 'owner';
  return false;
}
