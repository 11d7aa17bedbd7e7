import assert from 'node:assert/strict';
import type { LookupAddress } from 'node:dns';
import { connect, createServer, isIP, type Server, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { classifyAddress, createOutboundGuard, literalAddress, OutboundRefusedError, parseAllowEntry, type Resolve } from './outbound-guard.ts';

/**
 * The outbound guard (issue 16, SSRF) on its own: what it refuses, how it reads odd spellings, the
 * allow-list, and that the connection goes to the address it checked. Names are answered by stubs
 * (no DNS query leaves the machine); the servers listen on loopback.
 */

/** A resolver from a table, counting what it was asked; a name it lacks is not found. */
function stub(table: Record<string, string[] | (() => string[])>): Resolve & { asked: string[] } {
  const asked: string[] = [];
  const resolve = async (name: string): Promise<LookupAddress[]> => {
    asked.push(name);
    const entry = table[name];
    const list = typeof entry === 'function' ? entry() : entry;
    if (!list) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
    return list.map((address) => ({ address, family: isIP(address) }));
  };
  return Object.assign(resolve, { asked });
}
const noDns: Resolve = async (name) => assert.fail(`the resolver was asked for ${name}`);

const refusal = (kind: string) => (e: unknown) => e instanceof OutboundRefusedError && e.code === 'EOUTBOUNDREFUSED' && e.kind === kind;

describe('outbound guard: classification', () => {
  test('every internal class is named, in IPv4, IPv6 and the IPv6 forms that carry an IPv4 address', () => {
    const table: Record<string, string[]> = {
      unspecified: ['0.0.0.0', '0.1.2.3', '::', '::ffff:0.0.0.0'],
      loopback: [
        '127.0.0.1',
        '127.255.255.254',
        '::1',
        '::ffff:127.0.0.1',
        '::ffff:7f00:1',
        '64:ff9b::127.0.0.1',
        '2002:7f00:1::1',
        '::ffff:0:7f00:1',
        '[::1]',
      ],
      private: [
        '10.0.0.1',
        '172.16.0.1',
        '172.31.255.255',
        '192.168.0.1',
        'fc00::1',
        'fd12:3456:789a::1',
        'fec0::1',
        '64:ff9b:1::1',
        '::ffff:10.1.2.3',
        '64:ff9b::192.168.1.1',
        '2002:c0a8:101::1',
      ],
      shared: ['100.64.0.1', '100.127.255.254', '64:ff9b::100.64.0.1'],
      'link-local': ['169.254.0.1', '169.254.254.254', 'fe80::1', 'fe80::1%eth0', 'febf::1', '::ffff:169.254.1.1'],
      metadata: [
        '169.254.169.254',
        '169.254.170.2',
        'fd00:ec2::254',
        '168.63.129.16',
        '100.100.100.200',
        '::ffff:169.254.169.254',
        '64:ff9b::a9fe:a9fe',
        '2002:a9fe:a9fe::1',
      ],
      multicast: ['224.0.0.1', '239.255.255.250', 'ff02::1', 'ff0e::1', '::ffff:224.0.0.251'],
      broadcast: ['255.255.255.255', '::ffff:255.255.255.255'],
      reserved: ['240.0.0.1', '192.0.0.8', '192.88.99.1', '100::1', '2001::1', '2001:0:4136:e378:8000:63bf:3fff:fdd2', '::127.0.0.1', '4000::1', 'e000::1'],
      benchmarking: ['198.18.0.1', '198.19.255.255', '2001:2::1'],
      documentation: ['192.0.2.1', '198.51.100.1', '203.0.113.1', '2001:db8::1', '3fff::1'],
      invalid: ['', 'not an address', '127.1', '1.2.3.4.5'],
      public: [
        '8.8.8.8',
        '1.1.1.1',
        '172.32.0.1',
        '100.128.0.1',
        '203.0.114.1',
        '2606:4700::1111',
        '2a00:1450::1',
        '::ffff:8.8.8.8',
        '64:ff9b::808:808',
        '2002:808:808::1',
      ],
    };
    const wrong: string[] = [];
    for (const [kind, addresses] of Object.entries(table))
      for (const a of addresses) if (classifyAddress(a) !== kind) wrong.push(`${a}: ${classifyAddress(a)}, not ${kind}`);
    assert.deepEqual(wrong, []);
  });

  test('odd spellings are read as the C library reads them', () => {
    const table: Record<string, string | null> = {
      '2130706433': '127.0.0.1',
      '127.1': '127.0.0.1',
      '0x7f.1': '127.0.0.1',
      '0x7f000001': '127.0.0.1',
      '017700000001': '127.0.0.1',
      '0177.0.0.01': '127.0.0.1',
      '127.0.0.1.': '127.0.0.1',
      '0': '0.0.0.0',
      '0xa9fea9fe': '169.254.169.254',
      '[::ffff:127.0.0.1]': '::ffff:7f00:1',
      '[0:0:0:0:0:0:0:1]': '::1',
      'FE80::1%25eth0': 'fe80::1',
      'mail.gomxua.vn': null,
      '1.2.3.4.5': null,
    };
    for (const [host, want] of Object.entries(table)) assert.equal(literalAddress(host), want, host);
  });

  test('allow-list entries: name or address, optionally with a port; malformed ones are refused', () => {
    assert.deepEqual(parseAllowEntry('Mail.Internal'), { host: 'mail.internal', port: null });
    assert.deepEqual(parseAllowEntry('10.0.0.5:25'), { host: '10.0.0.5', port: 25 });
    assert.deepEqual(parseAllowEntry('[fd00::5]:587'), { host: 'fd00::5', port: 587 });
    assert.deepEqual(parseAllowEntry('fd00:0::5'), { host: 'fd00::5', port: null });
    assert.deepEqual(parseAllowEntry('2130706433'), { host: '127.0.0.1', port: null });
    for (const bad of ['a:b:c', '[mail]:25', 'mail:0', 'mail:70000', ':25']) assert.throws(() => parseAllowEntry(bad), /KITH_OUTBOUND_ALLOW/, bad);
  });
});

describe('outbound guard: resolving', () => {
  const zone = {
    'intranet.test': ['10.20.30.40'],
    'meta.test': ['169.254.169.254'],
    'v6.test': ['fd00:ec2::254'],
    'mapped.test': ['::ffff:127.0.0.1'],
    'nat64.test': ['64:ff9b::a00:1'],
    'mixed.test': ['93.184.215.14', '127.0.0.1'],
    'public.test': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
    'mail.internal': ['10.0.0.5', '10.0.0.6'],
  };

  test('a name is refused when any address it resolves to is internal', async () => {
    const g = createOutboundGuard({ resolve: stub(zone) });
    await assert.rejects(g.resolve('intranet.test', 25), refusal('private'));
    await assert.rejects(g.resolve('meta.test', 80), refusal('metadata'));
    await assert.rejects(g.resolve('v6.test', 80), refusal('metadata'));
    await assert.rejects(g.resolve('mapped.test', 25), refusal('loopback'));
    await assert.rejects(g.resolve('nat64.test', 25), refusal('private'));
    await assert.rejects(g.resolve('mixed.test', 25), refusal('loopback'));
    await assert.rejects(g.resolve('nowhere.test', 25), { code: 'ENOTFOUND' });
    assert.deepEqual(
      (await g.resolve('public.test', 25)).map((a) => a.address),
      zone['public.test'],
    );
  });

  test('literals and localhost never reach the resolver', async () => {
    const g = createOutboundGuard({ resolve: noDns });
    for (const host of [
      '127.0.0.1',
      '2130706433',
      '127.1',
      '0x7f.1',
      '017700000001',
      '[::1]',
      '[::ffff:127.0.0.1]',
      'localhost',
      'LOCALHOST.',
      'db.localhost',
    ]) {
      await assert.rejects(g.resolve(host, 25), refusal('loopback'), host);
      assert.equal(g.refusedLiteral(host, 25), 'loopback', host);
    }
    assert.equal(g.refusedLiteral('0', 25), 'unspecified');
    assert.equal(g.refusedLiteral('[fd00:ec2::254]', 80), 'metadata');
    assert.equal(g.refusedLiteral('smtp.gomxua.vn', 25), null, 'a name is judged when it is resolved');
    assert.equal(g.refusedLiteral('203.0.114.1', 25), null);
  });

  test('the operator allows by host name, by address, by address and port', async () => {
    const byName = createOutboundGuard({ allow: ['mail.internal'], resolve: stub(zone) });
    assert.equal((await byName.resolve('MAIL.internal.', 25)).length, 2);
    await assert.rejects(byName.resolve('intranet.test', 25), refusal('private'), 'only that name');

    const byAddress = createOutboundGuard({ allow: ['10.20.30.40', '127.0.0.1:2525', '[::1]:2525'], resolve: stub(zone) });
    assert.equal((await byAddress.resolve('intranet.test', 25))[0]!.address, '10.20.30.40');
    assert.equal((await byAddress.resolve('2130706433', 2525))[0]!.address, '127.0.0.1');
    await assert.rejects(byAddress.resolve('127.0.0.1', 25), refusal('loopback'), 'another port');
    assert.equal(byAddress.refusedLiteral('127.0.0.1', 2525), null);
    assert.equal(byAddress.refusedLiteral('127.0.0.1', 25), 'loopback');
    assert.equal((await byAddress.resolve('localhost', 2525)).length, 2, 'both of localhost’s addresses allowed on that port');
    await assert.rejects(byAddress.resolve('mail.internal', 25), refusal('private'));
  });
});

describe('outbound guard: connecting', () => {
  // One port, two servers: 127.0.0.2 plays a public server (allowed below), 127.0.0.1 the internal one.
  let outside: Server;
  let inside: Server;
  let port: number;
  const accepted = { outside: 0, inside: 0 };
  const sockets: Socket[] = [];
  const listen = (s: Server, host: string, p: number) => new Promise<void>((ok, fail) => s.once('error', fail).listen(p, host, () => ok()));

  before(async () => {
    for (let tries = 0; ; tries++) {
      outside = createServer((c) => (accepted.outside++, sockets.push(c)));
      inside = createServer((c) => (accepted.inside++, sockets.push(c)));
      await listen(outside, '127.0.0.2', 0);
      port = (outside.address() as { port: number }).port;
      try {
        await listen(inside, '127.0.0.1', port);
        break;
      } catch (e) {
        outside.close();
        if (tries > 5) throw e;
      }
    }
  });
  after(async () => {
    for (const s of sockets) s.destroy();
    await Promise.all([outside, inside].map((s) => new Promise((ok) => s.close(ok))));
  });

  test('DNS rebinding: the connection goes to the address that was checked, resolved once', async () => {
    let calls = 0;
    const rebinding = stub({ 'rebind.test': () => (calls++ === 0 ? ['127.0.0.2'] : ['127.0.0.1']) });
    const g = createOutboundGuard({ allow: ['127.0.0.2'], resolve: rebinding });
    const s = await g.connect('rebind.test', port);
    assert.equal(s.remoteAddress, '127.0.0.2');
    assert.equal(rebinding.asked.length, 1, 'one lookup, no second one between the check and the connect');
    s.destroy();
    // The next connection gets the internal answer: refused, nothing reaches the internal server.
    await assert.rejects(g.connect('rebind.test', port), refusal('loopback'));
    assert.deepEqual(accepted, { outside: 1, inside: 0 });
  });

  test('internal literals in any spelling are refused without connecting (net.connect skips lookup for them)', async () => {
    const g = createOutboundGuard({ resolve: noDns });
    for (const host of ['127.0.0.1', '2130706433', '127.1', '0x7f.1', '017700000001', '127.0.0.1.', '[::ffff:127.0.0.1]', 'localhost']) {
      await assert.rejects(g.connect(host, port), refusal('loopback'), host);
    }
    assert.equal(accepted.inside, 0);
  });

  test('the guarded lookup serves net.connect directly, with and without `all`', async () => {
    const g = createOutboundGuard({ allow: ['127.0.0.1'], resolve: stub({ 'mail.test': ['127.0.0.1'], 'intranet.test': ['10.1.2.3'] }) });
    for (const autoSelectFamily of [true, false]) {
      const s = connect({ host: 'mail.test', port, lookup: g.lookup(port), autoSelectFamily });
      await new Promise((ok, fail) => s.once('connect', ok).once('error', fail));
      assert.equal(s.remoteAddress, '127.0.0.1');
      s.destroy();
      const refused = connect({ host: 'intranet.test', port, lookup: g.lookup(port), autoSelectFamily });
      await assert.rejects(new Promise((ok, fail) => refused.once('connect', ok).once('error', fail)), refusal('private'));
    }
  });

  test('a resolver that never answers ends in a timeout, not a hang', async () => {
    const g = createOutboundGuard({ resolve: () => new Promise(() => {}) });
    await assert.rejects(g.connect('slow.test', port, { timeoutMs: 50 }), { code: 'ETIMEDOUT' });
  });
});
