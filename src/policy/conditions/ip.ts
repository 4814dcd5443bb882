/**
 * IpAddress family: IpAddress, NotIpAddress. "The value must be in the standard CIDR format (for
 * example, 203.0.113.0/24 or 2001:DB8:1234:5678::/64). If you specify an IP address without the
 * associated routing prefix, IAM uses the default prefix value of /32" (/128 for IPv6).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress
 *
 * Addresses are read by the `ipaddr.js` library (IPv4 in four-part decimal, every IPv6 text form
 * including IPv4-mapped `::ffff:10.0.0.1`); no hand-written parser. An IPv4 address and an IPv6
 * address are different addresses (an IPv4-mapped IPv6 address lies in IPv6 ranges only). Zone
 * identifiers (`fe80::1%eth0`) are not addresses AWS sends and are rejected.
 */
import ipaddr from 'ipaddr.js';

/** An IPv4 (one 32-bit word) or IPv6 (four words) network, host bits cleared. */
export interface Cidr {
  version: 4 | 6;
  /** Network words, most significant first. */
  words: number[];
  /** Prefix length: 0-32 (IPv4) or 0-128 (IPv6). */
  prefix: number;
}

export interface IpAddressValue {
  version: 4 | 6;
  /** Address words, most significant first (one for IPv4, four for IPv6). */
  words: number[];
}

function wordsOf(bytes: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i += 4)
    out.push(((bytes[i] << 24) | (bytes[i + 1] << 16) | (bytes[i + 2] << 8) | bytes[i + 3]) >>> 0);
  return out;
}

/**
 * Parses a bare IPv4 or IPv6 address; undefined when it is neither. Requests repeat addresses,
 * so answers are remembered (shared, read-only).
 */
export function parseIp(text: string): IpAddressValue | undefined {
  let hit = parsedIps.get(text);
  if (hit === undefined) {
    if (parsedIps.size >= 4096) parsedIps.clear();
    const a = readIp(text);
    hit =
      a === undefined
        ? null
        : Object.freeze({ version: a.version, words: Object.freeze(a.words) as number[] });
    parsedIps.set(text, hit);
  }
  return hit ?? undefined;
}

const parsedIps = new Map<string, IpAddressValue | null>();

function readIp(text: string): IpAddressValue | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) {
    return { version: 4, words: wordsOf(ipaddr.IPv4.parse(text).toByteArray()) };
  }
  if (text.includes(':') && !text.includes('%') && ipaddr.IPv6.isValid(text)) {
    return { version: 6, words: wordsOf(ipaddr.IPv6.parse(text).toByteArray()) };
  }
  return undefined;
}

function maskWord(word: number, bits: number): number {
  if (bits >= 32) return word >>> 0;
  if (bits <= 0) return 0;
  return (word & (0xffffffff << (32 - bits))) >>> 0;
}

/** A CIDR block (or a bare address: /32, /128); undefined on bad input. */
export function parseCidr(value: string | number | boolean): Cidr | undefined {
  if (typeof value !== 'string') return undefined;
  const slash = value.indexOf('/');
  const addr = parseIp(slash < 0 ? value : value.slice(0, slash));
  if (!addr) return undefined;
  const max = addr.version === 4 ? 32 : 128;
  let prefix = max;
  if (slash >= 0) {
    const p = value.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p)) return undefined;
    prefix = Number(p);
    if (prefix > max) return undefined;
  }
  return { version: addr.version, words: addr.words.map((w, i) => maskWord(w, prefix - 32 * i)), prefix };
}

export function inCidr(cidr: Cidr, addr: IpAddressValue): boolean {
  if (cidr.version !== addr.version) return false;
  for (let i = 0; i < cidr.words.length; i++) {
    if (maskWord(addr.words[i], cidr.prefix - 32 * i) !== cidr.words[i]) return false;
  }
  return true;
}

/** True when the address `ip` lies in `cidr` (a parsed Cidr or CIDR text); false for unreadable input. */
export function matchesIp(cidr: Cidr | string, ip: string): boolean {
  const c = typeof cidr === 'string' ? parseCidr(cidr) : cidr;
  const a = parseIp(ip);
  return c !== undefined && a !== undefined && inCidr(c, a);
}

function toBig(words: number[]): bigint {
  let v = 0n;
  for (const w of words) v = (v << 32n) | BigInt(w);
  return v;
}

function fromBig(v: bigint, version: 4 | 6): string {
  const n = version === 4 ? 4 : 16;
  const bytes: number[] = [];
  for (let i = n - 1; i >= 0; i--) bytes.push(Number((v >> BigInt(8 * i)) & 255n));
  return ipaddr.fromByteArray(bytes).toString();
}

/**
 * Request values covering every class IP address operators with these blocks tell apart: per
 * version, the first address of every elementary interval the blocks cut the address space into,
 * plus readable documentation addresses (RFC 5737, RFC 3849) and a value that is not an address.
 */
export function ipWitnesses(cidrs: readonly Cidr[]): string[] {
  const out: string[] = ['203.0.113.7', '2001:db8::7'];
  for (const version of [4, 6] as const) {
    const bits = version === 4 ? 32 : 128;
    const max = (1n << BigInt(bits)) - 1n;
    const cuts = new Set<bigint>([0n]);
    for (const c of cidrs) {
      if (c.version !== version) continue;
      const lo = toBig(c.words);
      const hi = lo | ((1n << BigInt(bits - c.prefix)) - 1n);
      cuts.add(lo);
      if (hi < max) cuts.add(hi + 1n);
    }
    for (const c of [...cuts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) out.push(fromBig(c, version));
  }
  out.push(NOT_AN_ADDRESS);
  return out;
}

export const NOT_AN_ADDRESS = 'not-an-address';
