import { z } from 'zod';
import { IdParams, Timestamp } from '../api/common.ts';
import { contract } from '../api/contract.ts';
import { text, uuid } from '../schema/fields.ts';

/** The teams API's shapes and operations (api/contract.ts): the server's routes and the web's calls both use these. */

export const TeamOut = z
  .object({ id: z.string(), name: z.string(), memberIds: z.array(z.string()), createdAt: Timestamp, updatedAt: Timestamp })
  .meta({ id: 'Team' });

/** A team as the API returns it. */
export type Team = z.output<typeof TeamOut>;

const TeamName = z.strictObject({ name: text(100, 1) });
const MemberParams = z.object({ id: uuid(), userId: uuid() });

export const teamApi = {
  list: contract({
    method: 'GET',
    path: '/teams',
    tags: ['teams'],
    summary: 'Teams in this workspace',
    status: 200,
    response: z.object({ data: z.array(TeamOut) }),
  }),
  create: contract({ method: 'POST', path: '/teams', tags: ['teams'], summary: 'Create a team', body: TeamName, status: 201, response: TeamOut }),
  rename: contract({
    method: 'PATCH',
    path: '/teams/:id',
    tags: ['teams'],
    summary: 'Rename a team',
    params: IdParams,
    body: TeamName,
    status: 200,
    response: TeamOut,
  }),
  remove: contract({
    method: 'DELETE',
    path: '/teams/:id',
    tags: ['teams'],
    summary: 'Delete a team (its records keep their owners)',
    params: IdParams,
    status: 204,
    response: null,
  }),
  addMember: contract({
    method: 'PUT',
    path: '/teams/:id/members/:userId',
    tags: ['teams'],
    summary: 'Add someone to a team',
    params: MemberParams,
    status: 200,
    response: TeamOut,
  }),
  removeMember: contract({
    method: 'DELETE',
    path: '/teams/:id/members/:userId',
    tags: ['teams'],
    summary: 'Take someone off a team',
    params: MemberParams,
    status: 200,
    response: TeamOut,
  }),
};
