/**
 * Condition operators, compiled once into closures over the request context.
 *
 * Specification (quoted where a rule comes from):
 * - Operators: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 *   "If the key that you specify in a policy condition is not present in the request context,
 *   the values do not match and the condition is false. If the policy condition requires that
 *   the key is not matched, such as StringNotLike or ArnNotLike, and the right key is not
 *   present, the condition is true. This logic applies to all condition operators except
 *   ...IfExists and Null check."
 * - Several values for one key are ORed; for a negated operator they are a NOR ("returns true
 *   only if all values evaluate to false"); several keys and several operators are ANDed:
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html
 * - Set qualifiers: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 *   ForAllValues "also returns true if there are no context keys in the request or if the
 *   context key value resolves to a null dataset, such as an empty string"; ForAnyValue: "For no
 *   matching context key or a null dataset, the condition returns false". Negated operators
 *   under a qualifier apply per request value: ForAllValues:StringNotEquals means "None of the
 *   values of the context key in the request can match any of the context key values in your
 *   policy"; ForAnyValue:StringNotEquals "At least one context key value in the request must NOT
 *   match any of values in the context key in your policy".
 * - "Multivalued context keys require a condition set operator": a key supplied as a list and
 *   tested by an operator without ForAllValues/ForAnyValue never satisfies the condition (for
 *   negated operators too; @cloud-copilot/iam-simulate reports the same behaviour).
 * - Policy variables are supported by the String, ARN and Bool operators ("Policy variables –
 *   Supported" in each section of the operators page) and not by Numeric, Date, Binary, IP
 *   address or Null, whose values are read literally.
 * - A variable with no value has "no equal or like value": the policy value it is part of
 *   matches nothing, so positive operators fail and "Inverted condition operators like
 *   StringNotEquals or StringNotLike do match against a null value".
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-no-value
 *
 * Decisions where the documentation is silent:
 * - A request value that cannot be read as the operator's type (e.g. `abc` for NumericLessThan,
 *   `maybe` for Bool, an address that is not IPv4/IPv6) cannot be compared: the condition is
 *   false for the positive operator AND for its negation (NumericNotEquals, DateNotEquals,
 *   NotIpAddress). A comparison that cannot be made is not evidence of inequality, so a negated
 *   operator does not turn garbage into a match. A policy value of the wrong type (which the
 *   validator reports) likewise never matches, and makes the negated operator false.
 * - A null dataset is an empty list or a list of empty strings (a single-valued key whose value
 *   is "" is an empty string too, for the set qualifiers). The Null operator treats an absent key
 *   and a multivalued key holding a null dataset as null ("context keys with empty values" are
 *   what `"Null": false` guards against on the multivalued examples page), but a single-valued
 *   key that is present with the value "" as present (`s3:prefix` is "" for a listing without
 *   a prefix, and policies compare it with `StringLike ""`).
 * - Null takes `true`/`false` (JSON boolean or string, any case); other values never match.
 *   Qualifiers and IfExists do not change Null.
 */
import type { ContextEntry, RequestContext } from './context.js';
import type { BaseOperator, ConditionEntry, ConditionValue } from './model.js';
import { compileGlobParts, parseTemplate, type Template, templateMatcher } from './variables.js';
import type { GlobOptions, Matcher } from './wildcard.js';

export type ConditionFn = (ctx: RequestContext) => boolean;

export interface ConditionOptions {
  /** True when the policy is Version 2012-10-17 (policy variables substituted). */
  variables: boolean;
}

// ---------------------------------------------------------------------------------------------
// Value parsers (shared with the validator)
// ---------------------------------------------------------------------------------------------

const NUMERIC = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** An integer or decimal ("comparing a key to an integer or decimal value"); undefined otherwise. */
export function parseNumeric(value: string | number | boolean): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || !NUMERIC.test(value)) return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

// W3C profile of ISO 8601 (https://www.w3.org/TR/NOTE-datetime): YYYY, YYYY-MM, YYYY-MM-DD,
// YYYY-MM-DDThh:mmTZD, YYYY-MM-DDThh:mm:ssTZD, YYYY-MM-DDThh:mm:ss.sTZD (a capital T). A time without a zone
// designator is read as UTC (lenient: AWS's own examples always write `Z`).
const W3C_DATE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?([Zz]|[+-]\d{2}:?\d{2})?)?)?)?$/;
const EPOCH = /^\d+(?:\.\d+)?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A date as milliseconds since the epoch: a W3C ISO 8601 date/time or epoch (UNIX) seconds
 * ("You must specify date/time values with one of the W3C implementations of the ISO 8601 date
 * formats or in epoch (UNIX) time"). A string of digits is epoch seconds (so `2024` is a number
 * of seconds, not a year). Undefined when the value is neither.
 */
export function parseDate(value: string | number | boolean): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value * 1000 : undefined;
  if (typeof value !== 'string') return undefined;
  if (EPOCH.test(value)) return Number(value) * 1000;
  const m = W3C_DATE.exec(value);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = m[2] ? Number(m[2]) : 1;
  const day = m[3] ? Number(m[3]) : 1;
  const hour = m[4] ? Number(m[4]) : 0;
  const minute = m[5] ? Number(m[5]) : 0;
  const second = m[6] ? Number(m[6]) : 0;
  const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offset = 0;
  const zone = m[8];
  if (zone && zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2));
    if (oh > 23 || om > 59) return undefined;
    offset = sign * (oh * 60 + om) * 60000;
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offset;
}

/** `true` or `false` (JSON boolean or string, any letter case); undefined otherwise. */
export function parseBool(value: string | number | boolean): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const t = value.toLowerCase();
  return t === 'true' ? true : t === 'false' ? false : undefined;
}

/** An IPv4 (one 32-bit word) or IPv6 (four words) network, host bits cleared. */
export interface Cidr {
  version: 4 | 6;
  /** Network words, most significant first. */
  words: number[];
  /** Prefix length: 0-32 (IPv4) or 0-128 (IPv6). */
  prefix: number;
}

function parseIpv4(text: string): number | undefined {
  // Hand-rolled (hot path): four decimal octets of 1-3 digits, each at most 255.
  let n = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      octet = octet * 10 + (c - 48);
      if (++digits > 3 || octet > 255) return undefined;
    } else if (c === 46) {
      if (digits === 0 || ++dots > 3) return undefined;
      n = n * 256 + octet;
      octet = 0;
      digits = 0;
    } else return undefined;
  }
  if (dots !== 3 || digits === 0) return undefined;
  return (n * 256 + octet) >>> 0;
}

function parseIpv6(text: string): number[] | undefined {
  if (text.length < 2 || !/^[0-9A-Fa-f:.]+$/.test(text)) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    const items = s.split(':');
    for (let i = 0; i < items.length; i++) {
      const g = items[i];
      if (i === items.length - 1 && g.includes('.')) {
        const v4 = parseIpv4(g);
        if (v4 === undefined) return undefined;
        out.push(v4 >>> 16, v4 & 0xffff);
      } else {
        if (!/^[0-9A-Fa-f]{1,4}$/.test(g)) return undefined;
        out.push(Number.parseInt(g, 16));
      }
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !tail) return undefined;
  let all: number[];
  if (halves.length === 2) {
    const fill = 8 - head.length - tail.length;
    if (fill < 1) return undefined;
    all = [...head, ...new Array(fill).fill(0), ...tail];
  } else {
    if (head.length !== 8) return undefined;
    all = head;
  }
  const words: number[] = [];
  for (let i = 0; i < 8; i += 2) words.push(((all[i] << 16) | all[i + 1]) >>> 0);
  return words;
}

/** Parses a bare IPv4 or IPv6 address into words; undefined when it is neither. */
export function parseIp(t: string): { version: 4 | 6; words: number[] } | undefined {
  if (t.includes(':')) {
    const w = parseIpv6(t);
    return w ? { version: 6, words: w } : undefined;
  }
  const v4 = parseIpv4(t);
  return v4 === undefined ? undefined : { version: 4, words: [v4] };
}

function maskWord(word: number, bits: number): number {
  if (bits >= 32) return word >>> 0;
  if (bits <= 0) return 0;
  return (word & (0xffffffff << (32 - bits))) >>> 0;
}

/**
 * "The value must be in the standard CIDR format (for example, 203.0.113.0/24 or
 * 2001:DB8:1234:5678::/64). If you specify an IP address without the associated routing prefix,
 * IAM uses the default prefix value of /32" (and /128 for an IPv6 address). Undefined on bad input.
 */
export function parseCidr(value: string | number | boolean): Cidr | undefined {
  if (typeof value !== 'string') return undefined;
  const t = value;
  const slash = t.indexOf('/');
  const addr = parseIp(slash < 0 ? t : t.slice(0, slash));
  if (!addr) return undefined;
  const max = addr.version === 4 ? 32 : 128;
  let prefix = max;
  if (slash >= 0) {
    const p = t.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p)) return undefined;
    prefix = Number(p);
    if (prefix > max) return undefined;
  }
  const words = addr.words.map((w, i) => maskWord(w, prefix - 32 * i));
  return { version: addr.version, words, prefix };
}

function inCidr(cidr: Cidr, addr: { version: 4 | 6; words: number[] }): boolean {
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

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;

/** Decodes base64 into a binary string (one char per byte); undefined when not base64. */
export function parseBinary(value: string | number | boolean): string | undefined {
  if (typeof value !== 'string' || !BASE64.test(value)) return undefined;
  return Buffer.from(value, 'base64').toString('latin1');
}

// ---------------------------------------------------------------------------------------------
// Operator compilation
// ---------------------------------------------------------------------------------------------

const NEGATED: Partial<Record<BaseOperator, BaseOperator>> = {
  StringNotEquals: 'StringEquals',
  StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase',
  StringNotLike: 'StringLike',
  NumericNotEquals: 'NumericEquals',
  DateNotEquals: 'DateEquals',
  NotIpAddress: 'IpAddress',
  ArnNotEquals: 'ArnEquals',
  ArnNotLike: 'ArnLike',
};

/** Operators whose values may hold policy variables (operators page, "Policy variables – Supported"). */
const VARIABLE_OPERATORS = new Set<BaseOperator>([
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'Bool',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
]);

/** True when the operator is a negated matching operator (StringNotEquals, NotIpAddress, ...). */
export function isNegatedOperator(base: BaseOperator): boolean {
  return NEGATED[base] !== undefined;
}

/** True when values of this operator may contain policy variables. */
export function supportsVariables(base: BaseOperator): boolean {
  return VARIABLE_OPERATORS.has(base);
}

/** Result of comparing one request value with one policy value. */
const NO = 0;
const YES = 1;
/** The values cannot be compared (wrong type on either side). */
const ERR = -1;
type Cmp = typeof NO | typeof YES | typeof ERR;

/**
 * The per-request-value test of a positive operator over all policy values:
 * YES when some policy value matches, NO when none does, ERR when a comparison could not be made
 * (and none matched).
 */
type ValueTest = (value: string, ctx: RequestContext) => Cmp;

function text(v: ConditionValue): string {
  return typeof v === 'string' ? v : String(v);
}

function stringEquals(values: ConditionValue[], options: ConditionOptions, ignoreCase: boolean): ValueTest {
  const fixed = new Set<string>();
  const dynamic: Template[] = [];
  for (const raw of values) {
    const t = parseTemplate(text(raw), options);
    if (t.dynamic) dynamic.push(t);
    else {
      const s = t.resolve(EMPTY_CONTEXT)!;
      fixed.add(ignoreCase ? s.toLowerCase() : s);
    }
  }
  if (dynamic.length === 0) {
    if (ignoreCase) return (v) => (fixed.has(v.toLowerCase()) ? YES : NO);
    return (v) => (fixed.has(v) ? YES : NO);
  }
  return (v, ctx) => {
    const cv = ignoreCase ? v.toLowerCase() : v;
    if (fixed.has(cv)) return YES;
    for (const t of dynamic) {
      const r = t.resolve(ctx);
      if (r !== undefined && (ignoreCase ? r.toLowerCase() : r) === cv) return YES;
    }
    return NO;
  };
}

function globTest(values: ConditionValue[], options: ConditionOptions, glob: GlobOptions): ValueTest {
  const fixed: Matcher[] = [];
  const dynamic: Array<(v: string, ctx: RequestContext) => boolean> = [];
  for (const raw of values) {
    const t = parseTemplate(text(raw), options);
    if (t.dynamic) dynamic.push(templateMatcher(t, glob));
    else fixed.push(compileGlobParts(t.parts(EMPTY_CONTEXT)!, glob));
  }
  if (dynamic.length === 0) {
    if (fixed.length === 1) {
      const m = fixed[0];
      return (v) => (m(v) ? YES : NO);
    }
    return (v) => {
      for (const m of fixed) if (m(v)) return YES;
      return NO;
    };
  }
  return (v, ctx) => {
    for (const m of fixed) if (m(v)) return YES;
    for (const d of dynamic) if (d(v, ctx)) return YES;
    return NO;
  };
}

/** Typed comparison: policy values parsed once, the request value parsed per call. */
function typedTest<T>(
  values: ConditionValue[],
  parse: (v: string | number | boolean) => T | undefined,
  compare: (request: T, policy: T) => boolean,
): ValueTest {
  const parsed = values.map((v) => parse(v));
  const anyBad = parsed.some((p) => p === undefined);
  const good = parsed.filter((p): p is T => p !== undefined);
  let lastText: string | undefined;
  let lastValue: T | undefined;
  return (v) => {
    let r: T | undefined;
    if (v === lastText) r = lastValue;
    else {
      r = parse(v);
      lastText = v;
      lastValue = r;
    }
    if (r === undefined) return ERR;
    for (const p of good) if (compare(r, p)) return YES;
    return anyBad ? ERR : NO;
  };
}

function boolTest(values: ConditionValue[], options: ConditionOptions): ValueTest {
  const templates = values.map((v) => (typeof v === 'string' ? parseTemplate(v, options) : undefined));
  if (templates.every((t) => t === undefined || !t.dynamic))
    return typedTest(values, parseBool, (a, b) => a === b);
  return (v, ctx) => {
    const r = parseBool(v);
    if (r === undefined) return ERR;
    let err = false;
    for (let i = 0; i < values.length; i++) {
      const t = templates[i];
      let p: boolean | undefined;
      if (t === undefined) p = parseBool(values[i]);
      else {
        const s = t.resolve(ctx);
        if (s === undefined) continue; // a variable with no value matches nothing
        p = parseBool(s);
      }
      if (p === undefined) err = true;
      else if (p === r) return YES;
    }
    return err ? ERR : NO;
  };
}

function ipTest(values: ConditionValue[]): ValueTest {
  const cidrs = values.map((v) => parseCidr(v));
  const anyBad = cidrs.some((c) => c === undefined);
  const good = cidrs.filter((c): c is Cidr => c !== undefined);
  // One-entry cache: the same request value is typically tested against many policies.
  let lastText: string | undefined;
  let lastAddr: ReturnType<typeof parseIp>;
  return (v) => {
    let a: ReturnType<typeof parseIp>;
    if (v === lastText) a = lastAddr;
    else {
      a = parseIp(v);
      lastText = v;
      lastAddr = a;
    }
    if (a === undefined) return ERR;
    for (const c of good) if (inCidr(c, a)) return YES;
    return anyBad ? ERR : NO;
  };
}

/** The per-value test of the positive form of `base`. */
function positiveTest(base: BaseOperator, values: ConditionValue[], options: ConditionOptions): ValueTest {
  const vars = supportsVariables(base) ? options : { variables: false };
  switch (base) {
    case 'StringEquals':
      return stringEquals(values, vars, false);
    case 'StringEqualsIgnoreCase':
      return stringEquals(values, vars, true);
    case 'StringLike':
      return globTest(values, vars, {});
    case 'ArnEquals':
    case 'ArnLike':
      return globTest(values, vars, { arn: true, arnStrict: true });
    case 'NumericEquals':
      return typedTest(values, parseNumeric, (r, p) => r === p);
    case 'NumericLessThan':
      return typedTest(values, parseNumeric, (r, p) => r < p);
    case 'NumericLessThanEquals':
      return typedTest(values, parseNumeric, (r, p) => r <= p);
    case 'NumericGreaterThan':
      return typedTest(values, parseNumeric, (r, p) => r > p);
    case 'NumericGreaterThanEquals':
      return typedTest(values, parseNumeric, (r, p) => r >= p);
    case 'DateEquals':
      return typedTest(values, parseDate, (r, p) => r === p);
    case 'DateLessThan':
      return typedTest(values, parseDate, (r, p) => r < p);
    case 'DateLessThanEquals':
      return typedTest(values, parseDate, (r, p) => r <= p);
    case 'DateGreaterThan':
      return typedTest(values, parseDate, (r, p) => r > p);
    case 'DateGreaterThanEquals':
      return typedTest(values, parseDate, (r, p) => r >= p);
    case 'Bool':
      return boolTest(values, vars);
    case 'BinaryEquals':
      return typedTest(values, parseBinary, (r, p) => r === p);
    case 'IpAddress':
      return ipTest(values);
    default:
      throw new Error(`not a positive operator: ${base}`);
  }
}

const EMPTY_CONTEXT: RequestContext = { get: () => undefined };

/** An empty list, or only empty strings: the "null dataset" of the set-operator page. */
function isNullData(entry: ContextEntry): boolean {
  for (const v of entry.values) if (v !== '') return false;
  return true;
}

function compileNull(entry: ConditionEntry): ConditionFn {
  const wanted = entry.values.map((v) => parseBool(v.value));
  const wantNull = wanted.includes(true);
  const wantPresent = wanted.includes(false);
  const key = entry.keyLower;
  return (ctx) => {
    const e = ctx.get(key);
    const isNull = e === undefined || (e.multi && isNullData(e));
    return isNull ? wantNull : wantPresent;
  };
}

/**
 * Compiles one condition entry (one operator, one key, its values) into a closure. Everything
 * the policy says is parsed here, once; the closure only reads the request context.
 */
export function compileCondition(entry: ConditionEntry, options: ConditionOptions): ConditionFn {
  const { base, ifExists, qualifier } = entry.operator;
  if (base === 'Null') return compileNull(entry);
  const key = entry.keyLower;
  const values = entry.values.map((v) => v.value);
  const positive = NEGATED[base];
  const negated = positive !== undefined;
  const test = positiveTest(positive ?? base, values, options);
  // Whether one request value satisfies the operator as written (negated: NOR over policy values).
  const one: (v: string, ctx: RequestContext) => boolean = negated
    ? (v, ctx) => test(v, ctx) === NO
    : (v, ctx) => test(v, ctx) === YES;

  if (qualifier === 'ForAllValues') {
    return (ctx) => {
      const e = ctx.get(key);
      if (e === undefined || isNullData(e)) return true;
      for (const v of e.values) if (!one(v, ctx)) return false;
      return true;
    };
  }
  if (qualifier === 'ForAnyValue') {
    return (ctx) => {
      const e = ctx.get(key);
      if (e === undefined) return ifExists;
      if (isNullData(e)) return false;
      for (const v of e.values) if (one(v, ctx)) return true;
      return false;
    };
  }
  const absent = ifExists || negated;
  return (ctx) => {
    const e = ctx.get(key);
    if (e === undefined) return absent;
    if (e.multi) return false;
    return one(e.values[0], ctx);
  };
}

/**
 * Lowercased context keys an entry reads: its own key, plus keys named by policy variables in
 * its values (only for operators that substitute variables, only when variables are enabled).
 */
export function conditionKeysOf(entry: ConditionEntry, options: ConditionOptions): string[] {
  const keys = new Set<string>([entry.keyLower]);
  if (options.variables && supportsVariables(entry.operator.base)) {
    for (const v of entry.values) {
      if (typeof v.value !== 'string') continue;
      for (const k of parseTemplate(v.value, options).keys) keys.add(k);
    }
  }
  return [...keys];
}
