/** A migration failed (its name and cause in the message): its own module, so the CLI can tell it apart without loading every migration. */
export class MigrationError extends Error {
  override name = 'MigrationError';
}
