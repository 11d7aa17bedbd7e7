/** A step of `kith demo` done: the records it made for the seed's people (or companies) numbered from `start`. */
export type DemoBatchTable = {
  workspace_id: string;
  seed: number;
  /** 'companies', 'contacts' (with their orders and interactions) or 'followups' (their deals and tasks). */
  kind: string;
  start: number;
  /** JSON array of the ids made, in the order of the demo's numbering. */
  ids: string;
  created_at: string;
};
