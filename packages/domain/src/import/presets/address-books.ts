import type { ImportPreset } from '../preset.ts';

/**
 * Import presets: Google Contacts (its current CSV and the older one it wrote until 2023), Outlook.
 *
 * An address book writes each phone, email and address as numbered pairs — a label ("Mobile", "Work", "* Home")
 * beside a value. Every value column goes in (several phones, several emails); every label column is left out. A
 * cell may hold several values joined by " ::: " (Google), which the importer splits. The organisation is the
 * person's company, never their name. One address per contact: the first (Google) or the home one (Outlook); its
 * province-level field ("Region", "State") is the province, its "City" is kept as the district.
 */

const LABEL = 'the label of the value beside it (Mobile, Work, * Home), not a value';
const PHONETIC = 'a pronunciation guide for the name, not the name';
const NAME_EXTRA = 'a part of how the name is written (prefix, suffix, nickname), not part of the Vietnamese name';
const FORMATTED_ADDRESS = 'the same address in one block; its street, city and region are in the columns beside it';
const SECOND_ADDRESS = 'a further address; Kith keeps one address per contact';
const POSTAL_CODE = 'Kith keeps no postal code (the province and the address line locate a Vietnamese address)';
const NO_FIELD = 'Kith keeps no such field for a person';
const BUSINESS_ADDRESS = 'the address of the person’s company; Kith keeps the person’s home address';

/** The numbered pairs a Google export writes, 1 to n: label (skipped) and value (to `field`, or skipped). */
function pairs(prefix: string, label: 'Label' | 'Type', n: number, value: string | { skip: string }): Record<string, string | { skip: string }> {
  const out: Record<string, string | { skip: string }> = {};
  for (let i = 1; i <= n; i++) {
    out[`${prefix} ${i} - ${label}`] = { skip: LABEL };
    out[`${prefix} ${i} - Value`] = value;
  }
  return out;
}

/** Google's address columns for address 1 (the one Kith keeps) and the further ones. */
function googleAddresses(label: 'Label' | 'Type', n: number): Record<string, string | { skip: string }> {
  const out: Record<string, string | { skip: string }> = {};
  for (let i = 1; i <= n; i++) {
    const first = i === 1;
    const keep = (field: string): string | { skip: string } => (first ? field : { skip: SECOND_ADDRESS });
    out[`Address ${i} - ${label}`] = { skip: LABEL };
    out[`Address ${i} - Formatted`] = { skip: first ? FORMATTED_ADDRESS : SECOND_ADDRESS };
    out[`Address ${i} - Street`] = keep('addressLine');
    out[`Address ${i} - City`] = keep('district');
    out[`Address ${i} - PO Box`] = { skip: first ? 'a post-office box, not where the person lives' : SECOND_ADDRESS };
    out[`Address ${i} - Region`] = keep('province');
    out[`Address ${i} - Postal Code`] = { skip: first ? POSTAL_CODE : SECOND_ADDRESS };
    out[`Address ${i} - Country`] = keep('country');
    out[`Address ${i} - Extended Address`] = { skip: first ? 'a second street line (building, floor); Kith keeps one address line' : SECOND_ADDRESS };
  }
  return out;
}

/** Google exports as many numbered columns as the contact with most of them has; these cover real address books. */
const PHONES = 6;
const EMAILS = 4;

const googleContacts: ImportPreset = {
  id: 'google-contacts',
  product: 'Google Contacts',
  kind: 'contacts',
  source:
    'contacts.google.com › Export › Google CSV (the layout written since 2023): First Name … Labels, then numbered E-mail/Phone/Address/Website/Relation/Event/Custom Field pairs — support.google.com/contacts/answer/1069522 and sample exports',
  columns: {
    'First Name': 'givenName',
    'Middle Name': 'middleName',
    'Last Name': 'familyName',
    'Phonetic First Name': { skip: PHONETIC },
    'Phonetic Middle Name': { skip: PHONETIC },
    'Phonetic Last Name': { skip: PHONETIC },
    'Name Prefix': { skip: NAME_EXTRA },
    'Name Suffix': { skip: NAME_EXTRA },
    Nickname: { skip: NAME_EXTRA },
    'File As': { skip: 'how Google sorts the contact; the name is in its parts' },
    'Organization Name': 'company',
    'Organization Title': 'jobTitle',
    'Organization Department': { skip: 'a department of the person’s company; Kith keeps the job title' },
    Birthday: 'birthday',
    Notes: 'notes',
    Photo: { skip: 'a Google address of the contact’s photo' },
    Labels: 'tags',
    ...pairs('E-mail', 'Label', EMAILS, 'emails'),
    ...pairs('Phone', 'Label', PHONES, 'phones'),
    ...googleAddresses('Label', 3),
    ...pairs('Website', 'Label', 3, { skip: 'a web address; Kith keeps no website for a person' }),
    ...pairs('Relation', 'Label', 3, { skip: 'another person (spouse, child), not this one' }),
    ...pairs('Event', 'Label', 3, { skip: 'an anniversary or other date; the birthday has its own column' }),
    ...pairs('Custom Field', 'Label', 3, { skip: 'custom fields are mapped one by one as custom.<key>' }),
    ...pairs('IM', 'Label', 2, { skip: 'a chat handle; Kith keeps the phone numbers Zalo and others are reached on' }),
  },
  // Headers of the current layout only: the older one writes "Given Name", "… - Type", "Organization 1 - Name".
  signature: ['Phonetic First Name', 'File As', 'Organization Name', 'Organization Title', 'Labels', 'E-mail 1 - Label', 'Phone 1 - Label'],
  minSignature: 2,
  // Google writes birthdays ISO ("1990-05-17") or without the year ("--12-03"): no order to choose.
};

const googleContactsLegacy: ImportPreset = {
  id: 'google-contacts-legacy',
  product: 'Google Contacts (older export)',
  kind: 'contacts',
  source:
    'The Google CSV of Gmail’s contacts manager and Google Contacts until 2023: Name, Given Name, Additional Name, Family Name, Yomi Name … Group Membership, numbered "- Type"/"- Value" pairs, Organization 1 - … — sample exports and the import tools that read them',
  columns: {
    Name: {
      skip: 'the display name Google composed from the parts beside it, in the account’s name order (given name first by default); Kith composes it from the parts, family name first',
    },
    'Given Name': 'givenName',
    'Additional Name': 'middleName',
    'Family Name': 'familyName',
    'Yomi Name': { skip: PHONETIC },
    'Given Name Yomi': { skip: PHONETIC },
    'Additional Name Yomi': { skip: PHONETIC },
    'Family Name Yomi': { skip: PHONETIC },
    'Name Prefix': { skip: NAME_EXTRA },
    'Name Suffix': { skip: NAME_EXTRA },
    Initials: { skip: NAME_EXTRA },
    Nickname: { skip: NAME_EXTRA },
    'Short Name': { skip: NAME_EXTRA },
    'Maiden Name': { skip: 'a former family name, not the current one' },
    Birthday: 'birthday',
    Gender: 'gender',
    Location: { skip: 'free text Google kept beside the address; the address columns hold it' },
    'Billing Information': { skip: NO_FIELD },
    'Directory Server': { skip: NO_FIELD },
    Mileage: { skip: NO_FIELD },
    Occupation: 'occupation',
    Hobby: 'interests',
    Sensitivity: { skip: 'an Outlook privacy flag Google carried over' },
    Priority: { skip: 'an Outlook flag Google carried over' },
    Subject: { skip: NO_FIELD },
    Notes: 'notes',
    Language: { skip: 'Kith keeps no language per contact' },
    Photo: { skip: 'a Google address of the contact’s photo' },
    'Group Membership': 'tags',
    ...pairs('E-mail', 'Type', EMAILS, 'emails'),
    ...pairs('IM', 'Type', 2, { skip: 'a chat handle; Kith keeps the phone numbers Zalo and others are reached on' }),
    'IM 1 - Service': { skip: 'the chat service of the handle beside it' },
    'IM 2 - Service': { skip: 'the chat service of the handle beside it' },
    ...pairs('Phone', 'Type', PHONES, 'phones'),
    ...googleAddresses('Type', 3),
    'Organization 1 - Type': { skip: LABEL },
    'Organization 1 - Name': 'company',
    'Organization 1 - Yomi Name': { skip: PHONETIC },
    'Organization 1 - Title': 'jobTitle',
    'Organization 1 - Department': { skip: 'a department of the person’s company; Kith keeps the job title' },
    'Organization 1 - Symbol': { skip: 'the company’s stock symbol' },
    'Organization 1 - Location': { skip: 'where the company is, not the person' },
    'Organization 1 - Job Description': { skip: 'a description of the job; Kith keeps the job title' },
    ...pairs('Website', 'Type', 3, { skip: 'a web address; Kith keeps no website for a person' }),
    ...pairs('Relation', 'Type', 3, { skip: 'another person (spouse, child), not this one' }),
    ...pairs('Event', 'Type', 3, { skip: 'an anniversary or other date; the birthday has its own column' }),
    ...pairs('Custom Field', 'Type', 3, { skip: 'custom fields are mapped one by one as custom.<key>' }),
  },
  // Headers of the older layout only.
  signature: ['Given Name', 'Additional Name', 'Family Name', 'Yomi Name', 'Group Membership', 'E-mail 1 - Type', 'Phone 1 - Type', 'Organization 1 - Name'],
  minSignature: 2,
};

/** Outlook's phone columns: the person's own numbers go in; a fax, a pager, a telex or the company's switchboard do not. */
const OUTLOOK_PHONES: Record<string, string | { skip: string }> = {
  "Assistant's Phone": { skip: 'the assistant’s, not the person’s' },
  'Business Fax': { skip: 'a fax number: Kith keeps the numbers a person is called or messaged on' },
  'Business Phone': 'phones',
  'Business Phone 2': 'phones',
  Callback: 'phones',
  'Car Phone': 'phones',
  'Company Main Phone': {
    skip: 'the company’s switchboard, shared by everyone who works there: as a phone it would make colleagues one person',
  },
  'Home Fax': { skip: 'a fax number: Kith keeps the numbers a person is called or messaged on' },
  'Home Phone': 'phones',
  'Home Phone 2': 'phones',
  ISDN: { skip: 'a data line, not a number a person answers' },
  'Mobile Phone': 'phones',
  'Other Fax': { skip: 'a fax number: Kith keeps the numbers a person is called or messaged on' },
  'Other Phone': 'phones',
  Pager: { skip: 'a pager, not a number a person answers' },
  'Primary Phone': 'phones',
  'Radio Phone': 'phones',
  'TTY/TDD Phone': 'phones',
  Telex: { skip: 'a telex address, not a phone number' },
};

const outlook: ImportPreset = {
  id: 'outlook',
  product: 'Outlook',
  kind: 'contacts',
  source:
    'Outlook (Windows) › File › Open & Export › Import/Export › Export to a file › Comma Separated Values — support.microsoft.com "Create or edit .csv files to import into Outlook"; also the "Outlook CSV" Outlook.com, Windows Live Mail and Google write (First Name, Middle Name, Last Name, Title, Suffix, Initials, Web Page …)',
  columns: {
    Title: { skip: 'the form of address (Mr., Ms., Dr.), not a job title: Job Title is that' },
    'First Name': 'givenName',
    'Middle Name': 'middleName',
    'Last Name': 'familyName',
    Suffix: { skip: NAME_EXTRA },
    Nickname: { skip: NAME_EXTRA },
    Initials: { skip: NAME_EXTRA },
    'Given Yomi': { skip: PHONETIC },
    'Surname Yomi': { skip: PHONETIC },
    Company: 'company',
    'Company Yomi': { skip: PHONETIC },
    Department: { skip: 'a department of the person’s company; Kith keeps the job title' },
    'Job Title': 'jobTitle',
    'Business Address': { skip: BUSINESS_ADDRESS },
    'Business Street': { skip: BUSINESS_ADDRESS },
    'Business Street 2': { skip: BUSINESS_ADDRESS },
    'Business Street 3': { skip: BUSINESS_ADDRESS },
    'Business City': { skip: BUSINESS_ADDRESS },
    'Business State': { skip: BUSINESS_ADDRESS },
    'Business Postal Code': { skip: BUSINESS_ADDRESS },
    'Business Country/Region': { skip: BUSINESS_ADDRESS },
    'Business Country': { skip: BUSINESS_ADDRESS },
    'Business Address PO Box': { skip: BUSINESS_ADDRESS },
    'Home Address': { skip: FORMATTED_ADDRESS },
    'Home Street': 'addressLine',
    'Home Street 2': { skip: 'a second street line; Kith keeps one address line' },
    'Home Street 3': { skip: 'a third street line; Kith keeps one address line' },
    'Home City': 'district',
    'Home State': 'province',
    'Home Postal Code': { skip: POSTAL_CODE },
    'Home Country/Region': 'country',
    // The same column in the Outlook CSV of Outlook.com, Windows Live Mail and Google.
    'Home Country': 'country',
    'Home Address PO Box': { skip: 'a post-office box, not where the person lives' },
    'Other Address': { skip: SECOND_ADDRESS },
    'Other Street': { skip: SECOND_ADDRESS },
    'Other Street 2': { skip: SECOND_ADDRESS },
    'Other Street 3': { skip: SECOND_ADDRESS },
    'Other City': { skip: SECOND_ADDRESS },
    'Other State': { skip: SECOND_ADDRESS },
    'Other Postal Code': { skip: SECOND_ADDRESS },
    'Other Country/Region': { skip: SECOND_ADDRESS },
    'Other Country': { skip: SECOND_ADDRESS },
    'Other Address PO Box': { skip: SECOND_ADDRESS },
    ...OUTLOOK_PHONES,
    Account: { skip: 'free text Outlook keeps as an account number, not a company or a person' },
    Anniversary: { skip: 'a wedding anniversary; the birthday has its own column' },
    "Assistant's Name": { skip: 'the name of the person’s assistant, never the person’s' },
    'Billing Information': { skip: NO_FIELD },
    Birthday: 'birthday',
    Categories: 'tags',
    Children: { skip: 'other people (the children), not this one' },
    'Directory Server': { skip: NO_FIELD },
    'E-mail Address': 'emails',
    'E-mail Type': { skip: 'the kind of address beside it (SMTP, EX), not an address' },
    'E-mail Display Name': { skip: 'how the address beside it is shown ("Name (address)"); never the person’s name' },
    'E-mail 2 Address': 'emails',
    'E-mail 2 Type': { skip: 'the kind of address beside it (SMTP, EX), not an address' },
    'E-mail 2 Display Name': { skip: 'how the address beside it is shown ("Name (address)"); never the person’s name' },
    'E-mail 3 Address': 'emails',
    'E-mail 3 Type': { skip: 'the kind of address beside it (SMTP, EX), not an address' },
    'E-mail 3 Display Name': { skip: 'how the address beside it is shown ("Name (address)"); never the person’s name' },
    Gender: {
      skip: 'Outlook writes "Unspecified" for everyone who never set it; Kith’s gender has no such value, and "other" would be wrong',
    },
    'Government ID Number': { skip: 'an identity-document number: Kith does not keep one from a file' },
    Hobby: 'interests',
    'Internet Free Busy': { skip: 'a calendar address' },
    Keywords: { skip: 'Outlook’s free-text keywords; Categories are the contact’s groups' },
    Language: { skip: 'Kith keeps no language per contact' },
    Location: { skip: 'free text Outlook keeps beside the address; the address columns hold it' },
    "Manager's Name": { skip: 'another person (the manager), never this one' },
    Mileage: { skip: NO_FIELD },
    Notes: 'notes',
    'Office Location': { skip: 'where in the company’s building, not where the person lives' },
    'Organizational ID Number': { skip: 'an employee number at the person’s company' },
    Priority: { skip: 'an Outlook flag (Normal, High)' },
    Private: { skip: 'an Outlook flag (True, False)' },
    Profession: 'occupation',
    'Referred By': { skip: 'the name of whoever referred the person, never the person’s' },
    Sensitivity: { skip: 'an Outlook privacy flag (Normal, Private)' },
    Spouse: { skip: 'another person (the spouse), never this one' },
    'User 1': { skip: 'a free field of the Outlook user; map it as custom.<key> if it holds something' },
    'User 2': { skip: 'a free field of the Outlook user; map it as custom.<key> if it holds something' },
    'User 3': { skip: 'a free field of the Outlook user; map it as custom.<key> if it holds something' },
    'User 4': { skip: 'a free field of the Outlook user; map it as custom.<key> if it holds something' },
    'Web Page': { skip: 'a web address; Kith keeps no website for a person' },
    'Personal Web Page': { skip: 'a web address; Kith keeps no website for a person' },
    Schools: { skip: NO_FIELD },
    IMAddress: { skip: 'a chat handle; Kith keeps the phone numbers Zalo and others are reached on' },
  },
  // Outlook's own headers, in its desktop and its web ("Outlook CSV") layouts alike; headers any list may have
  // (Mobile Phone, Job Title, Categories) say nothing, and a file taken for Outlook's would read its dates month first.
  signature: [
    'E-mail Address',
    'E-mail Type',
    'E-mail Display Name',
    'E-mail 2 Address',
    'Business Phone',
    'Car Phone',
    'Company Main Phone',
    'TTY/TDD Phone',
    'Home Street',
    'Business Street',
    'Internet Free Busy',
    'Web Page',
  ],
  minSignature: 3,
  // Outlook writes dates in the Windows short-date format: under the US settings it is exported with by default,
  // M/D/YYYY (5/17/1990), and "0/0/00" where there is none. A file from a day-first Windows shows itself (a day above 12).
  dateOrder: 'mdy',
};

export const ADDRESS_BOOK_PRESETS: readonly ImportPreset[] = [googleContacts, googleContactsLegacy, outlook];
