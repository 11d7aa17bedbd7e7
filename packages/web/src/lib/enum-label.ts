import i18next from 'i18next';
import { enumLabel as nameIn, enumOptions as optionsIn, type EnumName, type EnumValue } from '@kith/domain/labels/enums.ts';

export type { EnumName, EnumValue };

/**
 * A stored code as the user reads it, in the app's language: the one way the web app shows an enumerated
 * value (contact source, gender, province, country, ticket status, permission …). The names live in one
 * table of the domain (`@kith/domain/labels/enums.ts`), shared with the server's exports and messages.
 */
export function enumLabel(name: EnumName, value: string | null | undefined): string {
  return nameIn(name, value, i18next.language);
}

/** An enum's values (or some of them) as the options of a select, named in the app's language. */
export function enumOptions<N extends EnumName>(name: N, values?: readonly EnumValue<N>[]): { value: EnumValue<N>; label: string }[] {
  return optionsIn(name, i18next.language, values);
}
