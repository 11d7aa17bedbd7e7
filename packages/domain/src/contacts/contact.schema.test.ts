import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ContactCreateSchema, ContactUpdateSchema } from './contact.schema.ts';
import { CompanyCreateSchema } from '../companies/company.schema.ts';

const paths = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => (r.error?.issues ?? []).map((i) => i.path.join('.')).sort();

test('create needs a name; everything else is optional', () => {
  assert.equal(ContactCreateSchema.safeParse({ name: 'An' }).success, true);
  assert.deepEqual(paths(ContactCreateSchema.safeParse({})), ['name']);
  assert.deepEqual(paths(ContactCreateSchema.safeParse({ name: '   ' })), ['name'], 'blank after trimming');
});

test('fields nobody may set are refused by name', () => {
  for (const k of ['workspaceId', 'createdAt', 'updatedAt', 'deletedAt', 'version', 'id', 'createdBy', 'role', 'search_text']) {
    const r = ContactCreateSchema.safeParse({ name: 'An', [k]: 'x' });
    assert.equal(r.success, false, k);
    assert.ok(JSON.stringify(r.error!.issues).includes(k), k);
    assert.equal(ContactUpdateSchema.safeParse({ [k]: 'x' }).success, false, k);
  }
});

test('values are cleaned and checked', () => {
  const r = ContactCreateSchema.parse({
    name: '  Nguyễn   Văn  An '.normalize('NFD'),
    emails: [' AN@Example.com'],
    tags: ['VIP', 'vip', 'Khách sỉ', 'khách SỈ'],
    province: 'Bình Dương',
    birthday: '1990-02-28',
    consents: { email: { status: 'granted', source: 'web', at: '2026-01-02T03:04:05+07:00' } },
  });
  assert.equal(r.name, 'Nguyễn Văn An'.normalize('NFC'));
  assert.deepEqual(r.emails, ['an@example.com']);
  assert.deepEqual(r.tags, ['VIP', 'Khách sỉ'], 'the first spelling wins');
  assert.equal(r.province, 'ho-chi-minh');
  assert.equal(r.consents!.email!.at, '2026-01-01T20:04:05.000Z', 'times are stored in UTC');
  assert.deepEqual(paths(ContactCreateSchema.safeParse({ name: 'x', birthday: '1990-02-30' })), ['birthday']);
  assert.deepEqual(paths(ContactCreateSchema.safeParse({ name: 'x', birthday: '2999-01-01' })), ['birthday']);
  assert.deepEqual(paths(ContactCreateSchema.safeParse({ name: 'x', province: 'Atlantis' })), ['province']);
  assert.deepEqual(paths(ContactCreateSchema.safeParse({ name: 'x', lifecycleStage: 'vip' })), ['lifecycleStage']);
  assert.deepEqual(paths(ContactCreateSchema.safeParse({ name: 'x', emails: ['a@b.co', 'nope'] })), ['emails.1']);
  assert.deepEqual(paths(ContactCreateSchema.safeParse({ name: 'x', householdSize: 2.5 })), ['householdSize']);
  assert.deepEqual(
    paths(ContactCreateSchema.safeParse({ name: 'x', consents: { pigeon: { status: 'granted' } } })),
    ['consents'],
    'an unknown channel is refused at /consents',
  );
  assert.deepEqual(
    paths(ContactCreateSchema.safeParse({ name: 'x', consents: { email: { status: 'granted', at: '2026-01-01' } } })),
    ['consents.email.at'],
    'a time needs its zone',
  );
  assert.deepEqual(paths(ContactCreateSchema.safeParse({ name: 'x\u0000y' })), ['name']);
});

test('updates: everything optional, null clears, name cannot be cleared', () => {
  assert.equal(ContactUpdateSchema.safeParse({}).success, true);
  assert.equal(ContactUpdateSchema.parse({ occupation: null }).occupation, null);
  assert.deepEqual(paths(ContactUpdateSchema.safeParse({ name: null })), ['name']);
});

test('companies: domains cleaned, Vietnamese tax codes checked', () => {
  const c = CompanyCreateSchema.parse({ name: 'Hoa Sen', domain: 'https://HoaSen.vn/lien-he', taxCode: '0301234567-001' });
  assert.equal(c.domain, 'hoasen.vn');
  assert.deepEqual(paths(CompanyCreateSchema.safeParse({ name: 'x', taxCode: '12345' })), ['taxCode']);
  assert.deepEqual(paths(CompanyCreateSchema.safeParse({ name: 'x', website: 'javascript:alert(1)' })), ['website']);
});
