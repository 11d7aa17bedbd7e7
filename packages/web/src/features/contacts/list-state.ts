/** The state of a list screen — search, filters, sort, columns — as the API and saved views take it. */
export type ListFilter = { field: string; op: string; value: string };
export type ListState = { q: string; filters: ListFilter[]; sort: string | undefined; columns: string[] };

export function filterParams(filters: ListFilter[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of filters) out[`filter[${f.field}][${f.op}]`] = f.value;
  return out;
}

export function sameFilter(a: ListFilter, b: ListFilter): boolean {
  return a.field === b.field && a.op === b.op && a.value === b.value;
}
