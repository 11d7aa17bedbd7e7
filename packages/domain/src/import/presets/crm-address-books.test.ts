import assert from 'node:assert/strict';
import { test } from 'node:test';
import { suggestMapping } from '../mapping.ts';
import { presetById, recognisePreset } from '../presets.ts';

const split = (line: string) => line.split(',');

test('the layouts real exports have, trimmed as people export them, are recognised as their product', () => {
  const cases: [string, string][] = [
    // HubSpot's default "All contacts" view, and a view with the source.
    [
      'Record ID,First Name,Last Name,Email,Phone Number,Contact owner,Primary Associated Company ID,Last Activity Date,Lead Status,Marketing contact status,Create Date',
      'hubspot-contacts',
    ],
    ['Record ID,First Name,Last Name,Email,Phone Number,Lead Status,Create Date,Original Source', 'hubspot-contacts'],
    // A Salesforce contacts report with the usual columns.
    [
      'Salutation,First Name,Last Name,Title,Mailing Street,Mailing City,Mailing State/Province,Mailing Zip/Postal Code,Mailing Country,Phone,Mobile,Fax,Email,Account Owner,Account Name',
      'salesforce-contacts-report',
    ],
    // Data Loader writes the API names in capitals.
    ['ID,FIRSTNAME,LASTNAME,EMAIL,MOBILEPHONE,ACCOUNTID,MAILINGCITY', 'salesforce-contacts-api'],
    ['Record Id,First Name,Last Name,Account Name,Email,Mobile,Mailing City,Mailing State,Mailing Zip,Created Time', 'zoho-crm-contacts'],
    [
      'First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,Organization Title,Organization Department,Birthday,Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value',
      'google-contacts',
    ],
    [
      'Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,Additional Name Yomi,Family Name Yomi,Name Prefix,Name Suffix,Initials,Nickname,Short Name,Maiden Name,Birthday,Gender,Location,Billing Information,Directory Server,Mileage,Occupation,Hobby,Sensitivity,Priority,Subject,Notes,Group Membership,Phone 1 - Type,Phone 1 - Value',
      'google-contacts-legacy',
    ],
    // The "Outlook CSV" of Outlook.com, Windows Live Mail and Google, and a newer Outlook web export.
    [
      "First Name,Middle Name,Last Name,Title,Suffix,Initials,Web Page,Gender,Birthday,Anniversary,Location,Language,Internet Free Busy,Notes,E-mail Address,E-mail 2 Address,E-mail 3 Address,Primary Phone,Home Phone,Home Phone 2,Mobile Phone,Pager,Home Fax,Home Address,Home Street,Home Street 2,Home Street 3,Home Address PO Box,Home City,Home State,Home Postal Code,Home Country,Spouse,Children,Manager's Name,Assistant's Name,Referred By,Company Main Phone,Business Phone,Business Phone 2,Business Fax,Assistant's Phone,Company,Job Title,Department,Office Location,Organizational ID Number,Profession,Account,Business Address,Business Street,Business Street 2,Business Street 3,Business Address PO Box,Business City,Business State,Business Postal Code,Business Country,Other Phone,Other Fax,Other Address,Other Street,Other Street 2,Other Street 3,Other Address PO Box,Other City,Other State,Other Postal Code,Other Country,Callback,Car Phone,ISDN,Radio Phone,TTY/TDD Phone,Telex,User 1,User 2,User 3,User 4,Keywords,Mileage,Hobby,Billing Information,Directory Server,Sensitivity,Priority,Private,Categories",
      'outlook',
    ],
    [
      'First Name,Middle Name,Last Name,Title,Suffix,Nickname,E-mail Address,E-mail 2 Address,E-mail 3 Address,Home Phone,Business Phone,Mobile Phone,Business Fax,Company,Job Title,Department,Home Street,Home City,Home State,Home Postal Code,Home Country/Region,Business Street,Business City,Business State,Business Postal Code,Business Country/Region,Web Page,Birthday,Anniversary,Spouse,Notes,Categories',
      'outlook',
    ],
  ];
  for (const [headers, id] of cases) assert.equal(recognisePreset(split(headers), 'contacts')?.id, id, headers);
});

test('a file no product wrote is no product’s: its dates are not read month first because of a few English headers', () => {
  for (const headers of [
    'Họ và tên,SĐT,Email,Ngày sinh,Giới tính,Tỉnh/Thành,Ghi chú',
    'Name,Email,Mobile Phone,Job Title,Company,Birthday,Categories',
    'Full Name,Email,Phone,Birthdate,Created Date',
    'First Name,Last Name,Email,Phone,Company,Title',
  ])
    assert.equal(recognisePreset(split(headers), 'contacts'), null, headers);
});

test('what the presets never let a column become: a form of address a job title, a display name or an organisation a person’s name', () => {
  const fieldOf = (preset: string, headers: string[]) =>
    Object.fromEntries(suggestMapping(headers, 'contacts', presetById(preset)).map((s) => [s.header, s.field]));
  assert.deepEqual(
    fieldOf('outlook', ['Title', 'First Name', 'Middle Name', 'Last Name', 'E-mail Display Name', 'Company', 'Job Title', 'Company Main Phone']),
    {
      Title: null,
      'First Name': 'givenName',
      'Middle Name': 'middleName',
      'Last Name': 'familyName',
      'E-mail Display Name': null,
      Company: 'company',
      'Job Title': 'jobTitle',
      'Company Main Phone': null,
    },
  );
  assert.deepEqual(fieldOf('zoho-crm-contacts', ['First Name', 'Last Name', 'Full Name', 'Account Name', 'Title']), {
    'First Name': 'givenName',
    'Last Name': 'familyName',
    'Full Name': null,
    'Account Name': 'company',
    Title: 'jobTitle',
  });
  assert.deepEqual(fieldOf('google-contacts-legacy', ['Name', 'Given Name', 'Family Name', 'Organization 1 - Name', 'E-mail 1 - Type', 'E-mail 1 - Value']), {
    Name: null,
    'Given Name': 'givenName',
    'Family Name': 'familyName',
    'Organization 1 - Name': 'company',
    'E-mail 1 - Type': null,
    'E-mail 1 - Value': 'emails',
  });
  assert.deepEqual(fieldOf('salesforce-contacts-api', ['Id', 'Name', 'FirstName', 'LastName', 'AccountId', 'MobilePhone']), {
    Id: 'externalId',
    Name: null,
    FirstName: 'givenName',
    LastName: 'familyName',
    AccountId: null,
    MobilePhone: 'phones',
  });
});
