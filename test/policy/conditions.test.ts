// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables are written as literal ${...} text
/**
 * Condition operators, set qualifiers, IfExists, Null and policy variables in conditions.
 * Each table cites the AWS page its rows come from; most rows are the pages' own tables.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileCondition,
  conditionKeysOf,
  matchesIp,
  parseBool,
  parseCidr,
  parseDate,
  parseNumeric,
} from '../../src/policy/conditions.js';
import { Context, type ContextInput } from '../../src/policy/context.js';
import { supportsPolicyVariables } from '../../src/policy/model.js';
import { parsePolicyStrict } from '../../src/policy/parse.js';

const OPS =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html';
const SETS =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html';
const MULTI =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html';
const VARS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html';
const MV_EXAMPLES =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition_examples-multi-valued-context-keys.html';

/** Parses a real policy around `condition` and returns the statement's compiled condition block. */
function block(condition: unknown, version: string | null = '2012-10-17'): (ctx: ContextInput) => boolean {
  const policy: Record<string, unknown> = {
    Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: condition }],
  };
  if (version !== null) policy.Version = version;
  const doc = parsePolicyStrict(JSON.stringify(policy, null, 2));
  const variables = supportsPolicyVariables(doc);
  const fns = doc.statements[0].conditions.map((e) => compileCondition(e, { variables }));
  return (ctx) => {
    const c = new Context(ctx);
    return fns.every((f) => f(c));
  };
}

type Row = [name: string, condition: unknown, context: ContextInput, expected: boolean];

function table(rows: Row[]): void {
  it.each(rows)('%s', (_name, condition, context, expected) => {
    expect(block(condition)(context)).toBe(expected);
  });
}

describe(`String operators (${OPS}#Conditions_String)`, () => {
  const jobCategory = { StringEquals: { 'aws:PrincipalTag/job-category': 'iamuser-admin' } };
  table([
    [
      'StringEquals matches (doc table)',
      jobCategory,
      { 'aws:PrincipalTag/job-category': 'iamuser-admin' },
      true,
    ],
    [
      'StringEquals other value (doc table)',
      jobCategory,
      { 'aws:PrincipalTag/job-category': 'dev-ops' },
      false,
    ],
    ['StringEquals absent key (doc table)', jobCategory, {}, false],
    [
      'StringEquals is case sensitive',
      jobCategory,
      { 'aws:PrincipalTag/job-category': 'IAMUSER-ADMIN' },
      false,
    ],
    [
      'key names are case-insensitive',
      jobCategory,
      { 'AWS:PRINCIPALTAG/JOB-CATEGORY': 'iamuser-admin' },
      true,
    ],
    ['StringNotEquals other value', { StringNotEquals: { k: ['a', 'b'] } }, { k: 'c' }, true],
    ['StringNotEquals listed value (NOR)', { StringNotEquals: { k: ['a', 'b'] } }, { k: 'b' }, false],
    ['StringNotEquals absent key is true', { StringNotEquals: { k: ['a', 'b'] } }, {}, true],
    [
      'StringEqualsIgnoreCase ignores case (PreProd)',
      { StringEqualsIgnoreCase: { 'aws:RequestTag/environment': ['preprod', 'storage'] } },
      { 'aws:RequestTag/environment': 'PreProd' },
      true,
    ],
    [
      'StringEqualsIgnoreCase other value',
      { StringEqualsIgnoreCase: { k: 'preprod' } },
      { k: 'prod' },
      false,
    ],
    [
      'StringNotEqualsIgnoreCase same letters',
      { StringNotEqualsIgnoreCase: { k: 'ABC' } },
      { k: 'abc' },
      false,
    ],
    ['StringNotEqualsIgnoreCase different', { StringNotEqualsIgnoreCase: { k: 'ABC' } }, { k: 'abd' }, true],
    [
      'StringLike * anywhere',
      { StringLike: { 'ec2:InstanceType': ['t1.*', 't2.*', 'm3.*'] } },
      { 'ec2:InstanceType': 't2.micro' },
      true,
    ],
    [
      'StringLike no pattern matches',
      { StringLike: { 'ec2:InstanceType': ['t1.*', 't2.*'] } },
      { 'ec2:InstanceType': 'm2.micro' },
      false,
    ],
    ['StringLike ? is one character', { StringLike: { k: 'a?c' } }, { k: 'abc' }, true],
    ['StringLike ? is exactly one character', { StringLike: { k: 'a?c' } }, { k: 'ac' }, false],
    ['StringLike wildcard in the middle', { StringLike: { k: '*mid*' } }, { k: 'x-mid-y' }, true],
    [
      'StringLike without wildcard is exact ("You must specify wildcards")',
      { StringLike: { k: 'abc' } },
      { k: 'abcd' },
      false,
    ],
    [
      'StringLike empty string value',
      { StringLike: { 's3:prefix': ['', 'home/'] } },
      { 's3:prefix': '' },
      true,
    ],
    ['StringNotLike matching value', { StringNotLike: { k: 'a*' } }, { k: 'abc' }, false],
    ['StringNotLike absent key is true', { StringNotLike: { k: 'a*' } }, {}, true],
    [
      'number condition value compares as text',
      { StringEquals: { 's3:max-keys': 10 } },
      { 's3:max-keys': '10' },
      true,
    ],
    ['boolean condition value compares as text', { StringEquals: { k: true } }, { k: true }, true],
  ]);
});

describe(`Numeric operators (${OPS}#Conditions_Numeric)`, () => {
  const maxKeys = { NumericLessThanEquals: { 's3:max-keys': '10' } };
  table([
    ['NumericLessThanEquals equal', maxKeys, { 's3:max-keys': '10' }, true],
    ['NumericLessThanEquals below', maxKeys, { 's3:max-keys': 3 }, true],
    ['NumericLessThanEquals above', maxKeys, { 's3:max-keys': '11' }, false],
    ['NumericLessThanEquals absent', maxKeys, {}, false],
    ['NumericEquals decimal', { NumericEquals: { k: '1.50' } }, { k: '1.5' }, true],
    ['NumericEquals JSON number', { NumericEquals: { k: 7 } }, { k: '7' }, true],
    ['NumericNotEquals different', { NumericNotEquals: { k: '7' } }, { k: '8' }, true],
    ['NumericNotEquals equal', { NumericNotEquals: { k: '7' } }, { k: '7.0' }, false],
    ['NumericNotEquals absent key is true', { NumericNotEquals: { k: '7' } }, {}, true],
    ['NumericLessThan', { NumericLessThan: { k: '10' } }, { k: '9.99' }, true],
    ['NumericLessThan not less', { NumericLessThan: { k: '10' } }, { k: '10' }, false],
    ['NumericGreaterThan', { NumericGreaterThan: { k: '-1' } }, { k: '0' }, true],
    ['NumericGreaterThanEquals', { NumericGreaterThanEquals: { k: '5' } }, { k: '5' }, true],
    ['several values are ORed', { NumericEquals: { k: ['1', '2'] } }, { k: '2' }, true],
    [
      'unreadable request value: positive operator false',
      { NumericLessThan: { k: '10' } },
      { k: 'abc' },
      false,
    ],
    [
      'unreadable request value: negated operator false too',
      { NumericNotEquals: { k: '10' } },
      { k: 'abc' },
      false,
    ],
    [
      'numeric operators take no policy variables',
      { NumericEquals: { k: '${aws:x}' } },
      { k: '1', 'aws:x': '1' },
      false,
    ],
  ]);
});

describe(`Date operators (${OPS}#Conditions_Date)`, () => {
  const issued = { DateGreaterThan: { 'aws:TokenIssueTime': '2020-01-01T00:00:01Z' } };
  table([
    ['DateGreaterThan later', issued, { 'aws:TokenIssueTime': '2020-06-01T00:00:00Z' }, true],
    ['DateGreaterThan earlier', issued, { 'aws:TokenIssueTime': '2019-12-31T23:59:59Z' }, false],
    ['DateGreaterThan equal is not greater', issued, { 'aws:TokenIssueTime': '2020-01-01T00:00:01Z' }, false],
    ['DateGreaterThan absent key', issued, {}, false],
    ['epoch seconds in the request', issued, { 'aws:TokenIssueTime': '1577836802' }, true],
    [
      'epoch seconds in the policy',
      { DateLessThan: { 'aws:EpochTime': 1700000000 } },
      { 'aws:EpochTime': '1699999999' },
      true,
    ],
    [
      'DateEquals across time zones',
      { DateEquals: { k: '2020-01-01T02:00:00+02:00' } },
      { k: '2020-01-01T00:00:00Z' },
      true,
    ],
    [
      'DateEquals with fractional seconds',
      { DateEquals: { k: '2020-01-01T00:00:00.500Z' } },
      { k: '2020-01-01T00:00:00.5Z' },
      true,
    ],
    [
      'date-only value is midnight UTC',
      { DateLessThanEquals: { k: '2020-01-01' } },
      { k: '2020-01-01T00:00:00Z' },
      true,
    ],
    [
      'DateGreaterThanEquals',
      { DateGreaterThanEquals: { k: '2020-01' } },
      { k: '2020-01-01T00:00:00Z' },
      true,
    ],
    ['DateNotEquals absent key is true', { DateNotEquals: { k: '2020-01-01' } }, {}, true],
    ['DateNotEquals equal', { DateNotEquals: { k: '2020-01-01' } }, { k: '2020-01-01T00:00:00Z' }, false],
    [
      'unreadable request date: DateLessThan false',
      { DateLessThan: { k: '2030-01-01' } },
      { k: 'yesterday' },
      false,
    ],
    [
      'unreadable request date: DateNotEquals false too',
      { DateNotEquals: { k: '2030-01-01' } },
      { k: 'yesterday' },
      false,
    ],
  ]);
});

describe(`Bool (${OPS}#Conditions_Boolean)`, () => {
  const secure = { Bool: { 'aws:SecureTransport': 'false' } };
  table([
    ['false matches false (doc table)', secure, { 'aws:SecureTransport': 'false' }, true],
    ['true does not match false (doc table)', secure, { 'aws:SecureTransport': 'true' }, false],
    ['absent key (doc table)', secure, {}, false],
    [
      'context boolean',
      { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
      { 'aws:MultiFactorAuthPresent': true },
      true,
    ],
    [
      'JSON boolean in the policy',
      { Bool: { 'aws:MultiFactorAuthPresent': true } },
      { 'aws:MultiFactorAuthPresent': 'true' },
      true,
    ],
    ['BoolIfExists absent key is true', { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } }, {}, true],
    [
      'BoolIfExists present false',
      { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } },
      { 'aws:MultiFactorAuthPresent': false },
      false,
    ],
    ['unreadable boolean in the request', secure, { 'aws:SecureTransport': 'maybe' }, false],
    [
      'Bool accepts policy variables ("Policy variables – Supported")',
      { Bool: { k: '${aws:x}' } },
      { k: 'true', 'aws:x': 'true' },
      true,
    ],
  ]);
});

describe(`BinaryEquals (${OPS}#Conditions_BinaryEquals)`, () => {
  const bin = { BinaryEquals: { key: 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' } };
  table([
    ['same bytes (doc table)', bin, { key: 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' }, true],
    ['other value (doc table)', bin, { key: 'ASIAIOSFODNN7EXAMPLE' }, false],
    ['absent key (doc table)', bin, {}, false],
  ]);
});

describe(`IP address operators (${OPS}#Conditions_IPAddress)`, () => {
  const range = { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } };
  const mixed = { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:DB8:1234:5678::/64'] } };
  table([
    ['inside the range (doc table)', range, { 'aws:SourceIp': '203.0.113.1' }, true],
    ['outside the range (doc table)', range, { 'aws:SourceIp': '198.51.100.1' }, false],
    ['absent key', range, {}, false],
    ['IPv6 range (mixed example)', mixed, { 'aws:SourceIp': '2001:db8:1234:5678:abcd::1' }, true],
    ['IPv6 outside', mixed, { 'aws:SourceIp': '2001:db8:1234:5679::1' }, false],
    ['IPv4 inside (mixed example)', mixed, { 'aws:SourceIp': '203.0.113.200' }, true],
    [
      'plain address means /32',
      { IpAddress: { 'aws:SourceIp': '203.0.113.7' } },
      { 'aws:SourceIp': '203.0.113.7' },
      true,
    ],
    [
      'plain address /32 excludes neighbours',
      { IpAddress: { 'aws:SourceIp': '203.0.113.7' } },
      { 'aws:SourceIp': '203.0.113.8' },
      false,
    ],
    [
      'NotIpAddress outside',
      { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
      { 'aws:SourceIp': '198.51.100.1' },
      true,
    ],
    [
      'NotIpAddress inside',
      { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
      { 'aws:SourceIp': '203.0.113.9' },
      false,
    ],
    ['NotIpAddress absent key is true', { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, {}, true],
    [
      'IPv4 address never in an IPv6 range',
      { IpAddress: { 'aws:SourceIp': '::/0' } },
      { 'aws:SourceIp': '10.0.0.1' },
      false,
    ],
    ['unreadable address: IpAddress false', range, { 'aws:SourceIp': 'not-an-ip' }, false],
    [
      'unreadable address: NotIpAddress false too',
      { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
      { 'aws:SourceIp': 'x' },
      false,
    ],
  ]);
});

describe(`ARN operators (${OPS}#Conditions_ARN)`, () => {
  const topic = { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:us-west-2:123456789012:TOPIC-ID' } };
  const finance = { ArnLike: { k: 'arn:aws:someservice:*:111122223333:finance/*' } };
  table([
    [
      'ArnEquals same ARN (doc table)',
      topic,
      { 'aws:SourceArn': 'arn:aws:sns:us-west-2:123456789012:TOPIC-ID' },
      true,
    ],
    [
      'ArnEquals other account (doc table)',
      topic,
      { 'aws:SourceArn': 'arn:aws:sns:us-west-2:777788889999:TOPIC-ID' },
      false,
    ],
    ['ArnEquals absent key (doc table)', topic, {}, false],
    [
      'ArnLike checks components separately (doc: first * matches only us-east-2)',
      finance,
      { k: 'arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt' },
      false,
    ],
    [
      'StringLike on the same value matches (doc)',
      { StringLike: { k: 'arn:aws:someservice:*:111122223333:finance/*' } },
      { k: 'arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt' },
      true,
    ],
    ['ArnLike same shape', finance, { k: 'arn:aws:someservice:us-east-2:111122223333:finance/a:b' }, true],
    [
      'ArnLike is case sensitive',
      { ArnLike: { k: 'arn:aws:iam::*:role/Admin' } },
      { k: 'arn:aws:iam::1:role/admin' },
      false,
    ],
    [
      'ArnEquals accepts wildcards like ArnLike',
      { ArnEquals: { k: 'arn:aws:iam::*:role/*' } },
      { k: 'arn:aws:iam::1:role/x' },
      true,
    ],
    ['ArnNotLike absent key is true', { ArnNotLike: { k: 'arn:aws:iam::*:role/x' } }, {}, true],
    [
      'ArnNotEquals same ARN',
      { ArnNotEquals: { k: 'arn:aws:iam::1:role/x' } },
      { k: 'arn:aws:iam::1:role/x' },
      false,
    ],
  ]);
});

describe(`...IfExists (${OPS}#Conditions_IfExists)`, () => {
  const types = { StringLikeIfExists: { 'ec2:InstanceType': ['t1.*', 't2.*', 'm3.*'] } };
  table([
    ['present and matching (doc table)', types, { 'ec2:InstanceType': 't1.micro' }, true],
    ['present and not matching (doc table)', types, { 'ec2:InstanceType': 'm2.micro' }, false],
    ['absent key is true (doc table)', types, {}, true],
    ['StringNotEqualsIfExists absent key is true', { StringNotEqualsIfExists: { k: 'a' } }, {}, true],
    ['NumericLessThanIfExists present', { NumericLessThanIfExists: { k: '5' } }, { k: '9' }, false],
    ['IpAddressIfExists absent', { IpAddressIfExists: { 'aws:SourceIp': '10.0.0.0/8' } }, {}, true],
  ]);
});

describe(`Null (${OPS}#Conditions_Null)`, () => {
  table([
    ['Null true, key absent', { Null: { 'aws:TokenIssueTime': 'true' } }, {}, true],
    [
      'Null true, key present',
      { Null: { 'aws:TokenIssueTime': 'true' } },
      { 'aws:TokenIssueTime': '2020-01-01T00:00:00Z' },
      false,
    ],
    [
      'Null false, key present',
      { Null: { 'aws:TokenIssueTime': 'false' } },
      { 'aws:TokenIssueTime': '2020-01-01T00:00:00Z' },
      true,
    ],
    ['Null false, key absent', { Null: { 'aws:TokenIssueTime': 'false' } }, {}, false],
    ['Null JSON boolean', { Null: { k: true } }, {}, true],
    [
      'Null false, empty list counts as null',
      { Null: { 'aws:TagKeys': 'false' } },
      { 'aws:TagKeys': [] },
      false,
    ],
    [
      'Null true, list of empty strings counts as null',
      { Null: { 'aws:TagKeys': 'true' } },
      { 'aws:TagKeys': [''] },
      true,
    ],
    [
      'Null false, a single empty string is a present value',
      { Null: { 's3:prefix': 'false' } },
      { 's3:prefix': '' },
      true,
    ],
    [
      'Null takes no variables: value read literally',
      { Null: { k: '${aws:x}' } },
      { 'aws:x': 'true' },
      false,
    ],
  ]);
});

describe(`Set operators ForAllValues / ForAnyValue (${SETS})`, () => {
  const attrs = {
    'ForAllValues:StringLike': { 'dynamodb:requestedAttributes': ['PostDateTime', 'Message', 'Tags'] },
  };
  const tagKeysNotLike = { 'ForAllValues:StringNotLike': { 'aws:TagKeys': 'key1*' } };
  const envAny = {
    StringEqualsIgnoreCase: { 'aws:RequestTag/environment': ['preprod', 'storage'] },
    'ForAnyValue:StringEquals': { 'aws:TagKeys': 'environment' },
  };
  const logs = {
    'ForAllValues:ArnLike': {
      'logs:LogGeneratingResourceArns': [
        'arn:aws::cloudfront:123456789012:distribution/*',
        'arn:aws::cloudfront:123456789012:distribution/support*',
      ],
    },
  };
  table([
    [
      'ForAllValues every value listed',
      attrs,
      { 'dynamodb:requestedAttributes': ['PostDateTime', 'Message'] },
      true,
    ],
    [
      'ForAllValues one value not listed',
      attrs,
      { 'dynamodb:requestedAttributes': ['PostDateTime', 'UserName'] },
      false,
    ],
    ['ForAllValues absent key is true', attrs, {}, true],
    ['ForAllValues empty list is true (null dataset)', attrs, { 'dynamodb:requestedAttributes': [] }, true],
    [
      'ForAllValues empty string is true (null dataset)',
      attrs,
      { 'dynamodb:requestedAttributes': [''] },
      true,
    ],
    [
      'ForAllValues single-valued key is a set of one',
      attrs,
      { 'dynamodb:requestedAttributes': 'Tags' },
      true,
    ],
    [
      `ForAllValues:StringNotLike key1:legal -> no match (${MV_EXAMPLES})`,
      tagKeysNotLike,
      { 'aws:TagKeys': ['key1:legal'] },
      false,
    ],
    [
      'ForAllValues:StringNotLike key1:hr, key1:personnel -> no match',
      tagKeysNotLike,
      { 'aws:TagKeys': ['key1:hr', 'key1:personnel'] },
      false,
    ],
    [
      'ForAllValues:StringNotLike key2:audit -> match',
      tagKeysNotLike,
      { 'aws:TagKeys': ['key2:audit'] },
      true,
    ],
    ['ForAllValues:StringNotLike no aws:TagKeys -> match', tagKeysNotLike, {}, true],
    [
      'ForAllValues:StringNotLike mixed -> no match (none may match)',
      tagKeysNotLike,
      { 'aws:TagKeys': ['key2:a', 'key1:b'] },
      false,
    ],
    [
      'ForAnyValue row 1 (doc table)',
      envAny,
      { 'aws:TagKeys': ['environment'], 'aws:RequestTag/environment': 'preprod' },
      true,
    ],
    [
      'ForAnyValue row 2 (doc table)',
      envAny,
      { 'aws:TagKeys': ['environment', 'costcenter'], 'aws:RequestTag/environment': 'PreProd' },
      true,
    ],
    [
      'ForAnyValue row 3: case-sensitive key (doc table)',
      envAny,
      { 'aws:TagKeys': ['Environment'], 'aws:RequestTag/Environment': 'preprod' },
      false,
    ],
    [
      'ForAnyValue row 4 (doc table)',
      envAny,
      { 'aws:TagKeys': ['costcenter'], 'aws:RequestTag/environment': 'preprod' },
      false,
    ],
    [
      'ForAnyValue row 5: no aws:TagKeys (doc table)',
      envAny,
      { 'aws:RequestTag/environment': 'storage' },
      false,
    ],
    ['ForAnyValue row 6: no RequestTag (doc table)', envAny, { 'aws:TagKeys': ['environment'] }, false],
    ['ForAnyValue empty list is false', { 'ForAnyValue:StringEquals': { k: 'a' } }, { k: [] }, false],
    [
      'ForAnyValue:StringEqualsIfExists absent key is true',
      { 'ForAnyValue:StringEqualsIfExists': { k: 'a' } },
      {},
      true,
    ],
    [
      'ForAnyValue:StringNotEquals one value outside the list',
      { 'ForAnyValue:StringNotEquals': { k: ['a', 'b'] } },
      { k: ['a', 'z'] },
      true,
    ],
    [
      'ForAnyValue:StringNotEquals all values listed',
      { 'ForAnyValue:StringNotEquals': { k: ['a', 'b'] } },
      { k: ['a', 'b'] },
      false,
    ],
    [
      'ForAnyValue:StringNotEquals absent key is false',
      { 'ForAnyValue:StringNotEquals': { k: ['a'] } },
      {},
      false,
    ],
    [
      'ForAllValues:StringNotEquals no value listed',
      { 'ForAllValues:StringNotEquals': { k: ['a', 'b'] } },
      { k: ['c', 'd'] },
      true,
    ],
    [
      'ForAllValues:StringNotEquals one value listed',
      { 'ForAllValues:StringNotEquals': { k: ['a', 'b'] } },
      { k: ['c', 'a'] },
      false,
    ],
    [
      'ForAllValues:ArnLike one ARN (doc table)',
      logs,
      { 'logs:LogGeneratingResourceArns': ['arn:aws::cloudfront:123456789012:distribution/costcenter'] },
      true,
    ],
    [
      'ForAllValues:ArnLike two ARNs (doc table)',
      logs,
      {
        'logs:LogGeneratingResourceArns': [
          'arn:aws::cloudfront:123456789012:distribution/costcenter',
          'arn:aws::cloudfront:123456789012:distribution/support2025',
        ],
      },
      true,
    ],
    [
      'ForAllValues:ArnLike other account (doc table)',
      logs,
      { 'logs:LogGeneratingResourceArns': ['arn:aws::cloudfront:777788889999:distribution/costcenter'] },
      false,
    ],
    ['ForAllValues:ArnLike no key (doc table)', logs, {}, true],
    ['ForAnyValue:Bool', { 'ForAnyValue:Bool': { k: 'true' } }, { k: [false, true] }, true],
  ]);
});

describe(`Multivalued keys need a set operator (${SETS})`, () => {
  table([
    [
      'StringEquals on a list is false',
      { StringEquals: { 'aws:TagKeys': 'a' } },
      { 'aws:TagKeys': ['a'] },
      false,
    ],
    [
      'StringNotEquals on a list is false',
      { StringNotEquals: { 'aws:TagKeys': 'a' } },
      { 'aws:TagKeys': ['b'] },
      false,
    ],
    [
      'StringLikeIfExists on a present list is false',
      { StringLikeIfExists: { 'aws:TagKeys': '*' } },
      { 'aws:TagKeys': ['b'] },
      false,
    ],
  ]);
});

describe(`Multiple operators, keys and values (${MULTI})`, () => {
  const negatedExample = {
    StringEquals: {
      'aws:PrincipalTag/department': ['finance', 'hr', 'legal'],
      'aws:PrincipalTag/role': ['audit', 'security'],
    },
    ArnNotLike: {
      'aws:PrincipalArn': ['arn:aws:iam::222222222222:user/Ana', 'arn:aws:iam::222222222222:user/Mary'],
    },
  };
  table([
    [
      'all keys true -> match (doc table row 1)',
      negatedExample,
      {
        'aws:PrincipalTag/department': 'legal',
        'aws:PrincipalTag/role': 'audit',
        'aws:PrincipalArn': 'arn:aws:iam::222222222222:user/Nikki',
      },
      true,
    ],
    [
      'negated operator NOR fails -> no match (row 2)',
      negatedExample,
      {
        'aws:PrincipalTag/department': 'hr',
        'aws:PrincipalTag/role': 'audit',
        'aws:PrincipalArn': 'arn:aws:iam::222222222222:user/Mary',
      },
      false,
    ],
    [
      'one key of one operator fails -> no match (row 3)',
      negatedExample,
      {
        'aws:PrincipalTag/department': 'hr',
        'aws:PrincipalTag/role': 'payroll',
        'aws:PrincipalArn': 'arn:aws:iam::222222222222:user/Nikki',
      },
      false,
    ],
    [
      'absent key -> no match (row 4)',
      negatedExample,
      { 'aws:PrincipalTag/department': 'hr', 'aws:PrincipalArn': 'arn:aws:iam::222222222222:user/Nikki' },
      false,
    ],
    [
      'no principal tags -> no match (row 5)',
      negatedExample,
      { 'aws:PrincipalArn': 'arn:aws:iam::222222222222:user/Nikki' },
      false,
    ],
  ]);
});

describe(`Policy variables in conditions (${VARS})`, () => {
  const home = { StringLike: { 's3:prefix': ['', 'home/', 'home/${aws:username}/'] } };
  const team = { StringNotEquals: { 's3:ExistingObjectTag/Team': '${aws:PrincipalTag/Team}' } };
  table([
    [
      'StringLike with ${aws:username} (operators page table)',
      home,
      { 's3:prefix': 'home/martha_rivera/', 'aws:username': 'martha_rivera' },
      true,
    ],
    [
      "another user's folder",
      home,
      { 's3:prefix': 'home/nikki_wolf/', 'aws:username': 'martha_rivera' },
      false,
    ],
    ['no aws:username: only the fixed patterns', home, { 's3:prefix': 'home/martha_rivera/' }, false],
    ['no aws:username: fixed pattern still matches', home, { 's3:prefix': 'home/' }, true],
    [
      'StringNotEquals with a variable that has no value matches (policy-vars-no-value)',
      team,
      { 's3:ExistingObjectTag/Team': 'blue' },
      true,
    ],
    [
      'StringNotEquals with equal values',
      team,
      { 's3:ExistingObjectTag/Team': 'blue', 'aws:PrincipalTag/Team': 'blue' },
      false,
    ],
    [
      'StringEquals with a variable that has no value does not match',
      { StringEquals: { k: '${aws:PrincipalTag/x}' } },
      { k: '' },
      false,
    ],
    [
      'a * inside a substituted value is literal',
      { StringLike: { 's3:prefix': '${aws:PrincipalTag/p}/*' } },
      { 's3:prefix': 'ab/x', 'aws:PrincipalTag/p': 'a*' },
      false,
    ],
    [
      'the pattern part keeps its wildcard',
      { StringLike: { 's3:prefix': '${aws:PrincipalTag/p}/*' } },
      { 's3:prefix': 'a*/x/y', 'aws:PrincipalTag/p': 'a*' },
      true,
    ],
    ['${*} is a literal asterisk', { StringLike: { k: 'a${*}' } }, { k: 'a*' }, true],
    ['${*} does not match other text', { StringLike: { k: 'a${*}' } }, { k: 'ab' }, false],
    [
      "default value (${aws:userid, 'anonymous'})",
      { StringEquals: { k: "${aws:userid, 'anonymous'}" } },
      { k: 'anonymous' },
      true,
    ],
    [
      'variables in ArnLike',
      { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:${aws:PrincipalAccount}:*' } },
      { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111:t', 'aws:PrincipalAccount': '111' },
      true,
    ],
    [
      'variables in StringEqualsIgnoreCase',
      { StringEqualsIgnoreCase: { k: '${aws:username}' } },
      { k: 'BOB', 'aws:username': 'bob' },
      true,
    ],
  ]);

  it('Version 2008-10-17: variables are literal text', () => {
    const f = block({ StringEquals: { k: '${aws:username}' } }, '2008-10-17');
    expect(f({ k: 'bob', 'aws:username': 'bob' })).toBe(false);
    expect(f({ k: '${aws:username}' })).toBe(true);
  });

  it('no Version: variables are literal text', () => {
    const f = block({ StringLike: { k: 'home/${aws:username}/*' } }, null);
    expect(f({ k: 'home/bob/x', 'aws:username': 'bob' })).toBe(false);
    expect(f({ k: 'home/${aws:username}/x' })).toBe(true);
  });
});

describe('Seed policies (/work/shared/seeds)', () => {
  it('bucket policy ArnNotEquals aws:PrincipalArn (Attini deployment origin)', () => {
    const f = block({
      ArnNotEquals: {
        'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/attini/attini-init-deploy-lambda-role-eu-west-1',
      },
    });
    expect(
      f({
        'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/attini/attini-init-deploy-lambda-role-eu-west-1',
      }),
    ).toBe(false);
    expect(f({ 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/Dev' })).toBe(true);
    expect(f({})).toBe(true); // absent key: the Deny applies
  });

  it('bucket policy ArnNotLike aws:PrincipalArn on SSO roles', () => {
    const f = block({
      ArnNotLike: {
        'aws:PrincipalArn':
          'arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Deployer_*',
      },
    });
    expect(
      f({
        'aws:PrincipalArn':
          'arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Deployer_0123abcd',
      }),
    ).toBe(false);
    expect(
      f({
        'aws:PrincipalArn':
          'arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Admin_1',
      }),
    ).toBe(true);
  });

  it('DenyOtherRegions SCP: StringNotEquals aws:RequestedRegion and ForAllValues:StringNotLike aws:PrincipalArn', () => {
    const f = block({
      StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-2'] },
      'ForAllValues:StringNotLike': { 'aws:PrincipalArn': ['arn:aws:iam::*:role/cloud-admin-role'] },
    });
    expect(
      f({ 'aws:RequestedRegion': 'ap-south-1', 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/dev' }),
    ).toBe(true);
    expect(
      f({ 'aws:RequestedRegion': 'eu-west-2', 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/dev' }),
    ).toBe(false);
    expect(
      f({
        'aws:RequestedRegion': 'ap-south-1',
        'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/cloud-admin-role',
      }),
    ).toBe(false);
    // Global services send no aws:RequestedRegion in this model: the negated operator is true.
    expect(f({ 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/dev' })).toBe(true);
  });

  it('ABAC: StringEquals aws:ResourceTag/TenantID = ${aws:PrincipalTag/TenantID}', () => {
    const f = block({ StringEquals: { 'aws:ResourceTag/TenantID': '${aws:PrincipalTag/TenantID}' } });
    expect(f({ 'aws:ResourceTag/TenantID': 't-1', 'aws:PrincipalTag/TenantID': 't-1' })).toBe(true);
    expect(f({ 'aws:ResourceTag/TenantID': 't-2', 'aws:PrincipalTag/TenantID': 't-1' })).toBe(false);
    expect(f({ 'aws:ResourceTag/TenantID': 't-1' })).toBe(false);
    expect(f({ 'aws:PrincipalTag/TenantID': 't-1' })).toBe(false);
  });

  it('ABAC: ForAllValues:StringEquals dynamodb:LeadingKeys = ${aws:PrincipalTag/TenantID}', () => {
    const f = block({
      'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['${aws:PrincipalTag/TenantID}'] },
    });
    expect(f({ 'dynamodb:LeadingKeys': ['t-1'], 'aws:PrincipalTag/TenantID': 't-1' })).toBe(true);
    expect(f({ 'dynamodb:LeadingKeys': ['t-1', 't-2'], 'aws:PrincipalTag/TenantID': 't-1' })).toBe(false);
    expect(f({ 'dynamodb:LeadingKeys': ['t-1'] })).toBe(false);
  });

  it('aws:SourceIp with aws:ViaAWSService (deny unless from the NAT address or via a service)', () => {
    const f = block({
      NotIpAddress: { 'aws:SourceIp': ['198.51.100.10/32'] },
      Bool: { 'aws:ViaAWSService': 'false' },
    });
    expect(f({ 'aws:SourceIp': '203.0.113.5', 'aws:ViaAWSService': false })).toBe(true);
    expect(f({ 'aws:SourceIp': '198.51.100.10', 'aws:ViaAWSService': false })).toBe(false);
    expect(f({ 'aws:SourceIp': '203.0.113.5', 'aws:ViaAWSService': true })).toBe(false);
  });

  it('aws:RequestTag/Owner = ${aws:username}', () => {
    const f = block({
      StringEquals: {
        'aws:RequestTag/Owner': '${aws:username}',
        'iam:PermissionsBoundary': 'arn:aws:iam::111122223333:policy/S3ActionBoundary',
      },
    });
    const base = { 'iam:PermissionsBoundary': 'arn:aws:iam::111122223333:policy/S3ActionBoundary' };
    expect(f({ ...base, 'aws:RequestTag/Owner': 'alice', 'aws:username': 'alice' })).toBe(true);
    expect(f({ ...base, 'aws:RequestTag/Owner': 'bob', 'aws:username': 'alice' })).toBe(false);
    expect(f({ ...base, 'aws:RequestTag/Owner': 'alice' })).toBe(false); // roles have no aws:username
  });

  it('execute-api:Invoke with IpAddress on two ranges', () => {
    const f = block({ IpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '198.51.100.0/24'] } });
    expect(f({ 'aws:SourceIp': '192.0.2.44' })).toBe(true);
    expect(f({ 'aws:SourceIp': '198.51.100.255' })).toBe(true);
    expect(f({ 'aws:SourceIp': '198.51.101.1' })).toBe(false);
    expect(f({})).toBe(false);
  });
});

describe('conditionKeysOf', () => {
  function entries(condition: unknown, version = '2012-10-17') {
    const doc = parsePolicyStrict(
      JSON.stringify({
        Version: version,
        Statement: { Effect: 'Allow', Action: '*', Resource: '*', Condition: condition },
      }),
    );
    return doc.statements[0].conditions;
  }
  it('lists the lowercased key and the keys of variables in values', () => {
    const [e] = entries({
      StringEquals: { 'aws:ResourceTag/TenantID': ['${aws:PrincipalTag/TenantID}', '${*}x'] },
    });
    expect(conditionKeysOf(e, { variables: true })).toEqual([
      'aws:resourcetag/tenantid',
      'aws:principaltag/tenantid',
    ]);
  });
  it('ignores variables when variables are off, and for operators that take none', () => {
    const [e] = entries({ StringEquals: { k: '${aws:username}' } });
    expect(conditionKeysOf(e, { variables: false })).toEqual(['k']);
    const [n] = entries({ NumericEquals: { K: '${aws:username}' } });
    expect(conditionKeysOf(n, { variables: true })).toEqual(['k']);
  });
});

describe('value parsers', () => {
  it.each([
    ['10', 10],
    ['-1.5', -1.5],
    ['.5', 0.5],
    [' 7 ', undefined],
    [42, 42],
    ['abc', undefined],
    ['1e3', undefined],
    ['', undefined],
    [true, undefined],
  ] as const)('parseNumeric(%j) = %j', (input, expected) => {
    expect(parseNumeric(input)).toBe(expected);
  });

  it.each([
    ['2020-01-01T00:00:01Z', Date.UTC(2020, 0, 1, 0, 0, 1)],
    ['2020-01-01T01:00:01+01:00', Date.UTC(2020, 0, 1, 0, 0, 1)],
    ['2020-01-01', Date.UTC(2020, 0, 1)],
    ['2020-02', Date.UTC(2020, 1, 1)],
    ['2020-01-01T10:20Z', Date.UTC(2020, 0, 1, 10, 20)],
    ['1577836801', Date.UTC(2020, 0, 1, 0, 0, 1)],
    [1577836801, Date.UTC(2020, 0, 1, 0, 0, 1)],
    ['2020-02-30', undefined],
    ['2020-13-01', undefined],
    ['2020-01-01T24:00:00Z', undefined],
    ['2020-01-01 00:00:00Z', undefined],
    ['yesterday', undefined],
    ['', undefined],
  ] as const)('parseDate(%j) = %j', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it.each([
    ['true', true],
    ['FALSE', false],
    [true, true],
    ['yes', undefined],
    [1, undefined],
  ] as const)('parseBool(%j) = %j', (input, expected) => {
    expect(parseBool(input)).toBe(expected);
  });

  it.each([
    ['203.0.113.0/24', { version: 4, prefix: 24 }],
    ['203.0.113.5', { version: 4, prefix: 32 }],
    ['2001:DB8:1234:5678::/64', { version: 6, prefix: 64 }],
    ['::1', { version: 6, prefix: 128 }],
    ['::ffff:192.0.2.1/128', { version: 6, prefix: 128 }],
  ] as const)('parseCidr(%j) parses', (input, expected) => {
    expect(parseCidr(input)).toMatchObject(expected);
  });

  it.each([
    ['203.0.113.0/33'],
    ['256.0.0.1'],
    ['1.2.3'],
    ['1.2.3.4/'],
    ['2001:db8::1::2'],
    ['1:2:3:4:5:6:7:8:9'],
    ['x'],
    [''],
  ])('parseCidr(%j) is undefined', (input) => {
    expect(parseCidr(input)).toBeUndefined();
  });

  it.each([
    ['203.0.113.0/24', '203.0.113.255', true],
    ['203.0.113.0/24', '203.0.114.0', false],
    ['203.0.113.77/24', '203.0.113.1', true], // host bits in the policy are ignored
    ['0.0.0.0/0', '8.8.8.8', true],
    ['2001:db8::/32', '2001:DB8:FFFF::1', true],
    ['2001:db8::/32', '2001:db9::1', false],
    ['2001:db8:1234:5678::/64', '2001:db8:1234:5678:ffff:ffff:ffff:ffff', true],
    ['::/0', '::', true],
    ['10.0.0.0/8', '::ffff:10.0.0.1', false],
  ] as const)('matchesIp(%j, %j) = %j', (cidr, ip, expected) => {
    expect(matchesIp(cidr, ip)).toBe(expected);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties: relations the documentation states between operators, on random values.
// ---------------------------------------------------------------------------------------------

function entryFor(operator: string, values: string[]) {
  const doc = parsePolicyStrict(
    JSON.stringify({
      Version: '2012-10-17',
      Statement: {
        Effect: 'Allow',
        Action: '*',
        Resource: '*',
        Condition: { [operator]: { 'test:Key': values } },
      },
    }),
  );
  return compileCondition(doc.statements[0].conditions[0], { variables: true });
}

const word = fc
  .array(fc.constantFrom('a', 'b', 'A', ':', '*', '?'), { minLength: 0, maxLength: 4 })
  .map((c) => c.join(''));
const policyValues = fc.array(word, { minLength: 1, maxLength: 3 });
const PAIRS: Array<[string, string]> = [
  ['StringEquals', 'StringNotEquals'],
  ['StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase'],
  ['StringLike', 'StringNotLike'],
  ['ArnLike', 'ArnNotLike'],
  ['ArnEquals', 'ArnNotEquals'],
];

describe(`negation, IfExists and set qualifiers agree with the documented logic (property, ${OPS}, ${SETS})`, () => {
  it('with the key present (single value) a negated operator is the complement; absent, it is true', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PAIRS), policyValues, word, ([pos, neg], values, v) => {
        const p = entryFor(pos, values);
        const n = entryFor(neg, values);
        const present = new Context({ 'test:key': v });
        expect(n(present)).toBe(!p(present));
        const absent = new Context({});
        expect(p(absent)).toBe(false);
        expect(n(absent)).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });

  it('...IfExists equals the operator when the key is present and is true when it is absent', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PAIRS.flat()), policyValues, word, (op, values, v) => {
        const present = new Context({ 'TEST:KEY': v });
        expect(entryFor(`${op}IfExists`, values)(present)).toBe(entryFor(op, values)(present));
        expect(entryFor(`${op}IfExists`, values)(new Context({}))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('ForAllValues / ForAnyValue are "every" / "some" over request values; negations are De Morgan duals', () => {
    const requestValues = fc.array(
      word.filter((w) => w !== ''),
      { minLength: 1, maxLength: 4 },
    );
    fc.assert(
      fc.property(fc.constantFrom(...PAIRS), policyValues, requestValues, ([pos, neg], values, vs) => {
        const ctx = new Context({ 'test:key': vs });
        const single = (op: string, v: string) => entryFor(op, values)(new Context({ 'test:key': v }));
        expect(entryFor(`ForAllValues:${pos}`, values)(ctx)).toBe(vs.every((v) => single(pos, v)));
        expect(entryFor(`ForAnyValue:${pos}`, values)(ctx)).toBe(vs.some((v) => single(pos, v)));
        expect(entryFor(`ForAllValues:${neg}`, values)(ctx)).toBe(
          !entryFor(`ForAnyValue:${pos}`, values)(ctx),
        );
        expect(entryFor(`ForAnyValue:${neg}`, values)(ctx)).toBe(
          !entryFor(`ForAllValues:${pos}`, values)(ctx),
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('Numeric operators compare like numbers', () => {
    const num = fc.integer({ min: -50, max: 50 });
    const ops: Array<[string, (r: number, p: number) => boolean]> = [
      ['NumericEquals', (r, p) => r === p],
      ['NumericNotEquals', (r, p) => r !== p],
      ['NumericLessThan', (r, p) => r < p],
      ['NumericLessThanEquals', (r, p) => r <= p],
      ['NumericGreaterThan', (r, p) => r > p],
      ['NumericGreaterThanEquals', (r, p) => r >= p],
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...ops),
        fc.array(num, { minLength: 1, maxLength: 3 }),
        num,
        ([op, f], ps, r) => {
          const negated = op === 'NumericNotEquals';
          const expected = negated ? ps.every((p) => f(r, p)) : ps.some((p) => f(r, p));
          expect(entryFor(op, ps.map(String))(new Context({ 'test:key': String(r) }))).toBe(expected);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe(`IpAddress agrees with a bit-string reference (property, ${OPS}#Conditions_IPAddress)`, () => {
  const bits = (bytes: number[]) => bytes.map((b) => b.toString(2).padStart(8, '0')).join('');
  const v6text = (bytes: number[], compress: boolean) => {
    const groups: string[] = [];
    for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
    if (!compress) return groups.join(':');
    // Replace the first run of zero groups with "::".
    const start = groups.indexOf('0');
    if (start < 0) return groups.join(':');
    let end = start;
    while (end < 8 && groups[end] === '0') end++;
    return `${groups.slice(0, start).join(':')}::${groups.slice(end).join(':')}`;
  };
  const byte = fc.constantFrom(0, 1, 127, 128, 255, 10, 192);

  it('IPv4', () => {
    fc.assert(
      fc.property(
        fc.array(byte, { minLength: 4, maxLength: 4 }),
        fc.array(byte, { minLength: 4, maxLength: 4 }),
        fc.nat(32),
        (net, addr, prefix) => {
          const expected = bits(net).slice(0, prefix) === bits(addr).slice(0, prefix);
          expect(matchesIp(`${net.join('.')}/${prefix}`, addr.join('.'))).toBe(expected);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('IPv6 (full and :: forms)', () => {
    fc.assert(
      fc.property(
        fc.array(byte, { minLength: 16, maxLength: 16 }),
        fc.array(byte, { minLength: 16, maxLength: 16 }),
        fc.nat(128),
        fc.boolean(),
        (net, addr, prefix, compress) => {
          const expected = bits(net).slice(0, prefix) === bits(addr).slice(0, prefix);
          expect(matchesIp(`${v6text(net, compress)}/${prefix}`, v6text(addr, !compress))).toBe(expected);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
