/**
 * Condition operators, compiled once into closures over the request context: the comparison of
 * every family (families.ts), with IfExists, the set qualifiers, negation and Null around it.
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
import type { ContextEntry, RequestContext } from '../context.js';
import type { BaseOperator, ConditionEntry, ConditionValue } from '../model.js';
import { compileGlobParts, parseTemplate, type Template, templateMatcher } from '../variables.js';
import type { GlobOptions, Matcher } from '../wildcard.js';
import { parseBinary } from './binary.js';
import { parseBool } from './bool.js';
import { parseDate } from './date.js';
import { positiveOf, supportsVariables } from './families.js';
import { type Cidr, inCidr, parseCidr, parseIp } from './ip.js';
import { parseNumeric } from './numeric.js';

export type ConditionFn = (ctx: RequestContext) => boolean;

export interface ConditionOptions {
  /** True when the policy is Version 2012-10-17 (policy variables substituted). */
  variables: boolean;
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

/** The per-value test of the positive form of `base` (the comparison of its family). */
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
    case 'StringNotEquals':
    case 'StringNotEqualsIgnoreCase':
    case 'StringNotLike':
    case 'NumericNotEquals':
    case 'DateNotEquals':
    case 'NotIpAddress':
    case 'ArnNotEquals':
    case 'ArnNotLike':
    case 'Null':
      throw new Error(`not a positive comparison: ${base}`);
    default: {
      const unhandled: never = base;
      throw new Error(`operator without a comparison: ${String(unhandled)}`);
    }
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
  const positive = positiveOf(base);
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
