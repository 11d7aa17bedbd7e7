import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { segmentApi } from '@kith/domain/segments/segment.api.ts';
import { call } from '../../lib/api-call.ts';
import { provinceOptions } from '../../lib/provinces.ts';
import { useMembers } from '../../lib/workspace-data.ts';
import { useCategories } from '../orders/order-model.ts';
import { enumLabel, type EnumName } from '../../lib/enum-label.ts';

/** A field as the builder offers it: its label, group, operators and (for choices) its options. */
export type BuilderField = {
  name: string;
  label: string;
  group: 'value' | 'activity' | 'profile' | 'custom';
  type: string;
  ops: string[];
  options?: { value: string; label: string }[];
};

const VALUE_FIELDS = ['rfmSegment', 'valueTier', 'clv', 'pAlive', 'rfmR', 'rfmF', 'rfmM', 'recencyDays', 'purchaseDays', 'totalSpend'];
const ACTIVITY_FIELDS = ['purchasedCategory', 'lastInteractionAt', 'lifecycleStage'];
/** Ids the builder cannot offer a choice for (a company, a team, who created it): left to the API. */
const HIDDEN = new Set(['companyId', 'teamId', 'createdBy', 'externalId']);

/** The enum each enumerated field's values belong to (their names: @kith/domain/labels/enums.ts). */
const FIELD_ENUMS: Record<string, EnumName> = {
  lifecycleStage: 'lifecycleStage',
  rfmSegment: 'rfmSegment',
  valueTier: 'valueTier',
  gender: 'gender',
  incomeBand: 'incomeBand',
  education: 'education',
  maritalStatus: 'maritalStatus',
  source: 'contactSource',
  province: 'province',
  country: 'country',
};

/** Option labels of the enumerations, in the user's language. */
function useOptionLabels() {
  useTranslation(); // re-render when the language changes (enumLabel reads it)
  return (field: string, v: string): string => {
    const name = FIELD_ENUMS[field];
    return name ? enumLabel(name, v) : v;
  };
}

/** Every field a segment can use, labelled and grouped, with the choices of the enumerations, owners, provinces and categories. */
export function useBuilderFields(): { fields: BuilderField[]; ready: boolean } {
  const { t, i18n } = useTranslation();
  const q = useQuery({ queryKey: ['segments', 'fields'], queryFn: async () => (await call(segmentApi.fields)).data.data, staleTime: 60_000 });
  const members = useMembers();
  const categories = useCategories();
  const optionLabel = useOptionLabels();
  const fields: BuilderField[] = [];
  for (const f of q.data ?? []) {
    if (HIDDEN.has(f.name)) continue;
    const group = f.custom ? 'custom' : VALUE_FIELDS.includes(f.name) ? 'value' : ACTIVITY_FIELDS.includes(f.name) ? 'activity' : 'profile';
    const label = f.custom?.label ?? t(`contactFields.${f.name}`);
    let options: { value: string; label: string }[] | undefined;
    if (f.custom?.options) options = f.custom.options;
    else if (f.name === 'province') options = provinceOptions(i18n.language);
    else if (f.name === 'ownerId') options = (members.data ?? []).map((m) => ({ value: m.userId, label: m.name }));
    else if (f.name === 'purchasedCategory') options = (categories.data ?? []).map((c) => ({ value: c.id, label: c.name }));
    else if (f.values) options = f.values.map((v) => ({ value: v, label: optionLabel(f.name, v) }));
    fields.push({ name: f.name, label, group, type: f.type, ops: f.ops, ...(options ? { options } : {}) });
  }
  const order = { value: 0, activity: 1, profile: 2, custom: 3 };
  fields.sort(
    (a, b) =>
      order[a.group] - order[b.group] ||
      (a.group === 'value' ? VALUE_FIELDS.indexOf(a.name) - VALUE_FIELDS.indexOf(b.name) : a.label.localeCompare(b.label, i18n.language)),
  );
  return { fields, ready: q.isSuccess };
}
