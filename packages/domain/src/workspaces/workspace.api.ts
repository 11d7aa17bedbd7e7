import { z } from 'zod';
import { Timestamp } from '../api/common.ts';
import { contract } from '../api/contract.ts';
import { accountEmail } from '../contacts/contact.schema.ts';
import { LABEL_LOCALES } from '../labels/enums.ts';
import { ROLES } from '../permissions/permissions.ts';
import { text } from '../schema/fields.ts';

/** The workspaces API's shapes and operations (api/contract.ts): first-run setup, my workspaces and the current one's settings. */

export const WorkspaceOut = z
  .object({
    id: z.string(),
    name: z.string(),
    currency: z.string(),
    timezone: z.string(),
    phoneRegion: z.string(),
    locale: z.string(),
    lifecycleAuto: z
      .boolean()
      .meta({ description: 'Whether purchases move contacts’ lifecycle stage (first → new customer, second → repeat, loyalAfter → loyal)' }),
    loyalAfter: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Workspace' });

/** A workspace and its settings, as the API returns it. */
export type WorkspaceOut = z.output<typeof WorkspaceOut>;

export const WorkspaceSettingsPatch = z.strictObject({
  name: text(120, 1).optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, { message: 'Must be an ISO 4217 code such as VND' })
    .optional(),
  timezone: z.string().max(64).optional(),
  phoneRegion: z
    .string()
    .regex(/^[A-Z]{2}$/, { message: 'Must be a two-letter region code such as VN' })
    .optional(),
  // The languages Kith speaks.
  locale: z.enum(LABEL_LOCALES).optional(),
  lifecycleAuto: z.boolean().optional(),
  loyalAfter: z.number().int().min(2, { message: 'Must be at least 2' }).max(1000, { message: 'Must be at most 1000' }).optional(),
});

export const workspaceApi = {
  setupState: contract({
    method: 'GET',
    path: '/setup',
    tags: ['setup'],
    summary: 'Has this Kith been set up?',
    status: 200,
    response: z.object({ setUp: z.boolean() }),
  }),
  setup: contract({
    method: 'POST',
    path: '/setup',
    tags: ['setup'],
    summary: 'First run: create the first workspace and its owner. 409 once any workspace exists.',
    body: z.strictObject({
      workspace: text(120, 1),
      name: text(200, 1),
      email: accountEmail(),
      password: z.string().max(1024),
    }),
    status: 201,
    response: z.object({ workspace: WorkspaceOut, user: z.object({ id: z.string(), email: z.string(), name: z.string() }) }),
  }),
  mine: contract({
    method: 'GET',
    path: '/workspaces',
    tags: ['workspaces'],
    summary: 'The workspaces I belong to',
    status: 200,
    response: z.object({ data: z.array(z.object({ id: z.string(), name: z.string(), role: z.enum(ROLES) })) }),
  }),
  create: contract({
    method: 'POST',
    path: '/workspaces',
    tags: ['workspaces'],
    summary: 'Create another workspace; I become its owner',
    body: z.strictObject({ name: text(120, 1) }),
    status: 201,
    response: WorkspaceOut,
  }),
  current: contract({
    method: 'GET',
    path: '/workspace',
    tags: ['workspaces'],
    summary: 'The current workspace and its settings',
    status: 200,
    response: WorkspaceOut,
  }),
  update: contract({
    method: 'PATCH',
    path: '/workspace',
    tags: ['workspaces'],
    summary: 'Change the workspace’s name, currency, time zone, default phone region, language or lifecycle rules',
    body: WorkspaceSettingsPatch,
    status: 200,
    response: WorkspaceOut,
  }),
};
