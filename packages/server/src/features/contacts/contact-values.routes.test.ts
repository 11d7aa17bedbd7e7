import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { client, createTestApp, type Client, type TestApp } from '../../../test/build-test-app.ts';
import { makeWorkspace } from '../../../test/factories.ts';

/** Values as other systems write them (issue 18): phones with extensions or old prefixes, birthdays without a year. */

let t: TestApp;
let api: Client;

before(async () => {
  t = await createTestApp();
  const { owner } = await makeWorkspace(t.core);
  api = client(t.app, owner.token);
});
after(() => t.close());

const names = async (qs: string) => ((await api.get(`/api/v1/contacts?${qs}`)).body.data as { name: string }[]).map((c) => c.name).sort();

describe('phones as people write them', () => {
  test('an extension is kept; the contact is found, filtered and matched by the number alone', async () => {
    const a = await api.post('/api/v1/contacts', {
      name: 'Văn phòng Sao Mai',
      phones: ['028 3822 1234 máy lẻ 12', '+1 415-555-2671 ext. 123', '01689 123 456'],
    });
    assert.equal(a.status, 201, JSON.stringify(a.body));
    assert.deepEqual(a.body.phones, ['+842838221234;ext=12', '+14155552671;ext=123', '+84389123456']);
    // Saving the stored list back (as an editor does) changes nothing.
    const same = await api.patch(`/api/v1/contacts/${a.body.id}`, { phones: a.body.phones });
    assert.equal(same.status, 200);
    assert.deepEqual(same.body.phones, a.body.phones);
    assert.deepEqual(await names(`filter[phones][has]=${encodeURIComponent('028 3822 1234')}`), ['Văn phòng Sao Mai']);
    assert.deepEqual(await names(`filter[phones][has]=${encodeURIComponent('0389 123 456')}`), ['Văn phòng Sao Mai'], 'the old number is its new one');
    assert.deepEqual(await names('q=02838221234'), ['Văn phòng Sao Mai']);
    // Another extension of the same switchboard is the same lookup key.
    const b = await api.post('/api/v1/contacts', { name: 'Lễ tân Sao Mai', phones: ['028 3822 1234 ext 5'] });
    assert.equal(b.status, 201);
    assert.deepEqual(await names(`filter[phones][has]=${encodeURIComponent('+842838221234')}`), ['Lễ tân Sao Mai', 'Văn phòng Sao Mai']);
    const bad = await api.post('/api/v1/contacts', { name: 'X', phones: ['0912 345 678 ext abc'] });
    assert.equal(bad.status, 422);
  });
});

describe('birthdays without their year', () => {
  test('stored as --MM-DD, read back, in no date range, refused when no such day', async () => {
    const c = await api.post('/api/v1/contacts', { name: 'Chị Mai', birthday: '--12-03' });
    assert.equal(c.status, 201, JSON.stringify(c.body));
    assert.equal(c.body.birthday, '--12-03');
    assert.equal((await api.get(`/api/v1/contacts/${c.body.id}`)).body.birthday, '--12-03');
    await api.post('/api/v1/contacts', { name: 'Anh Tùng', birthday: '1985-12-03' });
    assert.deepEqual(await names('filter[birthday][lt]=2000-01-01'), ['Anh Tùng'], 'no year is not "before 2000"');
    assert.deepEqual(await names('filter[birthday][lte]=1985-12-03'), ['Anh Tùng']);
    assert.deepEqual(await names('filter[birthday][gt]=1900-01-01'), ['Anh Tùng']);
    assert.ok((await names('filter[birthday][empty]=false')).includes('Chị Mai'));
    const sorted = (await api.get('/api/v1/contacts?filter[birthday][empty]=false&sort=birthday')).body.data.map((x: { birthday: string }) => x.birthday);
    assert.deepEqual(sorted, ['--12-03', '1985-12-03']);
    const leap = await api.patch(`/api/v1/contacts/${c.body.id}`, { birthday: '--02-29' });
    assert.equal(leap.status, 200);
    assert.equal(leap.body.birthday, '--02-29');
    const bad = await api.patch(`/api/v1/contacts/${c.body.id}`, { birthday: '--02-30' });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.errors[0].pointer, '/birthday');
    const full = await api.patch(`/api/v1/contacts/${c.body.id}`, { birthday: '1990-12-03' });
    assert.equal(full.body.birthday, '1990-12-03');
  });
});
