/**
 * Condition element checks: condition keys against the global and service key lists, operator
 * and value types, IP ranges, policy variables, qualifiers, and keys whose use AWS warns about.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 */
import { baseKeyType, isMultivaluedType, serviceExists } from '../../catalog/index.js';
import {
  isNegatedOperator,
  parseBinary,
  parseBool,
  parseCidr,
  parseDate,
  parseIp,
  parseNumeric,
  supportsVariables,
} from '../../policy/conditions.js';
import type { BaseOperator, ConditionEntry, ConditionValue, Statement } from '../../policy/model.js';
import { findVariables } from '../../policy/variables.js';
import { type CheckContext, isProviderKey } from '../context.js';
import { type Check, defineCheck } from '../define.js';

type OperatorFamily = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IPAddress' | 'ARN' | 'Null';

export function operatorFamily(base: BaseOperator): OperatorFamily {
  if (base.startsWith('String')) return 'String';
  if (base.startsWith('Numeric')) return 'Numeric';
  if (base.startsWith('Date')) return 'Date';
  if (base === 'Bool') return 'Bool';
  if (base === 'BinaryEquals') return 'Binary';
  if (base === 'IpAddress' || base === 'NotIpAddress') return 'IPAddress';
  if (base.startsWith('Arn')) return 'ARN';
  return 'Null';
}

const entryCache = new WeakMap<CheckContext, [Statement, ConditionEntry][]>();

/** Every condition entry of the policy with its statement (computed once per document). */
function entries(ctx: CheckContext): [Statement, ConditionEntry][] {
  let list = entryCache.get(ctx);
  if (!list) {
    list = [];
    for (const st of ctx.statements) for (const c of st.conditions) list.push([st, c]);
    entryCache.set(ctx, list);
  }
  return list;
}

function keyPrefix(key: string): string {
  const i = key.indexOf(':');
  return i < 0 ? '' : key.slice(0, i);
}

/** A key that names a tag-keyed family without its tag key, e.g. `aws:ResourceTag` or `aws:ResourceTag/`. */
function isMissingTagKey(ctx: CheckContext, key: string): boolean {
  const base = key.endsWith('/') ? key.slice(0, -1) : key;
  if (ctx.key(base)) return false;
  const probe = ctx.key(`${base}/x`);
  return probe?.template === true;
}

// ---------------------------------------------------------------------------------------------
// Condition keys
// ---------------------------------------------------------------------------------------------

export const invalidConditionKeyFormat = defineCheck(
  {
    issueCode: 'INVALID_CONDITION_KEY_FORMAT',
    findingType: 'ERROR',
    title: 'Invalid condition key format',
    description: 'A condition key is not of the form service:keyname.',
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      const k = c.key.value;
      const i = k.indexOf(':');
      if (i <= 0 || i === k.length - 1) {
        ctx.report('The condition key format is not valid. Use the format service:keyname.', c.key.loc);
      }
    }
  },
);

export const unsupportedGlobalConditionKey = defineCheck(
  {
    issueCode: 'UNSUPPORTED_GLOBAL_CONDITION_KEY',
    findingType: 'ERROR',
    title: 'Unsupported global condition key',
    description: 'aws:ARN is not a supported condition key.',
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      if (c.keyLower === 'aws:arn') {
        ctx.report(
          'The condition key aws:ARN is not supported. Use aws:PrincipalArn or aws:SourceArn instead.',
          c.key.loc,
        );
      }
    }
  },
);

export const missingTagKeyInCondition = defineCheck(
  {
    issueCode: 'MISSING_TAG_KEY_IN_CONDITION',
    findingType: 'ERROR',
    title: 'Missing tag key in condition',
    description: 'A tag condition key lacks its /tag-key suffix.',
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      const k = c.key.value;
      if (keyPrefix(k) === '' || ctx.key(k)) continue;
      if (isMissingTagKey(ctx, k)) {
        const name = k.endsWith('/') ? k : `${k}/`;
        ctx.report(
          `The condition key ${k} must include a tag key to control access based on tags. Use the format ${name}tag-key and specify a key name for tag-key.`,
          c.key.loc,
        );
      }
    }
  },
);

export const invalidGlobalConditionKey = defineCheck(
  {
    issueCode: 'INVALID_GLOBAL_CONDITION_KEY',
    findingType: 'ERROR',
    title: 'Invalid global condition key',
    description: 'An aws: condition key that is not a global condition key.',
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      const k = c.key.value;
      if (keyPrefix(k).toLowerCase() !== 'aws' || c.keyLower === 'aws:arn') continue;
      if (ctx.key(k) || isMissingTagKey(ctx, k)) continue;
      ctx.report(`The condition key ${k} does not exist. Use a valid condition key.`, c.key.loc);
    }
  },
);

export const invalidService = defineCheck(
  {
    issueCode: 'INVALID_SERVICE',
    findingType: 'ERROR',
    title: 'Invalid service',
    description: 'The service prefix of a condition key does not exist.',
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      const k = c.key.value;
      const prefix = keyPrefix(k);
      if (prefix === '' || prefix.toLowerCase() === 'aws' || serviceExists(prefix) || isProviderKey(k))
        continue;
      if (ctx.key(k)) continue;
      ctx.report(`The service ${prefix} does not exist. Use a valid service name.`, c.key.loc);
    }
  },
);

export const invalidServiceConditionKey = defineCheck(
  {
    issueCode: 'INVALID_SERVICE_CONDITION_KEY',
    findingType: 'ERROR',
    title: 'Invalid service condition key',
    description: 'A service condition key that the service does not define.',
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      const k = c.key.value;
      const prefix = keyPrefix(k);
      if (prefix === '' || prefix.toLowerCase() === 'aws' || !serviceExists(prefix)) continue;
      if (ctx.key(k) || isMissingTagKey(ctx, k)) continue;
      ctx.report(
        `The condition key ${k} does not exist in the service ${prefix}. Use a valid condition key.`,
        c.key.loc,
      );
    }
  },
);

export const duplicateKeysWithDifferentCase = defineCheck(
  {
    issueCode: 'DUPLICATE_KEYS_WITH_DIFFERENT_CASE',
    findingType: 'ERROR',
    title: 'Duplicate keys with different case',
    description: 'A condition operator block names the same key twice with different capitalization.',
  },
  (ctx) => {
    for (const st of ctx.statements) {
      const seen = new Map<string, string>();
      for (const c of st.conditions) {
        const id = `${c.operator.text}\u0000${c.keyLower}`;
        const prev = seen.get(id);
        if (prev !== undefined && prev !== c.key.value) {
          ctx.report(
            `The condition key ${c.key.value} appears more than once with different capitalization in the same condition block. Remove the duplicate condition keys.`,
            c.key.loc,
          );
        }
        if (prev === undefined) seen.set(id, c.key.value);
      }
    }
  },
);

// ---------------------------------------------------------------------------------------------
// Operators and values
// ---------------------------------------------------------------------------------------------

const ALLOWED_FAMILIES: Record<string, OperatorFamily[]> = {
  String: ['String'],
  ARN: ['ARN', 'String'],
  Numeric: ['Numeric'],
  Date: ['Date'],
  Bool: ['Bool'],
  IPAddress: ['IPAddress'],
  Binary: ['Binary'],
};

export const typeMismatch = defineCheck(
  {
    issueCode: 'TYPE_MISMATCH',
    findingType: 'WARNING',
    title: 'Type mismatch',
    description: "The operator's type does not match the condition key's type.",
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      const fam = operatorFamily(c.operator.base);
      if (fam === 'Null') continue;
      const info = ctx.key(c.key.value);
      if (!info) continue;
      const base = baseKeyType(info.type);
      const allowed = ALLOWED_FAMILIES[base];
      if (!allowed || allowed.includes(fam)) continue;
      ctx.report(
        `Use the operator type ${base} instead of operator ${c.operator.text} for the condition key ${c.key.value}.`,
        c.operatorLoc,
      );
    }
  },
);

function hasVariable(v: ConditionValue): boolean {
  return typeof v === 'string' && findVariables(v).length > 0;
}

function valueCheck(
  issueCode: string,
  findingType: 'ERROR' | 'WARNING',
  title: string,
  description: string,
  family: OperatorFamily,
  valid: (v: ConditionValue) => boolean,
  details: (c: ConditionEntry) => string,
): Check {
  return defineCheck({ issueCode, findingType, title, description }, (ctx) => {
    for (const [, c] of entries(ctx)) {
      if (operatorFamily(c.operator.base) !== family) continue;
      for (const v of c.values) {
        if (hasVariable(v.value)) continue;
        if (!valid(v.value)) ctx.report(details(c), v.loc);
      }
    }
  });
}

export const typeMismatchBoolean = valueCheck(
  'TYPE_MISMATCH_BOOLEAN',
  'WARNING',
  'Type mismatch Boolean',
  'A Bool condition value is not true or false.',
  'Bool',
  (v) => parseBool(v) !== undefined,
  (c) => `Add a valid Boolean value (true or false) for the condition operator ${c.operator.text}.`,
);

export const typeMismatchNullBoolean = defineCheck(
  {
    issueCode: 'TYPE_MISMATCH_BOOLEAN',
    findingType: 'WARNING',
    title: 'Type mismatch Boolean',
    description: 'A Null condition value is not true or false.',
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      if (c.operator.base !== 'Null') continue;
      for (const v of c.values) {
        if (parseBool(v.value) === undefined) {
          ctx.report(
            `Add a valid Boolean value (true or false) for the condition operator ${c.operator.text}.`,
            v.loc,
          );
        }
      }
    }
  },
);

export const typeMismatchDate = valueCheck(
  'TYPE_MISMATCH_DATE',
  'WARNING',
  'Type mismatch date',
  'A Date condition value is not an ISO 8601 date or epoch time.',
  'Date',
  (v) => parseDate(v) !== undefined,
  () =>
    'The date condition operator is used with an invalid value. Specify a valid date using YYYY-MM-DD or other ISO 8601 date/time format.',
);

export const typeMismatchNumber = valueCheck(
  'TYPE_MISMATCH_NUMBER',
  'WARNING',
  'Type mismatch number',
  'A Numeric condition value is not a number.',
  'Numeric',
  (v) => parseNumeric(v) !== undefined,
  (c) => `Add a valid numeric value for the condition operator ${c.operator.text}.`,
);

export const typeMismatchIpRange = valueCheck(
  'TYPE_MISMATCH_IP_RANGE',
  'ERROR',
  'Type mismatch IP range',
  'An IpAddress/NotIpAddress value is not an IP address or CIDR range.',
  'IPAddress',
  (v) => parseCidr(v) !== undefined,
  (c) =>
    `The condition operator ${c.operator.text} is used with an invalid IP range value. Specify the IP range in standard CIDR format.`,
);

export const typeMismatchString = valueCheck(
  'TYPE_MISMATCH_STRING',
  'WARNING',
  'Type mismatch string',
  'A BinaryEquals value is not base64.',
  'Binary',
  (v) => parseBinary(v) !== undefined,
  (c) => `Add a valid base64-encoded string value for the condition operator ${c.operator.text}.`,
);

export const invalidConditionDataType = defineCheck(
  {
    issueCode: 'INVALID_CONDITION_DATA_TYPE',
    findingType: 'ERROR',
    title: 'Invalid condition data type',
    description: 'The values of one condition key mix JSON data types.',
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      const types = new Set(c.values.map((v) => typeof v.value));
      if (types.size > 1) {
        ctx.report(
          'The condition value data types do not match. Use condition values of the same JSON data type.',
          c.key.loc,
        );
      }
    }
  },
);

export const invalidDateValue = defineCheck(
  {
    issueCode: 'INVALID_DATE_VALUE',
    findingType: 'WARNING',
    title: 'Invalid date value',
    description: 'A Date condition value is epoch time, which may not resolve as expected.',
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      if (operatorFamily(c.operator.base) !== 'Date') continue;
      for (const v of c.values) {
        if (typeof v.value === 'number' || (typeof v.value === 'string' && /^\d+$/.test(v.value.trim()))) {
          ctx.report(
            `The date ${v.value} might not resolve as expected. We recommend that you use the YYYY-MM-DD format.`,
            v.loc,
          );
        }
      }
    }
  },
);

export const invalidConditionMultipleBoolean = defineCheck(
  {
    issueCode: 'INVALID_CONDITION_MULTIPLE_BOOLEAN',
    findingType: 'ERROR',
    title: 'Invalid condition multiple Boolean',
    description: 'A Bool condition key has more than one value.',
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      if (c.operator.base === 'Bool' && !c.operator.qualifier && c.values.length > 1) {
        ctx.report(
          'The condition key does not support multiple Boolean values. Use a single Boolean value.',
          c.key.loc,
        );
      }
    }
  },
);

function ipWords(text: string): number[] | undefined {
  const slash = text.indexOf('/');
  return parseIp(slash < 0 ? text : text.slice(0, slash))?.words;
}

function formatCidr(text: string): string | undefined {
  const c = parseCidr(text);
  if (!c) return undefined;
  if (c.version === 4) {
    const w = c.words[0];
    return `${w >>> 24}.${(w >>> 16) & 255}.${(w >>> 8) & 255}.${w & 255}/${c.prefix}`;
  }
  const groups: string[] = [];
  for (const w of c.words) groups.push(((w >>> 16) & 0xffff).toString(16), (w & 0xffff).toString(16));
  return `${groups.join(':')}/${c.prefix}`;
}

export const improveIpRange = defineCheck(
  {
    issueCode: 'IMPROVE_IP_RANGE',
    findingType: 'SUGGESTION',
    title: 'Improve IP range',
    description: 'A CIDR range has bits set after its prefix length; they are ignored.',
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      if (operatorFamily(c.operator.base) !== 'IPAddress') continue;
      for (const v of c.values) {
        if (typeof v.value !== 'string') continue;
        const cidr = parseCidr(v.value);
        const raw = ipWords(v.value.trim());
        if (!cidr || !raw) continue;
        if (raw.some((w, i) => w !== cidr.words[i])) {
          ctx.report(
            `The non-zero bits in the IP address after the masked bits are ignored. Replace address with ${formatCidr(v.value)}.`,
            v.loc,
          );
        }
      }
    }
  },
);

// Private address space: RFC 1918 (IPv4) and RFC 4193 unique local addresses (IPv6).
const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'].map(
  (r) => parseCidr(r)!,
);

function isPrivateRange(text: string): boolean | undefined {
  const c = parseCidr(text);
  if (!c) return undefined;
  return PRIVATE_RANGES.some((p) => {
    if (p.version !== c.version || c.prefix < p.prefix) return false;
    for (let i = 0; i < p.words.length; i++) {
      const bits = p.prefix - 32 * i;
      const mask = bits >= 32 ? 0xffffffff : bits <= 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
      if ((c.words[i] & mask) >>> 0 !== p.words[i]) return false;
    }
    return true;
  });
}

function sourceIpCheck(
  issueCode: string,
  findingType: 'ERROR' | 'SUGGESTION',
  title: string,
  description: string,
  negated: boolean,
  mix: boolean,
  details: string,
): Check {
  return defineCheck({ issueCode, findingType, title, description }, (ctx) => {
    for (const [, c] of entries(ctx)) {
      if (c.keyLower !== 'aws:sourceip') continue;
      if (c.operator.base !== (negated ? 'NotIpAddress' : 'IpAddress')) continue;
      const flags = c.values.map((v) => (typeof v.value === 'string' ? isPrivateRange(v.value) : undefined));
      if (flags.some((f) => f === undefined) || flags.length === 0) continue;
      const priv = flags.filter(Boolean).length;
      if (mix ? priv > 0 && priv < flags.length : priv === flags.length) ctx.report(details, c.key.loc);
    }
  });
}

export const privateIpAddress = sourceIpCheck(
  'PRIVATE_IP_ADDRESS',
  'ERROR',
  'Private IP address',
  'aws:SourceIp with only private ranges never matches.',
  false,
  false,
  'aws:SourceIp works only for public IP address ranges. The values for condition key aws:SourceIp include only private IP addresses and will not have the desired effect. Update the value to include only public IP addresses.',
);

export const privateNotIpAddress = sourceIpCheck(
  'PRIVATE_NOT_IP_ADDRESS',
  'ERROR',
  'Private NotIpAddress',
  'NotIpAddress on aws:SourceIp with only private ranges always matches.',
  true,
  false,
  'The values for condition key aws:SourceIp include only private IP addresses and has no effect. aws:SourceIp works only for public IP address ranges. Update the value to include only public IP addresses.',
);

export const privateIpAddressSubset = sourceIpCheck(
  'PRIVATE_IP_ADDRESS_SUBSET',
  'SUGGESTION',
  'Private IP address subset',
  'aws:SourceIp mixes private and public ranges; the private ones never match.',
  false,
  true,
  'The values for condition key aws:SourceIp include a mix of private and public IP addresses. The private addresses will not have the desired effect. aws:SourceIp works only for public IP address ranges. To define permissions for private IP ranges, use aws:VpcSourceIp.',
);

export const privateNotIpAddressSubset = sourceIpCheck(
  'PRIVATE_NOT_IP_ADDRESS_SUBSET',
  'SUGGESTION',
  'Private NotIpAddress subset',
  'NotIpAddress on aws:SourceIp mixes private and public ranges; the private ones have no effect.',
  true,
  true,
  'The values for condition key aws:SourceIp include a mix of private and public IP addresses. The private addresses have no effect. aws:SourceIp works only for public IP address ranges. To define permissions for private IP ranges, use aws:VpcSourceIp.',
);

export const invalidVariableForOperator = defineCheck(
  {
    issueCode: 'INVALID_VARIABLE_FOR_OPERATOR',
    findingType: 'ERROR',
    title: 'Invalid variable for operator',
    description: 'Policy variables work only with String and ARN operators.',
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      if (supportsVariables(c.operator.base)) continue;
      for (const v of c.values) {
        if (
          typeof v.value === 'string' &&
          findVariables(v.value).some((x) => !['*', '?', '$'].includes(x.key))
        ) {
          ctx.report('Policy variables can only be used with String and ARN operators.', v.loc);
        }
      }
    }
  },
);

// ---------------------------------------------------------------------------------------------
// Qualifiers (ForAllValues / ForAnyValue) and single- vs multivalued keys
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
// ---------------------------------------------------------------------------------------------

export const missingQualifier = defineCheck(
  {
    issueCode: 'MISSING_QUALIFIER',
    findingType: 'ERROR',
    title: 'Missing qualifier',
    description: 'A multivalued condition key is used without ForAllValues or ForAnyValue.',
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      if (c.operator.qualifier || c.operator.base === 'Null') continue;
      const info = ctx.key(c.key.value);
      // Only global multivalued keys: service data lists many keys as ArrayOf* that AWS's own
      // policies (and Access Analyzer) use with plain operators.
      if (!info?.global || !isMultivaluedType(info.type)) continue;
      ctx.report(
        `The request context key ${c.key.value} has multiple values. Use the ForAllValues or ForAnyValue condition key qualifiers in your policy.`,
        c.operatorLoc,
      );
    }
  },
);

export const forAllValuesWithSingleValuedKey = defineCheck(
  {
    issueCode: 'FORALLVALUES_WITH_SINGLE_VALUED_KEY',
    findingType: 'SECURITY_WARNING',
    title: 'ForAllValues with single valued key',
    description: 'ForAllValues with a single-valued key also matches when the key is absent.',
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      if (c.operator.qualifier !== 'ForAllValues' || c.operator.base === 'Null') continue;
      const info = ctx.key(c.key.value);
      if (!info || isMultivaluedType(info.type)) continue;
      ctx.report(
        `Using ForAllValues qualifier with the single-valued condition key ${c.key.value} can be overly permissive. We recommend that you remove ForAllValues:.`,
        c.operatorLoc,
      );
    }
  },
);

export const nullWithQualifier = defineCheck(
  {
    issueCode: 'NULL_WITH_QUALIFIER',
    findingType: 'SUGGESTION',
    title: 'Null with qualifier',
    description: 'Null with ForAllValues/ForAnyValue always returns true/false.',
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      if (c.operator.base === 'Null' && c.operator.qualifier) {
        ctx.report(
          'Avoid using the Null condition operator with the ForAllValues or ForAnyValue qualifiers because they always return a true or false respectively.',
          c.operatorLoc,
        );
      }
    }
  },
);

function isAudienceKey(key: string): boolean {
  return isProviderKey(key) && key.toLowerCase().endsWith(':aud');
}

export const forAnyValueWithAudienceClaimType = defineCheck(
  {
    issueCode: 'FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE',
    findingType: 'SECURITY_WARNING',
    title: 'ForAnyValue with audience claim type',
    description: 'ForAnyValue on a single-valued OIDC audience (aud) claim.',
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      if (c.operator.qualifier === 'ForAnyValue' && isAudienceKey(c.key.value)) {
        ctx.report(
          `Using ForAnyValue qualifier with the single-valued condition key ${c.key.value} can be overly permissive. We recommend that you remove ForAnyValue:.`,
          c.operatorLoc,
        );
      }
    }
  },
);

export const confirmAudienceClaimType = defineCheck(
  {
    issueCode: 'CONFIRM_AUDIENCE_CLAIM_TYPE',
    findingType: 'SUGGESTION',
    title: 'Confirm audience claim type',
    description: 'ForAllValues on an OIDC audience (aud) claim, which is usually single-valued.',
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      if (c.operator.qualifier === 'ForAllValues' && isAudienceKey(c.key.value)) {
        ctx.report(
          `The "${c.key.value}" (aud) claim key identifies the recipients that the JSON web token is intended for. Because this claim is single-valued, do not use a qualifier.`,
          c.operatorLoc,
        );
      }
    }
  },
);

// ---------------------------------------------------------------------------------------------
// Wildcards in values
// ---------------------------------------------------------------------------------------------

function hasLiteralWildcard(v: ConditionValue): boolean {
  if (typeof v !== 'string') return false;
  // ${*} and ${?} stand for literal characters.
  const stripped = v.replace(/\$\{[*?$]\}/g, '');
  return stripped.includes('*') || stripped.includes('?');
}

export const wildcardWithoutLikeOperator = defineCheck(
  {
    issueCode: 'WILDCARD_WITHOUT_LIKE_OPERATOR',
    findingType: 'WARNING',
    title: 'Wildcard without like operator',
    description: 'A value contains * or ? but the operator does not do wildcard matching.',
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      const fam = operatorFamily(c.operator.base);
      if ((fam !== 'String' && fam !== 'ARN') || c.operator.base.includes('Like')) continue;
      for (const v of c.values) {
        if (hasLiteralWildcard(v.value)) {
          ctx.report(
            'Your condition value includes a * or ? character. If you meant to use a wildcard (*, ?), update the condition operator to include Like.',
            v.loc,
          );
        }
      }
    }
  },
);

export const stringLikeOperatorWithArnConditionKeys = defineCheck(
  {
    issueCode: 'STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS',
    findingType: 'SECURITY_WARNING',
    title: 'String like operator with ARN condition keys',
    description: 'StringLike on an ARN key: ArnLike matches ARN components separately.',
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      if (c.operator.base !== 'StringLike' && c.operator.base !== 'StringNotLike') continue;
      const info = ctx.key(c.key.value);
      if (!info || baseKeyType(info.type) !== 'ARN') continue;
      const allowed = c.operator.base === 'StringLike' ? 'ArnLike' : 'ArnNotLike';
      ctx.report(
        `Use the operator type ${allowed} instead of operator ${c.operator.text} for the condition key ${c.key.value}.`,
        c.operatorLoc,
      );
    }
  },
);

function onlyStar(c: ConditionEntry): boolean {
  return c.values.length > 0 && c.values.some((v) => v.value === '*');
}

function isLike(base: BaseOperator): boolean {
  return base === 'StringLike' || base === 'ArnLike';
}

function isNotLike(base: BaseOperator): boolean {
  return base === 'StringNotLike' || base === 'ArnNotLike';
}

export const equivalentToNullFalse = defineCheck(
  {
    issueCode: 'EQUIVALENT_TO_NULL_FALSE',
    findingType: 'SUGGESTION',
    title: 'Equivalent to null false',
    description: 'A Like operator with "*" only tests that the key is present.',
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      if (isLike(c.operator.base) && !c.operator.qualifier && !c.operator.ifExists && onlyStar(c)) {
        ctx.report(
          `We recommend replacing the key ${c.key.value} in the condition block of ${c.operator.text} with {"Null": {"${c.key.value}": "false"}} to ensure better enforcement of the condition.`,
          c.key.loc,
        );
      }
    }
  },
);

export const equivalentToNullTrue = defineCheck(
  {
    issueCode: 'EQUIVALENT_TO_NULL_TRUE',
    findingType: 'SUGGESTION',
    title: 'Equivalent to null true',
    description: 'A NotLike operator with "*" only tests that the key is absent.',
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      if (isNotLike(c.operator.base) && !c.operator.qualifier && onlyStar(c)) {
        ctx.report(
          `We recommend replacing the key ${c.key.value} in the condition block of ${c.operator.text} with {"Null": {"${c.key.value}": "true"}} to ensure better enforcement of the condition.`,
          c.key.loc,
        );
      }
    }
  },
);

export const redundantKeyDueToWildcardInCondition = defineCheck(
  {
    issueCode: 'REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION',
    findingType: 'SUGGESTION',
    title: 'Redundant key due to wildcard in condition',
    description: 'A key whose condition always matches ("*" with IfExists or ForAllValues).',
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      const always =
        isLike(c.operator.base) &&
        onlyStar(c) &&
        (c.operator.qualifier === 'ForAllValues' || (c.operator.ifExists && !c.operator.qualifier));
      if (always) {
        ctx.report(
          `The key ${c.key.value} in the condition block of ${c.operator.text} is redundant because it is always matched. Remove this key to simplify the condition.`,
          c.key.loc,
        );
      }
    }
  },
);

export const redundantStatementDueToWildcardInCondition = defineCheck(
  {
    issueCode: 'REDUNDANT_STATEMENT_DUE_TO_WILDCARD_IN_CONDITION',
    findingType: 'SUGGESTION',
    title: 'Redundant statement due to wildcard in condition',
    description: 'A key whose condition never matches (ForAnyValue with a NotLike "*").',
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      if (isNotLike(c.operator.base) && c.operator.qualifier === 'ForAnyValue' && onlyStar(c)) {
        ctx.report(
          `The key ${c.key.value} in the condition block of ${c.operator.text} does not match any values. Remove this key to simplify the condition.`,
          c.key.loc,
        );
      }
    }
  },
);

export const redundantConditionValueNum = defineCheck(
  {
    issueCode: 'REDUNDANT_CONDITION_VALUE_NUM',
    findingType: 'SUGGESTION',
    title: 'Redundant condition value num',
    description: 'Several values for a numeric less-than/greater-than operator: only the extreme one counts.',
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      const b = c.operator.base;
      const less = b === 'NumericLessThan' || b === 'NumericLessThanEquals';
      const greater = b === 'NumericGreaterThan' || b === 'NumericGreaterThanEquals';
      if ((!less && !greater) || c.operator.qualifier || c.values.length < 2) continue;
      ctx.report(
        `Multiple values in ${c.operator.text} are redundant. Replace with the ${less ? 'greatest' : 'least'} single value for ${c.key.value}.`,
        c.key.loc,
      );
    }
  },
);

// ---------------------------------------------------------------------------------------------
// Specific keys
// ---------------------------------------------------------------------------------------------

export const missingPairedConditionKeys = defineCheck(
  {
    issueCode: 'MISSING_PAIRED_CONDITION_KEYS',
    findingType: 'SECURITY_WARNING',
    title: 'Missing paired condition keys',
    description: 'aws:VpcSourceIp is safe only together with aws:SourceVpc or aws:SourceVpce.',
  },
  (ctx) => {
    for (const st of ctx.statements) {
      const ip = st.conditions.find((c) => c.keyLower === 'aws:vpcsourceip');
      if (!ip) continue;
      if (st.conditions.some((c) => c.keyLower === 'aws:sourcevpc' || c.keyLower === 'aws:sourcevpce'))
        continue;
      ctx.report(
        `Using the condition key ${ip.key.value} can be overly permissive without also using the following condition keys: aws:SourceVpc, aws:SourceVpce. Condition keys like this one are more secure when paired with a related key. We recommend that you add the related condition keys to the same condition block.`,
        ip.key.loc,
      );
    }
  },
);

function formatCheck(
  issueCode: string,
  title: string,
  description: string,
  key: string,
  valid: RegExp,
  details: string,
): Check {
  return defineCheck({ issueCode, findingType: 'ERROR', title, description }, (ctx) => {
    for (const [, c] of entries(ctx)) {
      if (c.keyLower !== key || operatorFamily(c.operator.base) !== 'String') continue;
      for (const v of c.values) {
        if (typeof v.value !== 'string' || hasLiteralWildcard(v.value) || hasVariable(v.value)) continue;
        if (!valid.test(v.value)) ctx.report(details, v.loc);
      }
    }
  });
}

export const invalidVpcFormat = formatCheck(
  'INVALID_VPC_FORMAT',
  'Invalid vpc format',
  'An aws:SourceVpc value is not vpc- followed by 8 or 17 alphanumeric characters.',
  'aws:sourcevpc',
  /^vpc-([A-Za-z0-9]{8}|[A-Za-z0-9]{17})$/,
  "The VPC identifier in the condition key value is not valid. Use the prefix 'vpc-' followed by 8 or 17 alphanumeric characters.",
);

export const invalidVpceFormat = formatCheck(
  'INVALID_VPCE_FORMAT',
  'Invalid vpce format',
  'An aws:SourceVpce value is not vpce- followed by 8 or 17 alphanumeric characters.',
  'aws:sourcevpce',
  /^vpce-([A-Za-z0-9]{8}|[A-Za-z0-9]{17})$/,
  "The VPCE identifier in the condition key value is not valid.  Use the prefix 'vpce-' followed by 8 or 17 alphanumeric characters.",
);

export const invalidRegion = defineCheck(
  {
    issueCode: 'INVALID_REGION',
    findingType: 'ERROR',
    title: 'Invalid Region',
    description: 'An aws:RequestedRegion value is not a Region code.',
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      if (c.keyLower !== 'aws:requestedregion' || operatorFamily(c.operator.base) !== 'String') continue;
      for (const v of c.values) {
        if (typeof v.value !== 'string' || hasLiteralWildcard(v.value) || hasVariable(v.value)) continue;
        if (!/^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/.test(v.value)) {
          ctx.report(
            `The Region ${v.value} is not valid. Update the condition value to a supported Region.`,
            v.loc,
          );
        }
      }
    }
  },
);

const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;

export const invalidKmsKeyValue = defineCheck(
  {
    issueCode: 'INVALID_KMS_KEY_VALUE',
    findingType: 'ERROR',
    title: 'Invalid kms key value',
    description: 'A key that names a KMS key has a value that is not a KMS key ARN.',
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      if (c.keyLower !== 's3:x-amz-server-side-encryption-aws-kms-key-id') continue;
      if (c.operator.base !== 'StringEquals' && c.operator.base !== 'ArnEquals') continue;
      for (const v of c.values) {
        if (typeof v.value !== 'string' || hasVariable(v.value)) continue;
        if (!KMS_KEY_ARN.test(v.value)) {
          ctx.report(`The ${c.key.value} condition key value must be a valid KMS key ARN.`, v.loc);
        }
      }
    }
  },
);

export const untrustworthyConditionKey = defineCheck(
  {
    issueCode: 'UNTRUSTWORTHY_CONDITION_KEY',
    findingType: 'SECURITY_WARNING',
    title: 'Untrustworthy condition key',
    description: 'aws:UserAgent and aws:Referer are set by the caller and can be spoofed.',
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      if (c.keyLower === 'aws:useragent' || c.keyLower === 'aws:referer') {
        ctx.report(
          `The ${c.key.value} condition key is not recommended for access control as it can be spoofed/manipulated by the caller.`,
          c.key.loc,
        );
      }
    }
  },
);

export const dynamodbAttributesWithoutSelect = defineCheck(
  {
    issueCode: 'DYNAMODB_ATTRIBUTES_WITHOUT_SELECT',
    findingType: 'SECURITY_WARNING',
    title: 'DynamoDB attributes without select',
    description: 'dynamodb:Attributes restricts nothing unless dynamodb:Select is SPECIFIC_ATTRIBUTES.',
  },
  (ctx) => {
    for (const st of ctx.statements) {
      const attrs = st.conditions.find((c) => c.keyLower === 'dynamodb:attributes');
      if (!attrs) continue;
      const select = st.conditions.some(
        (c) =>
          c.keyLower === 'dynamodb:select' &&
          c.operator.base === 'StringEquals' &&
          c.values.length > 0 &&
          c.values.every((v) => v.value === 'SPECIFIC_ATTRIBUTES'),
      );
      if (!select) {
        ctx.report(
          'Restricting dynamodb:Attributes without also setting dynamodb:Select to SPECIFIC_ATTRIBUTES allows all attributes to be returned on read requests that omit a projection expression. We recommend that you also set dynamodb:Select to SPECIFIC_ATTRIBUTES.',
          attrs.key.loc,
        );
      }
    }
  },
);

export const s3PrefixInNegativeContext = defineCheck(
  {
    issueCode: 'S3_PREFIX_IN_NEGATIVE_CONTEXT',
    findingType: 'SECURITY_WARNING',
    title: 'S3 prefix in negative context',
    description: 's3:prefix in a Deny (or with a negated operator in an Allow) does not block listing.',
  },
  (ctx) => {
    for (const [st, c] of entries(ctx)) {
      if (c.keyLower !== 's3:prefix' || operatorFamily(c.operator.base) !== 'String') continue;
      const negated = isNegatedOperator(c.operator.base);
      const deny = st.effect.value === 'Deny';
      if (deny !== negated) {
        ctx.report(
          'Using the s3:prefix condition key in a Deny statement or with a negated string operator does not block listing the objects under the matching prefixes. A request that specifies a shorter prefix does not match the condition and can still list those objects. To restrict listing to specific prefixes, use s3:prefix with StringLike in an Allow statement, or use a Deny statement with StringNotLike.',
          c.key.loc,
        );
      }
    }
  },
);

export const irrelevantConditionKeyInPolicy = defineCheck(
  {
    issueCode: 'IRRELEVANT_CONDITION_KEY_IN_POLICY',
    findingType: 'SUGGESTION',
    title: 'Irrelevant condition key in policy',
    description: 's3:ResourceAccount says nothing in a bucket or access point policy.',
    policyTypes: ['RESOURCE_POLICY'],
  },
  (ctx) => {
    if (ctx.resourceType !== 'AWS::S3::Bucket' && ctx.resourceType !== 'AWS::S3::AccessPoint') return;
    for (const [, c] of entries(ctx)) {
      if (c.keyLower === 's3:resourceaccount') {
        ctx.report(
          `The condition key ${c.key.value} is not relevant for the ${ctx.resourceType} policy.  Use this key in an identity-based policy to govern access to this resource.`,
          c.key.loc,
        );
      }
    }
  },
);

export const conditionChecks: Check[] = [
  invalidConditionKeyFormat,
  unsupportedGlobalConditionKey,
  missingTagKeyInCondition,
  invalidGlobalConditionKey,
  invalidService,
  invalidServiceConditionKey,
  duplicateKeysWithDifferentCase,
  typeMismatch,
  typeMismatchBoolean,
  typeMismatchNullBoolean,
  typeMismatchDate,
  typeMismatchNumber,
  typeMismatchIpRange,
  typeMismatchString,
  invalidConditionDataType,
  invalidDateValue,
  invalidConditionMultipleBoolean,
  improveIpRange,
  privateIpAddress,
  privateNotIpAddress,
  privateIpAddressSubset,
  privateNotIpAddressSubset,
  invalidVariableForOperator,
  missingQualifier,
  forAllValuesWithSingleValuedKey,
  nullWithQualifier,
  forAnyValueWithAudienceClaimType,
  confirmAudienceClaimType,
  wildcardWithoutLikeOperator,
  stringLikeOperatorWithArnConditionKeys,
  equivalentToNullFalse,
  equivalentToNullTrue,
  redundantKeyDueToWildcardInCondition,
  redundantStatementDueToWildcardInCondition,
  redundantConditionValueNum,
  missingPairedConditionKeys,
  invalidVpcFormat,
  invalidVpceFormat,
  invalidRegion,
  invalidKmsKeyValue,
  untrustworthyConditionKey,
  dynamodbAttributesWithoutSelect,
  s3PrefixInNegativeContext,
  irrelevantConditionKeyInPolicy,
];
