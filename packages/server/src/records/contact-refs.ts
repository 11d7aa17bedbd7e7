/**
 * A table column that points at a contact (placeholder: the merge that re-points every such column is
 * being written at the same time; it replaces this file with the full type).
 */
export type ContactRef = { table: string; column: string };
