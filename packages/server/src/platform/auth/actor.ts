import type { Role } from '@kith/domain/permissions/permissions.ts';

/** Who is acting, in which workspace, with which role: every use case takes one. */
export type Actor = {
  userId: string;
  workspaceId: string;
  role: Role;
  /** Teams the user belongs to in this workspace (record scope for managers and agents). */
  teamIds: string[];
  via: 'session' | 'token' | 'cli';
  sessionId: string | null;
  tokenId: string | null;
  requestId: string | null;
  ip: string | null;
};

export function cliActor(a: Pick<Actor, 'userId' | 'workspaceId' | 'role' | 'teamIds'>): Actor {
  return { ...a, via: 'cli', sessionId: null, tokenId: null, requestId: null, ip: null };
}
