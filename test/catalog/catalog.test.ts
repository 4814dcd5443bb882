// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables and ARN placeholders are ${...} text
// The catalog follows the Service Authorization Reference:
// https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
import { describe, expect, it } from 'vitest';
import {
  arnFormatMatcher,
  canonicalActionName,
  conditionKeyMatches,
  expandActionPattern,
  getAction,
  getConditionKey,
  getResourceType,
  resourceTypesForArn,
  serviceExists,
} from '../../src/catalog/index.js';

describe('services and actions (Service Authorization Reference, Amazon S3 / IAM pages)', () => {
  it('knows service prefixes, ignoring case', () => {
    expect(serviceExists('s3')).toBe(true);
    expect(serviceExists('S3')).toBe(true);
    expect(serviceExists('s4')).toBe(false);
  });

  it('looks actions up case-insensitively and returns the canonical spelling', () => {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html (action names are case-insensitive)
    expect(canonicalActionName('S3:getobject')).toBe('s3:GetObject');
    expect(canonicalActionName('iam:passrole')).toBe('iam:PassRole');
    expect(canonicalActionName('s3:GetObjects')).toBeUndefined();
    expect(canonicalActionName('nosuch:GetObject')).toBeUndefined();
  });

  it('reports access level, resource types with the required flag, and wildcard-only actions', () => {
    const passRole = getAction('iam', 'PassRole');
    expect(passRole?.accessLevel).toBe('Write');
    expect(passRole?.resourceTypes.map((r) => [r.name, r.required])).toEqual([['role', true]]);
    expect(passRole?.isWildcardOnly).toBe(false);
    const list = getAction('s3', 'ListAllMyBuckets');
    expect(list?.accessLevel).toBe('List');
    expect(list?.isWildcardOnly).toBe(true);
    expect(getAction('s3', 'GetObject')?.conditionKeys).toContain('s3:ExistingObjectTag/<key>');
  });

  it('expands wildcard action patterns to canonical names', () => {
    const got = expandActionPattern('s3:GetObjectT*');
    expect(got).toContain('s3:GetObjectTagging');
    expect(got.every((a) => a.startsWith('s3:GetObjectT'))).toBe(true);
    expect(expandActionPattern('S3:GETOBJECT')).toEqual(['s3:GetObject']);
    expect(expandActionPattern('iam:Pass?ole')).toEqual(['iam:PassRole']);
    expect(expandActionPattern('nosuch:*')).toEqual([]);
  });
});

describe('resource types and ARN formats', () => {
  it('publishes ARN formats with placeholders', () => {
    expect(getResourceType('s3', 'bucket')?.arn).toBe('arn:${Partition}:s3:::${BucketName}');
  });

  it('matches concrete ARNs against formats: an object ARN is not a bucket and vice versa', () => {
    expect(resourceTypesForArn('arn:aws:s3:::my-bucket').map((r) => r.name)).toEqual(['bucket']);
    expect(resourceTypesForArn('arn:aws:s3:::my-bucket/a/b.txt').map((r) => r.name)).toEqual(['object']);
    const role = arnFormatMatcher(getResourceType('iam', 'role')!.arn);
    expect(role('arn:aws:iam::123456789012:role/path/name')).toBe(true);
    expect(role('arn:aws:iam::123456789012:user/name')).toBe(false);
  });
});

describe('condition keys (global keys page and service pages)', () => {
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
  it('finds global keys with their types, including tag-key templates', () => {
    expect(getConditionKey('aws:SourceIp')?.type).toBe('IPAddress');
    expect(getConditionKey('aws:currenttime')?.type).toBe('Date');
    expect(getConditionKey('aws:MultiFactorAuthPresent')?.type).toBe('Bool');
    expect(getConditionKey('aws:TagKeys')?.type).toBe('ArrayOfString');
    expect(getConditionKey('aws:PrincipalTag/team')?.global).toBe(true);
    expect(getConditionKey('aws:PrincipalTag/')).toBeUndefined();
    expect(getConditionKey('aws:NoSuchKey')).toBeUndefined();
  });

  it('finds service keys, exact and templated', () => {
    expect(getConditionKey('s3:prefix')?.type).toBe('String');
    expect(getConditionKey('s3:ExistingObjectTag/owner')?.key).toBe('s3:ExistingObjectTag/<key>');
    expect(getConditionKey('ec2:ResourceTag/Env')?.service).toBe('ec2');
    expect(getConditionKey('s3:nosuchkey')).toBeUndefined();
  });

  it('finds identity-provider keys that the reference files under STS', () => {
    expect(getConditionKey('accounts.google.com:aud')?.service).toBe('sts');
  });

  it('matches published templates against written keys', () => {
    expect(conditionKeyMatches('aws:RequestTag/${TagKey}', 'aws:RequestTag/Env')).toBe(true);
    expect(conditionKeyMatches('s3:ExistingObjectTag/<key>', 's3:existingobjecttag/x')).toBe(true);
    expect(conditionKeyMatches('s3:prefix', 'S3:Prefix')).toBe(true);
    expect(conditionKeyMatches('s3:prefix', 's3:delimiter')).toBe(false);
  });
});
