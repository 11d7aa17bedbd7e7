import { z } from 'zod';
import { Timestamp } from '../api/common.ts';
import { contract } from '../api/contract.ts';
import { ROLES } from '../permissions/permissions.ts';
import { uuid } from '../schema/fields.ts';

/** The members API's shapes and operations (api/contract.ts): the server's routes and the web's calls both use these. */

export const MemberOut = z
  .object({
    userId: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    teamIds: z.array(z.string()),
    joinedAt: Timestamp,
    disabled: z.boolean(),
  })
  .meta({ id: 'Member' });

/** Someone in the workspace, as the API returns them. */
export type Member = z.output<typeof MemberOut>;

const UserParams = z.object({ userId: uuid() });

export const memberApi = {
  list: contract({
    method: 'GET',
    path: '/members',
    tags: ['members'],
    summary: 'People in this workspace',
    status: 200,
    response: z.object({ data: z.array(MemberOut) }),
  }),
  changeRole: contract({
    method: 'PATCH',
    path: '/members/:userId',
    tags: ['members'],
    summary: 'Change someone’s role',
    params: UserParams,
    body: z.strictObject({ role: z.enum(ROLES) }),
    status: 200,
    response: MemberOut,
  }),
  remove: contract({
    method: 'DELETE',
    path: '/members/:userId',
    tags: ['members'],
    summary: 'Remove someone from this workspace',
    params: UserParams,
    status: 204,
    response: null,
  }),
};
