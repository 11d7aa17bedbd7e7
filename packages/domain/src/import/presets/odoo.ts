import type { ImportPreset } from '../preset.ts';

/**
 * Import presets: Odoo contacts (res.partner), as its export dialog writes them.
 *
 * Odoo writes one of two header rows. "I want to update data (import-compatible export)" writes the fields'
 * technical names (`id`, `name`, `parent_id`, `is_company` …) and always puts the record's external id first
 * (`__export__.res_partner_42_1a2b3c4d`, `base.res_partner_12`): that is `odoo-contacts`. Without it, Odoo
 * writes each field's label in the language of the user who exported: one preset per language, the language
 * in its id (`odoo-contacts-en`, `-vi`, `-fr`).
 *
 * A row Odoo marks as a company ("Is a Company" / "Là một công ty" / "Est une entreprise", or the Company
 * Type "Company") is not a person: it goes to `isCompany`, and the contacts import makes it a company (or
 * links the one of that name) instead of a contact — never a person named like a company. The people of
 * that company name it in "Related Company" and are linked to it.
 *
 * Odoo exports a boolean as True/False and a many2many (Tags) as names joined by commas. Its City line goes
 * to the district: in Vietnamese databases it holds the district or town (Quận 1, Thủ Đức) under a State that
 * is the province.
 */

const SOURCE_CODE =
  'Odoo web export controller (import-compatible export: technical field names, the external id `id` first); field names of res.partner in odoo/addons/base/models/res_partner.py';

/** Words Odoo writes in the company flag and the company-type columns, folded. */
const COMPANY_WORDS: Readonly<Record<string, string>> = {
  true: 'company',
  '1': 'company',
  company: 'company',
  'cong ty': 'company',
  societe: 'company',
  false: 'person',
  '0': 'person',
  person: 'person',
  individual: 'person',
  'ca nhan': 'person',
  particulier: 'person',
};

/** Why columns every language shares are left out. */
const WHY = {
  company_name: 'the free-text company name a website sign-up typed; Related Company is the company the contact belongs to',
  street2: 'the second address line; Kith keeps one address line per contact (the first)',
  zip: 'a postal code; Kith has no field for it (Vietnamese addresses are found by province, district and ward)',
  vat: 'a tax number belongs to a company; Kith keeps tax codes on companies, not on people',
  ref: 'Odoo’s internal reference; the external id is the key Kith matches on',
  lang: 'the language Odoo writes to the contact in',
  user_id: 'the Odoo salesperson; owners are reassigned in bulk in Kith after an import',
  company_id: 'the Odoo company (of a multi-company database) that owns the record, not the company the contact works for',
  website: 'a web address; Kith keeps websites on companies',
  title: 'a form of address (Mr., Madam) from Odoo’s own list',
  type: 'the address type (contact, invoice, delivery) of a child address',
  display_name: 'Odoo’s “Company, Person” line; the Name column holds the person’s own name',
  db_id: 'Odoo’s database row number; the external id is the key that survives a move',
};

export const ODOO_PRESETS: readonly ImportPreset[] = [
  {
    id: 'odoo-contacts',
    product: 'Odoo',
    kind: 'contacts',
    source: SOURCE_CODE,
    columns: {
      id: 'externalId',
      name: 'name',
      email: 'emails',
      phone: 'phones',
      mobile: 'phones',
      parent_id: 'company',
      company_name: { skip: WHY.company_name },
      function: 'jobTitle',
      street: 'addressLine',
      street2: { skip: WHY.street2 },
      city: 'district',
      state_id: 'province',
      zip: { skip: WHY.zip },
      country_id: 'country',
      category_id: 'tags',
      is_company: 'isCompany',
      company_type: 'isCompany',
      vat: { skip: WHY.vat },
      comment: 'notes',
      ref: { skip: WHY.ref },
      lang: { skip: WHY.lang },
      user_id: { skip: WHY.user_id },
      company_id: { skip: WHY.company_id },
      website: { skip: WHY.website },
      title: { skip: WHY.title },
      type: { skip: WHY.type },
      display_name: { skip: WHY.display_name },
      'parent_id/id': { skip: 'the related company’s external id; the parent_id column names it' },
      'category_id/id': { skip: 'the tags’ external ids; the category_id column names them' },
      'country_id/id': { skip: 'the country’s external id (base.vn); the country_id column names it' },
      'state_id/id': { skip: 'the state’s external id; the state_id column names it' },
    },
    signature: ['id', 'is_company', 'parent_id', 'category_id', 'function', 'street2', 'state_id', 'country_id', 'company_name', 'vat'],
    minSignature: 3,
    values: { isCompany: COMPANY_WORDS },
  },
  {
    id: 'odoo-contacts-en',
    product: 'Odoo (English labels)',
    kind: 'contacts',
    source: 'res.partner field labels (string=) in odoo/addons/base/models/res_partner.py; “External ID” is the export dialog’s label for the id column',
    columns: {
      'External ID': 'externalId',
      id: 'externalId',
      ID: { skip: WHY.db_id },
      Name: 'name',
      'Display Name': { skip: WHY.display_name },
      'Complete Name': { skip: WHY.display_name },
      Email: 'emails',
      Phone: 'phones',
      Mobile: 'phones',
      'Related Company': 'company',
      'Company Name': { skip: WHY.company_name },
      'Job Position': 'jobTitle',
      Street: 'addressLine',
      Street2: { skip: WHY.street2 },
      City: 'district',
      State: 'province',
      Zip: { skip: WHY.zip },
      Country: 'country',
      Tags: 'tags',
      'Is a Company': 'isCompany',
      'Company Type': 'isCompany',
      'Tax ID': { skip: WHY.vat },
      Notes: 'notes',
      Reference: { skip: WHY.ref },
      Language: { skip: WHY.lang },
      Salesperson: { skip: WHY.user_id },
      Company: { skip: WHY.company_id },
      'Website Link': { skip: WHY.website },
      Website: { skip: WHY.website },
      Title: { skip: WHY.title },
      'Address Type': { skip: WHY.type },
    },
    signature: ['Related Company', 'Job Position', 'Is a Company', 'Company Type', 'Street2', 'Company Name', 'Tax ID', 'Salesperson'],
    minSignature: 2,
    values: { isCompany: COMPANY_WORDS },
  },
  {
    id: 'odoo-contacts-vi',
    product: 'Odoo (nhãn tiếng Việt)',
    kind: 'contacts',
    source:
      'odoo/odoo odoo/addons/base/i18n/vi.po (Odoo 13.0, commit 0013e1f7): the msgstr of each res.partner field_description; Street and Street2 are both “Địa chỉ” there, so a file holds two “Địa chỉ” columns and the first is the street; “Là công ty” is the newer spelling of “Là một công ty”',
    columns: {
      id: 'externalId',
      'External ID': 'externalId',
      Tên: 'name',
      'Tên hiển thị': { skip: WHY.display_name },
      Email: 'emails',
      'Điện thoại': 'phones',
      'Di động': 'phones',
      'Công ty liên quan': 'company',
      'Tên công ty': { skip: WHY.company_name },
      'Chức vụ': 'jobTitle',
      'Địa chỉ': 'addressLine',
      'Thành phố': 'district',
      'Tỉnh/Thành Phố': 'province',
      'Quốc gia': 'country',
      'Từ khóa': 'tags',
      'Là một công ty': 'isCompany',
      'Là công ty': 'isCompany',
      'Loại công ty': 'isCompany',
      'Mã số thuế': { skip: WHY.vat },
      'Ghi chú': 'notes',
      Mã: { skip: WHY.ref },
      'Ngôn ngữ': { skip: WHY.lang },
      'Công ty': { skip: WHY.company_id },
    },
    signature: ['Công ty liên quan', 'Chức vụ', 'Là một công ty', 'Là công ty', 'Loại công ty', 'Từ khóa', 'Di động', 'Tỉnh/Thành Phố'],
    minSignature: 2,
    values: { isCompany: COMPANY_WORDS },
  },
  {
    id: 'odoo-contacts-fr',
    product: 'Odoo (libellés français)',
    kind: 'contacts',
    source:
      'odoo/odoo odoo/addons/base/i18n/fr.po (commit 00149988, Odoo 16/17): the msgstr of each res.partner field_description; “Pays”, “E-mail” and “Notes” are the usual French labels, not read from that file',
    columns: {
      id: 'externalId',
      'ID externe': 'externalId',
      'External ID': 'externalId',
      Nom: 'name',
      "Nom d'affichage": { skip: WHY.display_name },
      'E-mail': 'emails',
      Email: 'emails',
      Téléphone: 'phones',
      Mobile: 'phones',
      'Société associée': 'company',
      'Nom de la société': { skip: WHY.company_name },
      Poste: 'jobTitle',
      Rue: 'addressLine',
      'Rue 2': { skip: WHY.street2 },
      Ville: 'district',
      État: 'province',
      Pays: 'country',
      Étiquettes: 'tags',
      'Est une entreprise': 'isCompany',
      'Type de société': 'isCompany',
      'N° TVA': { skip: WHY.vat },
      Notes: 'notes',
      Référence: { skip: WHY.ref },
      Langue: { skip: WHY.lang },
      Vendeur: { skip: WHY.user_id },
      Société: { skip: WHY.company_id },
    },
    signature: ['Société associée', 'Poste', 'Est une entreprise', 'Type de société', 'Étiquettes', 'N° TVA', 'Rue 2', 'Nom de la société'],
    minSignature: 2,
    values: { isCompany: COMPANY_WORDS },
  },
];
