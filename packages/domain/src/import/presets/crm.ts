import type { ImportPreset } from '../preset.ts';

/**
 * Import presets: HubSpot, Salesforce (a report's labels and a data export's API names), Zoho CRM.
 *
 * Shared choices, so the three read alike:
 * - A CRM's own id becomes the contact's external id (a second import of the same export updates, never duplicates).
 * - The company a person works for goes to `company` — linked by its name, created when the workspace has none — and
 *   never to the person's name, whatever the name looks like.
 * - A single address per contact: the mailing (or only) one. A CRM's province-level field ("State/Region",
 *   "Mailing State/Province") is the province; its "City" is kept as the district, where a Vietnamese city under a
 *   province (Biên Hòa, Thủ Đức) or a district of Hà Nội belongs.
 * - Compound full names a CRM writes beside the parts are left out: they are in western order ("Văn An Nguyễn");
 *   Kith composes the name from the parts, family name first.
 * - Owners, ids of other records, system dates other than the creation date, opt-outs and scores are the CRM's own
 *   bookkeeping and are left out with their reason.
 */

const CRM_OWNER = 'a user of the CRM it came from; the importer owns what it creates and reassigns owners in bulk';
const FAX = 'a fax number: Kith keeps the numbers a person is called or messaged on';
const POSTAL_CODE = 'Kith keeps no postal code (the province and the address line locate a Vietnamese address)';
const SECOND_ADDRESS = 'a second address; Kith keeps one address per contact, the mailing one';
const SYSTEM_DATE = 'a date the CRM keeps about its own record (last change, last activity), not about the person';
const ASSISTANT = 'the assistant’s, not the person’s';
const OPT_OUT = 'consent is recorded with its source when it is given, never asserted by a file';
const FULL_NAME = 'the CRM’s compound of the first and last name in western order; Kith composes the name from the parts, family name first';

/**
 * HubSpot's lifecycle stages (internal values and the labels its exports write) in Kith's stages: HubSpot's funnel up
 * to an opportunity is still someone who has not bought (lead → prospect); a customer has bought; an evangelist
 * recommends the business (loyal). "Other" is a contact HubSpot places nowhere — Kith's first stage, as a new contact.
 */
const HUBSPOT_LIFECYCLE: Record<string, string> = {
  subscriber: 'lead',
  lead: 'lead',
  marketingqualifiedlead: 'prospect',
  'marketing qualified lead': 'prospect',
  salesqualifiedlead: 'prospect',
  'sales qualified lead': 'prospect',
  opportunity: 'prospect',
  customer: 'new_customer',
  evangelist: 'loyal',
  other: 'lead',
};

/**
 * HubSpot's Original Source (internal values and labels) where Kith has the same source: search, direct visits and
 * links from other sites all arrived on the website; paid search in Vietnam is Google's. Social, email and offline
 * sources do not say which channel (Facebook? Zalo?) and stay as HubSpot wrote them.
 */
const HUBSPOT_SOURCE: Record<string, string> = {
  'organic search': 'website',
  'direct traffic': 'website',
  referrals: 'website',
  'paid search': 'google_ads',
};

/** Salesforce's Lead Source picklist (the default values, and those of older orgs) in Kith's sources. */
const SALESFORCE_SOURCE: Record<string, string> = {
  web: 'website',
  'partner referral': 'referral',
  'employee referral': 'referral',
  'external referral': 'referral',
  'word of mouth': 'referral',
  'trade show': 'event',
  'seminar internal': 'event',
  'seminar partner': 'event',
};

/** Zoho CRM's Lead Source picklist in Kith's sources (Cold Call, Chat, Partner … say nothing Kith distinguishes). */
const ZOHO_SOURCE: Record<string, string> = {
  'employee referral': 'referral',
  'external referral': 'referral',
  'trade show': 'event',
  'seminar partner': 'event',
  'internal seminar': 'event',
  'online store': 'website',
  'web download': 'website',
  facebook: 'facebook',
};

const hubspot: ImportPreset = {
  id: 'hubspot-contacts',
  product: 'HubSpot',
  kind: 'contacts',
  source:
    'HubSpot › Contacts › Export (a view, "include all properties" or not): the default contact properties under their labels — knowledge.hubspot.com "HubSpot’s default contact properties"; lifecycle stage internal values from its properties API',
  columns: {
    'Record ID': 'externalId',
    'First Name': 'givenName',
    'Last Name': 'familyName',
    Salutation: { skip: 'a form of address (Mr., Ms.), not part of the name' },
    Email: 'emails',
    'Phone Number': 'phones',
    'Mobile Phone Number': 'phones',
    'WhatsApp Phone Number': 'phones',
    'Fax Number': { skip: FAX },
    'Contact owner': { skip: CRM_OWNER },
    'HubSpot Team': { skip: 'a team of the CRM it came from; teams are assigned in bulk after an import' },
    'Lifecycle Stage': 'lifecycleStage',
    'Lead Status': { skip: 'HubSpot’s sales-activity status (New, Open, Attempted to contact …), not where the person stands as a customer' },
    'Marketing contact status': { skip: 'HubSpot’s billing flag for marketing emails, not consent' },
    'Create Date': 'createdAt',
    'Last Activity Date': { skip: SYSTEM_DATE },
    'Last Modified Date': { skip: SYSTEM_DATE },
    'Last Contacted': { skip: SYSTEM_DATE },
    'Company Name': 'company',
    'Associated Company': {
      skip: 'the names of the company records the contact is associated with (several joined by ";"); Company Name is the contact’s own company',
    },
    'Associated Company IDs': { skip: 'ids of HubSpot company records' },
    'Primary Associated Company ID': { skip: 'the id of a HubSpot company record' },
    'Associated Deals': { skip: 'HubSpot deals; deals are not imported with contacts' },
    'Number of Associated Deals': { skip: 'a HubSpot figure about its deals' },
    'Job Title': 'jobTitle',
    Industry: { skip: 'the company’s industry, not the person’s' },
    'Annual Revenue': { skip: 'the company’s revenue, not the person’s' },
    'Number of Employees': { skip: 'the company’s size, not the person’s' },
    'Street Address': 'addressLine',
    City: 'district',
    'State/Region': 'province',
    'Postal Code': { skip: POSTAL_CODE },
    'Country/Region': 'country',
    'Date of birth': 'birthday',
    'Website URL': { skip: 'a web address; Kith keeps no website for a person' },
    'Email Domain': { skip: 'the domain of the email address, derived by HubSpot; never a name or a company' },
    'Original Source': 'source',
    'Original Source Drill-Down 1': { skip: 'the detail of the source (a campaign, a referring site), not a source' },
    'Original Source Drill-Down 2': { skip: 'the detail of the source (a campaign, a referring site), not a source' },
    'Latest Source': { skip: 'the last visit’s source; Original Source beside it is where the person came from' },
    Message: { skip: 'the text of the last form the contact sent, not a note about them' },
    'Preferred language': { skip: 'Kith keeps no language per contact' },
    'Time Zone': { skip: 'Kith keeps no time zone per contact' },
    'IP Country': { skip: 'a country guessed from an IP address; Country/Region is the one the person gave' },
    'HubSpot Score': { skip: 'HubSpot’s lead score; Kith computes its own models (docs/models.md)' },
    'Total Revenue': { skip: 'a HubSpot figure from its deals; Kith computes revenue from orders' },
    'Recent Deal Amount': { skip: 'a HubSpot figure from its deals' },
    'Recent Deal Close Date': { skip: 'a HubSpot date from its deals' },
    'Became a Subscriber Date': { skip: 'a lifecycle date of HubSpot’s funnel' },
    'Became a Lead Date': { skip: 'a lifecycle date of HubSpot’s funnel' },
    'Became a Marketing Qualified Lead Date': { skip: 'a lifecycle date of HubSpot’s funnel' },
    'Became a Sales Qualified Lead Date': { skip: 'a lifecycle date of HubSpot’s funnel' },
    'Became an Opportunity Date': { skip: 'a lifecycle date of HubSpot’s funnel' },
    'Became a Customer Date': { skip: 'a lifecycle date of HubSpot’s funnel' },
    'Became an Evangelist Date': { skip: 'a lifecycle date of HubSpot’s funnel' },
    'Unsubscribed from all email': { skip: OPT_OUT },
  },
  // Headers only HubSpot writes; a trimmed view export still has two of them.
  signature: [
    'Create Date',
    'Lifecycle Stage',
    'Lead Status',
    'Marketing contact status',
    'Last Activity Date',
    'Primary Associated Company ID',
    'Associated Company IDs',
    'Mobile Phone Number',
    'State/Region',
    'Original Source',
    'Email Domain',
  ],
  minSignature: 2,
  values: { lifecycleStage: HUBSPOT_LIFECYCLE, source: HUBSPOT_SOURCE },
};

const salesforceReport: ImportPreset = {
  id: 'salesforce-contacts-report',
  product: 'Salesforce',
  kind: 'contacts',
  source:
    'Salesforce › Reports › Contacts & Accounts, Export › Details Only (.csv): the Contact fields under their labels — Salesforce Object Reference, Contact (field labels)',
  columns: {
    'Contact ID': 'externalId',
    'Account ID': { skip: 'the Salesforce id of the account; Account Name beside it is the company' },
    'Contact Owner': { skip: CRM_OWNER },
    'Account Owner': { skip: CRM_OWNER },
    Salutation: { skip: 'a form of address (Mr., Ms.), not part of the name' },
    'First Name': 'givenName',
    'Middle Name': 'middleName',
    'Last Name': 'familyName',
    Suffix: { skip: 'a name suffix (Jr., III), not used in Vietnamese names' },
    'Full Name': { skip: FULL_NAME },
    Title: 'jobTitle',
    Department: { skip: 'a department of the person’s company; Kith keeps the job title' },
    'Account Name': 'company',
    'Mailing Street': 'addressLine',
    'Mailing City': 'district',
    'Mailing State/Province': 'province',
    'Mailing Zip/Postal Code': { skip: POSTAL_CODE },
    'Mailing Country': 'country',
    'Other Street': { skip: SECOND_ADDRESS },
    'Other City': { skip: SECOND_ADDRESS },
    'Other State/Province': { skip: SECOND_ADDRESS },
    'Other Zip/Postal Code': { skip: SECOND_ADDRESS },
    'Other Country': { skip: SECOND_ADDRESS },
    Phone: 'phones',
    Mobile: 'phones',
    'Home Phone': 'phones',
    'Other Phone': 'phones',
    Fax: { skip: FAX },
    Assistant: { skip: 'the name of the person’s assistant, never the person’s' },
    'Asst. Phone': { skip: ASSISTANT },
    Email: 'emails',
    'Email Opt Out': { skip: OPT_OUT },
    'Fax Opt Out': { skip: OPT_OUT },
    'Do Not Call': { skip: OPT_OUT },
    'Lead Source': 'source',
    Birthdate: 'birthday',
    Description: 'notes',
    'Reports To': { skip: 'another contact (the person’s manager), not this one' },
    'Created Date': 'createdAt',
    'Created By': { skip: CRM_OWNER },
    'Last Modified Date': { skip: SYSTEM_DATE },
    'Last Modified By': { skip: CRM_OWNER },
    'Last Activity': { skip: SYSTEM_DATE },
    'Last Stay-in-Touch Request Date': { skip: SYSTEM_DATE },
    'Last Stay-in-Touch Save Date': { skip: SYSTEM_DATE },
    'Email Bounced Reason': { skip: 'Salesforce’s mail delivery bookkeeping' },
    'Email Bounced Date': { skip: 'Salesforce’s mail delivery bookkeeping' },
  },
  // Salesforce's labels; three of them, since "Birthdate" or "Created Date" alone could be anyone's and a file taken
  // for a Salesforce report reads its dates month first. (Zoho shares "Mailing Street", "Account Name" …; its own
  // preset knows more of a Zoho file's columns and wins it.)
  signature: [
    'Contact ID',
    'Account ID',
    'Mailing Street',
    'Mailing City',
    'Mailing State/Province',
    'Mailing Zip/Postal Code',
    'Mailing Country',
    'Account Name',
    'Contact Owner',
    'Asst. Phone',
    'Birthdate',
    'Created Date',
  ],
  minSignature: 3,
  // A report's CSV writes dates in the exporting user's locale; its labels are in the user's language, so a report
  // with English labels comes, unless the file shows otherwise (a day above 12), from Salesforce's default English
  // locale, en_US: M/D/YYYY ("5/17/1990", "1/5/2024, 3:04 PM").
  dateOrder: 'mdy',
  values: { source: SALESFORCE_SOURCE },
};

const salesforceApi: ImportPreset = {
  id: 'salesforce-contacts-api',
  product: 'Salesforce',
  kind: 'contacts',
  source:
    'Salesforce › Setup › Data Export (Contact.csv), Data Loader or Workbench: the Contact object’s fields under their API names — Salesforce Object Reference, Contact',
  columns: {
    Id: 'externalId',
    IsDeleted: { skip: 'Salesforce’s recycle-bin flag' },
    MasterRecordId: { skip: 'the id of the record this one was merged into, in Salesforce' },
    AccountId: { skip: 'the Salesforce id of the account, not its name (a Data Loader export with Account.Name gives the name)' },
    'Account.Name': 'company',
    LastName: 'familyName',
    FirstName: 'givenName',
    MiddleName: 'middleName',
    Salutation: { skip: 'a form of address (Mr., Ms.), not part of the name' },
    Suffix: { skip: 'a name suffix (Jr., III), not used in Vietnamese names' },
    Name: { skip: FULL_NAME },
    OtherStreet: { skip: SECOND_ADDRESS },
    OtherCity: { skip: SECOND_ADDRESS },
    OtherState: { skip: SECOND_ADDRESS },
    OtherPostalCode: { skip: SECOND_ADDRESS },
    OtherCountry: { skip: SECOND_ADDRESS },
    OtherStateCode: { skip: SECOND_ADDRESS },
    OtherCountryCode: { skip: SECOND_ADDRESS },
    OtherLatitude: { skip: SECOND_ADDRESS },
    OtherLongitude: { skip: SECOND_ADDRESS },
    OtherGeocodeAccuracy: { skip: SECOND_ADDRESS },
    MailingStreet: 'addressLine',
    MailingCity: 'district',
    MailingState: 'province',
    MailingStateCode: { skip: 'the code of MailingState beside it (state and country picklists)' },
    MailingPostalCode: { skip: POSTAL_CODE },
    MailingCountry: 'country',
    MailingCountryCode: { skip: 'the ISO code of MailingCountry beside it (state and country picklists)' },
    MailingLatitude: { skip: 'a geocode Salesforce computed from the address' },
    MailingLongitude: { skip: 'a geocode Salesforce computed from the address' },
    MailingGeocodeAccuracy: { skip: 'a geocode Salesforce computed from the address' },
    Phone: 'phones',
    Fax: { skip: FAX },
    MobilePhone: 'phones',
    HomePhone: 'phones',
    OtherPhone: 'phones',
    AssistantPhone: { skip: ASSISTANT },
    ReportsToId: { skip: 'another contact (the person’s manager), not this one' },
    Email: 'emails',
    Title: 'jobTitle',
    Department: { skip: 'a department of the person’s company; Kith keeps the job title' },
    AssistantName: { skip: 'the name of the person’s assistant, never the person’s' },
    LeadSource: 'source',
    Birthdate: 'birthday',
    Description: 'notes',
    OwnerId: { skip: CRM_OWNER },
    HasOptedOutOfEmail: { skip: OPT_OUT },
    HasOptedOutOfFax: { skip: OPT_OUT },
    DoNotCall: { skip: OPT_OUT },
    CreatedDate: 'createdAt',
    CreatedById: { skip: CRM_OWNER },
    LastModifiedDate: { skip: SYSTEM_DATE },
    LastModifiedById: { skip: CRM_OWNER },
    SystemModstamp: { skip: SYSTEM_DATE },
    LastActivityDate: { skip: SYSTEM_DATE },
    LastCURequestDate: { skip: SYSTEM_DATE },
    LastCUUpdateDate: { skip: SYSTEM_DATE },
    LastViewedDate: { skip: SYSTEM_DATE },
    LastReferencedDate: { skip: SYSTEM_DATE },
    EmailBouncedReason: { skip: 'Salesforce’s mail delivery bookkeeping' },
    EmailBouncedDate: { skip: 'Salesforce’s mail delivery bookkeeping' },
    IsEmailBounced: { skip: 'Salesforce’s mail delivery bookkeeping' },
    PhotoUrl: { skip: 'a Salesforce-relative address of a photo' },
    Jigsaw: { skip: 'Data.com’s key for the record' },
    JigsawContactId: { skip: 'Data.com’s key for the record' },
    CleanStatus: { skip: 'Data.com’s clean status' },
    IndividualId: { skip: 'the id of Salesforce’s data-privacy record' },
    Pronouns: { skip: 'Kith keeps no pronouns' },
    GenderIdentity: { skip: 'Salesforce’s open gender identity list does not map to Kith’s gender without guessing' },
    ContactSource: { skip: 'how the record was created in Salesforce, not where the person came from (LeadSource)' },
    IsPriorityRecord: { skip: 'a Salesforce flag' },
  },
  // API names: no other product writes headers without spaces like these.
  signature: ['FirstName', 'LastName', 'MobilePhone', 'AccountId', 'MailingStreet', 'MailingCity', 'MailingCountry', 'IsDeleted', 'OwnerId', 'CreatedDate'],
  minSignature: 3,
  // Data Export, Data Loader and the API write ISO dates (1990-05-17, 2024-01-05T03:04:05.000Z): no order to choose.
  values: { source: SALESFORCE_SOURCE },
};

const zoho: ImportPreset = {
  id: 'zoho-crm-contacts',
  product: 'Zoho CRM',
  kind: 'contacts',
  source:
    'Zoho CRM › Contacts › Export (or Setup › Data Administration › Export): the Contacts module’s standard fields under their labels — Zoho CRM help, "Standard fields: Contacts"',
  columns: {
    'Record Id': 'externalId',
    'Contact Owner': { skip: CRM_OWNER },
    'Contact Owner.id': { skip: CRM_OWNER },
    'Lead Source': 'source',
    Salutation: { skip: 'a form of address (Mr., Ms.), not part of the name' },
    'First Name': 'givenName',
    'Last Name': 'familyName',
    'Full Name': { skip: FULL_NAME },
    'Account Name': 'company',
    'Account Name.id': { skip: 'the Zoho id of the account; Account Name is the company' },
    'Vendor Name': { skip: 'a supplier in Zoho’s inventory, not the person’s company' },
    'Vendor Name.id': { skip: 'the Zoho id of a supplier' },
    Email: 'emails',
    'Secondary Email': 'emails',
    Title: 'jobTitle',
    Department: { skip: 'a department of the person’s company; Kith keeps the job title' },
    Phone: 'phones',
    'Home Phone': 'phones',
    'Other Phone': 'phones',
    Mobile: 'phones',
    Fax: { skip: FAX },
    Assistant: { skip: 'the name of the person’s assistant, never the person’s' },
    'Asst Phone': { skip: ASSISTANT },
    'Date of Birth': 'birthday',
    'Reports To': { skip: 'another contact (the person’s manager), not this one' },
    'Reports To.id': { skip: 'the Zoho id of another contact' },
    'Email Opt Out': { skip: OPT_OUT },
    'Unsubscribed Mode': { skip: OPT_OUT },
    'Unsubscribed Time': { skip: OPT_OUT },
    'Skype ID': { skip: 'Kith keeps no Skype name' },
    Twitter: { skip: 'Kith keeps no social handles' },
    'Created By': { skip: CRM_OWNER },
    'Created By.id': { skip: CRM_OWNER },
    'Modified By': { skip: CRM_OWNER },
    'Modified By.id': { skip: CRM_OWNER },
    'Created Time': 'createdAt',
    'Modified Time': { skip: SYSTEM_DATE },
    'Last Activity Time': { skip: SYSTEM_DATE },
    'Change Log Time': { skip: SYSTEM_DATE },
    'Mailing Street': 'addressLine',
    'Mailing City': 'district',
    'Mailing State': 'province',
    'Mailing Zip': { skip: POSTAL_CODE },
    'Mailing Country': 'country',
    'Other Street': { skip: SECOND_ADDRESS },
    'Other City': { skip: SECOND_ADDRESS },
    'Other State': { skip: SECOND_ADDRESS },
    'Other Zip': { skip: SECOND_ADDRESS },
    'Other Country': { skip: SECOND_ADDRESS },
    Description: 'notes',
    Tag: 'tags',
    Locked: { skip: 'Zoho’s record lock' },
    'Last Enriched Time': { skip: 'Zoho’s data-enrichment bookkeeping' },
    'Enrich Status': { skip: 'Zoho’s data-enrichment bookkeeping' },
  },
  // Zoho's own labels: Salesforce writes "Mailing State/Province", "Birthdate", "Created Date".
  signature: ['Created Time', 'Modified Time', 'Mailing Zip', 'Mailing State', 'Skype ID', 'Secondary Email', 'Asst Phone', 'Last Activity Time'],
  minSignature: 2,
  // Zoho's current exports write ISO dates (1990-05-17, 2024-01-05 10:11:12), which read the same in any order; its
  // import rules, and the files of its older exports, write MM/dd/yyyy — month first when a file does not show otherwise.
  dateOrder: 'mdy',
  values: { source: ZOHO_SOURCE },
};

export const CRM_PRESETS: readonly ImportPreset[] = [hubspot, salesforceReport, salesforceApi, zoho];
