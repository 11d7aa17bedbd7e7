import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, connect as netConnect, isIP, type LookupFunction, type Socket } from 'node:net';

/**
 * The one gate for connections Kith opens to a host a user chose — a workspace's SMTP server now, webhooks
 * later (issue 16, SSRF). Without it a workspace admin could point the server at loopback, the private
 * network or a cloud metadata service and use the test send as a port scanner or a relay.
 *
 * - Every address is classified after resolution, at connect time: the address checked is the address
 *   connected to (no second lookup between the check and the connect, so DNS rebinding cannot slip an
 *   internal address in), and the socket's peer is checked again once connected.
 * - A name is refused when ANY address it resolves to is internal (not only the first): a name that mixes
 *   public and internal answers is an attack or a mistake, and which answer the connection would take is
 *   not ours to gamble on.
 * - Odd spellings of an address (2130706433, 127.1, 0x7f.1, 017700000001, [::ffff:127.0.0.1]) are read the
 *   way the C library reads them (the WHATWG host parser implements inet_aton's rules) and the resulting
 *   address is checked; names the resolver answers are checked by the addresses it returns, whatever form
 *   they had. `localhost` and `*.localhost` are loopback without asking the resolver (RFC 6761).
 * - The operator may allow hosts (KITH_OUTBOUND_ALLOW, config.outboundAllow): a host name (all its
 *   addresses), or an address, each optionally with `:port` (`mail.internal`, `10.0.0.5:25`, `[fd00::5]:587`).
 * - The instance's own SMTP_URL is operator configuration and does not pass through here (mail/mailer.ts).
 *
 * Errors: a refusal is an `OutboundRefusedError` (code EOUTBOUNDREFUSED) naming the address and why, for the
 * server's log. Callers must show users the same message for a refusal as for a closed port, a timeout or an
 * unknown host, or the guard becomes an oracle for what is inside (mail/workspace-mail.ts does).
 */

export type AddressKind =
  | 'public'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'shared'
  | 'link-local'
  | 'metadata'
  | 'multicast'
  | 'broadcast'
  | 'reserved'
  | 'benchmarking'
  | 'documentation'
  | 'invalid';

/** Answers a host name with every address it has (dns.lookup with `all: true`); tests inject a stub. */
export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

export class OutboundRefusedError extends Error {
  override name = 'OutboundRefusedError';
  readonly code = 'EOUTBOUNDREFUSED';
  readonly host: string;
  readonly address: string;
  readonly kind: AddressKind;
  constructor(host: string, address: string, kind: AddressKind) {
    super(
      `outbound connection refused: ${host}${address && address !== host ? ` resolves to ${address}` : ''} (${kind} address; allow it with KITH_OUTBOUND_ALLOW)`,
    );
    this.host = host;
    this.address = address;
    this.kind = kind;
  }
}

// ------------------------------------------------------------------------------------------ classification

type V4 = `${number}.${number}.${number}.${number}/${number}`;
/** IANA special-purpose registries (RFC 6890 and successors), first match wins. */
const V4_RULES: [Exclude<AddressKind, 'public' | 'invalid'>, V4[]][] = [
  // Cloud metadata and platform services: AWS/GCP/Azure/OpenStack IMDS, AWS ECS task metadata, Azure
  // WireServer (a public address), Alibaba Cloud.
  ['metadata', ['169.254.169.254/32', '169.254.170.2/32', '168.63.129.16/32', '100.100.100.200/32']],
  ['broadcast', ['255.255.255.255/32']],
  ['unspecified', ['0.0.0.0/8']],
  ['loopback', ['127.0.0.0/8']],
  ['private', ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']],
  ['shared', ['100.64.0.0/10']],
  ['link-local', ['169.254.0.0/16']],
  ['documentation', ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24']],
  ['benchmarking', ['198.18.0.0/15']],
  ['multicast', ['224.0.0.0/4']],
  // IETF protocol assignments, the deprecated 6to4 relay anycast, the old class E.
  ['reserved', ['192.0.0.0/24', '192.88.99.0/24', '240.0.0.0/4']],
];
const V6_RULES: [Exclude<AddressKind, 'public' | 'invalid'>, string[]][] = [
  ['metadata', ['fd00:ec2::254/128']],
  ['unspecified', ['::/128']],
  ['loopback', ['::1/128']],
  // Unique local, the deprecated site-local, local-use NAT64 (RFC 8215).
  ['private', ['fc00::/7', 'fec0::/10', '64:ff9b:1::/48']],
  ['link-local', ['fe80::/10']],
  ['documentation', ['2001:db8::/32', '3fff::/20']],
  ['benchmarking', ['2001:2::/48']],
  ['multicast', ['ff00::/8']],
  // Discard-only; IETF protocol assignments (Teredo hides its client address); the deprecated
  // IPv4-compatible form ::a.b.c.d.
  ['reserved', ['100::/64', '2001::/23', '::/96']],
];

/** IPv6 forms that carry an IPv4 address the packet ends up at (or that the kernel treats as IPv4). */
function v4Embeddings(v4: string, bits: number): [string, number][] {
  const [a, b, c, d] = v4.split('.').map(Number) as [number, number, number, number];
  const hex = (x: number, y: number) => ((x << 8) | y).toString(16);
  return [
    [`::ffff:${v4}`, 96 + bits], // IPv4-mapped
    [`::ffff:0:${v4}`, 96 + bits], // IPv4-translated (RFC 2765)
    [`64:ff9b::${v4}`, 96 + bits], // NAT64 well-known prefix (RFC 6052)
    [`2002:${hex(a, b)}:${hex(c, d)}::`, 16 + bits], // 6to4
  ];
}

const LISTS: [AddressKind, BlockList][] = (() => {
  const byKind = new Map<AddressKind, BlockList>();
  const listOf = (k: AddressKind) => byKind.get(k) ?? byKind.set(k, new BlockList()).get(k)!;
  for (const [kind, nets] of V4_RULES) {
    for (const n of nets) {
      const [addr, len] = n.split('/') as [string, string];
      listOf(kind).addSubnet(addr, Number(len), 'ipv4');
      for (const [v6, l6] of v4Embeddings(addr, Number(len))) listOf(kind).addSubnet(v6, l6, 'ipv6');
    }
  }
  for (const [kind, nets] of V6_RULES) {
    for (const n of nets) {
      const [addr, len] = n.split('/') as [string, string];
      listOf(kind).addSubnet(addr, Number(len), 'ipv6');
    }
  }
  // First match wins: the specific (metadata, broadcast) before the ranges that contain them.
  const order: AddressKind[] = [
    'metadata',
    'broadcast',
    'unspecified',
    'loopback',
    'private',
    'shared',
    'link-local',
    'documentation',
    'benchmarking',
    'multicast',
    'reserved',
  ];
  return order.map((k) => [k, listOf(k)] as [AddressKind, BlockList]);
})();

/** Global unicast (2000::/3) and the translation prefixes whose embedded IPv4 address was checked above. */
const V6_ROUTABLE = new BlockList();
V6_ROUTABLE.addSubnet('2000::', 3, 'ipv6');
V6_ROUTABLE.addSubnet('::ffff:0:0', 96, 'ipv6');
V6_ROUTABLE.addSubnet('::ffff:0:0:0', 96, 'ipv6');
V6_ROUTABLE.addSubnet('64:ff9b::', 96, 'ipv6');

/** What kind of address an IP address (v4 or v6, optionally `[bracketed]` or with a `%zone`) is. */
export function classifyAddress(address: string): AddressKind {
  const a = address
    .trim()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/%.*$/, '');
  const family = isIP(a);
  if (family === 0) return 'invalid';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  for (const [kind, list] of LISTS) if (list.check(a, type)) return kind;
  if (family === 6 && !V6_ROUTABLE.check(a, 'ipv6')) return 'reserved';
  return 'public';
}

/**
 * The address a host string means without asking a resolver, in canonical form — `2130706433`, `127.1`,
 * `0x7f.1` and `017700000001` are 127.0.0.1 as the C library reads them, `[0:0::1]` is ::1 — or null for a
 * name.
 */
export function literalAddress(host: string): string | null {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/%.*$/, '');
  if (isIP(h) === 6) return new URL(`http://[${h}]/`).hostname.slice(1, -1);
  if (isIP(h) === 4) return h;
  try {
    const parsed = new URL(`http://${h}/`).hostname;
    if (isIP(parsed) === 4) return parsed;
  } catch {
    // Not a host the URL parser takes (1.2.3.4.5, 999.1.1.1): a name, checked by what it resolves to.
  }
  return null;
}

const isLocalhostName = (name: string) => name === 'localhost' || name.endsWith('.localhost');
const nameOf = (host: string) =>
  host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');

// ------------------------------------------------------------------------------------------ allow-list

type AllowEntry = { host: string; port: number | null };

/** `mail.internal`, `10.0.0.5:25`, `[fd00::5]:587`, `fd00::5` (a bare IPv6 address has no port). */
export function parseAllowEntry(entry: string): AllowEntry {
  const e = entry.trim().toLowerCase();
  const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(e) ?? (e.split(':').length > 2 ? [e, e, undefined] : /^([^:]+)(?::(\d+))?$/.exec(e));
  const port = m?.[2] === undefined ? null : Number(m[2]);
  if (!m || !m[1] || (port !== null && (port < 1 || port > 65_535)) || ((e.startsWith('[') || m[1].includes(':')) && isIP(m[1]) !== 6)) {
    throw new Error(`KITH_OUTBOUND_ALLOW: "${entry}" is not a host name or address with an optional :port`);
  }
  return { host: literalAddress(m[1]) ?? nameOf(m[1]), port };
}

// ------------------------------------------------------------------------------------------ the guard

export type OutboundGuard = {
  /**
   * Why the host as typed is refused before any lookup — a literal internal address in any spelling, or
   * `localhost` — or null (a name is only judged by what it resolves to, at connect time). For early
   * validation of settings.
   */
  refusedLiteral(host: string, port: number): AddressKind | null;
  /** Every address of the host, each checked; an OutboundRefusedError when any of them is refused. */
  resolve(host: string, port: number): Promise<LookupAddress[]>;
  /** A `dns.lookup`-compatible function that answers only checked addresses, for net/tls/http `lookup`. */
  lookup(port: number): LookupFunction;
  /** A TCP connection to a checked address of host:port (TLS, when wanted, is started over it by the caller). */
  connect(host: string, port: number, options?: { timeoutMs?: number }): Promise<Socket>;
};

const defaultResolve: Resolve = (hostname) =>
  new Promise((ok, fail) => dnsLookup(hostname, { all: true, order: 'verbatim' }, (err, addresses) => (err ? fail(err) : ok(addresses))));

function notFound(host: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND', hostname: host });
}

export function createOutboundGuard(options: { allow?: readonly string[]; resolve?: Resolve } = {}): OutboundGuard {
  const allow = (options.allow ?? []).map(parseAllowEntry);
  const resolver = options.resolve ?? defaultResolve;

  /** Whether this host may be reached at this address and port: a public address, or allowed by the operator. */
  const verdict = (host: string, address: string, port: number): AddressKind | null => {
    const kind = classifyAddress(address);
    if (kind === 'public') return null;
    if (kind === 'invalid') return kind;
    const name = nameOf(host);
    const canonical = literalAddress(address);
    const allowed = allow.some((e) => (e.host === name || e.host === canonical) && (e.port === null || e.port === port));
    return allowed ? null : kind;
  };

  const resolve = async (host: string, port: number): Promise<LookupAddress[]> => {
    const literal = literalAddress(host);
    const name = nameOf(host);
    let addresses: LookupAddress[];
    if (literal) addresses = [{ address: literal, family: isIP(literal) }];
    else if (isLocalhostName(name))
      addresses = [
        { address: '127.0.0.1', family: 4 },
        { address: '::1', family: 6 },
      ];
    else addresses = await resolver(name);
    if (addresses.length === 0) throw notFound(host);
    for (const a of addresses) {
      const refused = verdict(host, a.address, port);
      if (refused) throw new OutboundRefusedError(host, a.address, refused);
    }
    return addresses;
  };

  const lookup = (port: number): LookupFunction =>
    ((
      hostname: string,
      opts: { family?: number | string; all?: boolean },
      callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
    ) => {
      resolve(hostname, port).then(
        (all) => {
          const want = opts?.family === 4 || opts?.family === 'IPv4' ? 4 : opts?.family === 6 || opts?.family === 'IPv6' ? 6 : 0;
          const list = want ? all.filter((a) => a.family === want) : all;
          if (list.length === 0) return callback(notFound(hostname), opts?.all ? [] : '', 0);
          if (opts?.all) return callback(null, list);
          return callback(null, list[0]!.address, list[0]!.family);
        },
        (err: NodeJS.ErrnoException) => callback(err, opts?.all ? [] : '', 0),
      );
    }) as LookupFunction;

  return {
    refusedLiteral(host, port) {
      const literal = literalAddress(host);
      if (literal) return verdict(host, literal, port);
      if (isLocalhostName(nameOf(host))) return verdict(host, '127.0.0.1', port) ?? verdict(host, '::1', port);
      return null;
    },
    resolve,
    lookup,
    async connect(host, port, { timeoutMs = 15_000 } = {}) {
      // net.connect skips `lookup` for an IP literal: check it here (in its canonical spelling); a name goes
      // through the guarded lookup, once, and the connection is made to what that lookup answered.
      const literal = literalAddress(host);
      if (literal) await resolve(literal, port);
      return new Promise<Socket>((ok, fail) => {
        const socket = netConnect({ host: literal ?? nameOf(host), port, lookup: lookup(port) });
        // The whole of it, the lookup included, within timeoutMs.
        const timer = setTimeout(() => failWith(Object.assign(new Error(`connect ETIMEDOUT ${host}:${port}`), { code: 'ETIMEDOUT' })), timeoutMs);
        const failWith = (err: Error) => {
          clearTimeout(timer);
          socket.destroy();
          fail(err);
        };
        socket.once('error', failWith);
        socket.once('connect', () => {
          clearTimeout(timer);
          socket.removeListener('error', failWith);
          // What we are connected to is what was checked; checked again all the same.
          const peer = socket.remoteAddress ?? '';
          const refused = verdict(host, peer, port);
          if (refused) return failWith(new OutboundRefusedError(host, peer, refused));
          ok(socket);
        });
      });
    },
  };
}
