/**
 * The seed documents' policies (test/fixtures/validate/seeds, see its README) validated with the
 * policy type they are written for. Expected findings follow the Access Analyzer check reference:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type PolicyType, validatePolicyText } from '../../src/validate/index.js';

function check(file: string, policyType: PolicyType, resourceType?: string) {
  const text = readFileSync(new URL(`../fixtures/validate/seeds/${file}`, import.meta.url), 'utf8');
  const findings = validatePolicyText(text, { policyType, resourceType, file });
  return {
    codes: findings.map((f) => f.issueCode),
    at: (code: string) =>
      findings
        .filter((f) => f.issueCode === code)
        .map((f) => text.slice(f.locations[0].span.start.offset, f.locations[0].span.end.offset)),
  };
}

describe('Attini bucket policies and trust policy (seed 000)', () => {
  it.each(['000-0.json', '000-1.json', '000-2.json'])('%s is a valid S3 bucket policy', (file) => {
    const r = check(file, 'RESOURCE_POLICY', 'AWS::S3::Bucket');
    expect(r.codes).toEqual([]);
  });

  it('the Lambda trust policy is valid', () => {
    expect(check('000-3.json', 'RESOURCE_POLICY', 'AWS::IAM::AssumeRolePolicyDocument').codes).toEqual([]);
  });

  it('a bucket policy validated as an identity policy is told its Principal is not supported', () => {
    expect(check('000-0.json', 'IDENTITY_POLICY').codes).toContain('UNSUPPORTED_PRINCIPAL');
  });
});

describe('DenyOtherRegions SCP (seed 002)', () => {
  it('is a valid SCP, but ForAllValues with the single-valued aws:PrincipalArn is flagged', () => {
    const r = check('002-deny-other-regions.scp.json', 'SERVICE_CONTROL_POLICY');
    expect(r.codes.filter((c) => c === 'FORALLVALUES_WITH_SINGLE_VALUED_KEY')).toHaveLength(1);
    expect(r.at('FORALLVALUES_WITH_SINGLE_VALUED_KEY')).toEqual(['"ForAllValues:StringNotLike"']);
    expect(r.codes).not.toContain('INVALID_REGION');
  });
});

describe('Athena workgroup policy (seed 002)', () => {
  it('reports the placeholder ARN as an invalid account, Region and resource', () => {
    const r = check('002-1.json', 'IDENTITY_POLICY');
    expect(r.at('INVALID_ARN_ACCOUNT')).toEqual([
      '"arn:aws:athena:xxxx:xxxxxx:xxx/xxxx"',
      '"arn:aws:athena:xxxx:xxxxxx:xxx/xxxx"',
    ]);
    expect(r.codes).toContain('INVALID_ARN_REGION');
    expect(r.codes).toContain('INVALID_ARN_RESOURCE');
  });
});

describe('ABAC and permissions-boundary examples (seed 002)', () => {
  it('the tenant ABAC policies reuse documentation placeholders (<account-id>, <region>) as ARN fields', () => {
    for (const f of ['002-3.json', '002-4.json', '002-5.json']) {
      const r = check(f, 'IDENTITY_POLICY');
      expect(r.codes).toContain('INVALID_ARN_ACCOUNT');
      expect(r.codes).not.toContain('INVALID_ACTION');
    }
  });

  it('the S3 boundary lists s3:ListAllMyBuckets, which needs "Resource": "*"', () => {
    const r = check('002-9.json', 'IDENTITY_POLICY');
    expect(r.at('LP_WILDCARD_ONLY_ACTION_WITH_RESOURCE')).toEqual(['"S3:ListAllMyBuckets"']);
  });

  it('an API Gateway Sid with a hyphen is not allowed in an IAM policy', () => {
    expect(check('002-6.json', 'IDENTITY_POLICY').at('UNSUPPORTED_SID')).toEqual(['"PetStore-API"']);
  });

  it('the stray colon in arn:aws:iam::: <AccountNumber> makes the ARN match no IAM format', () => {
    expect(check('002-8.json', 'IDENTITY_POLICY').codes).toContain('INVALID_ARN_RESOURCE');
  });
});

describe('CircleCI S3 policy (seed 003)', () => {
  it('is free of errors; s3:ListAllMyBuckets on arn:aws:s3:::* is reported', () => {
    const r = check('003-0.json', 'IDENTITY_POLICY');
    expect(r.codes).toEqual(['LP_WILDCARD_ONLY_ACTION_WITH_RESOURCE']);
    expect(r.at('LP_WILDCARD_ONLY_ACTION_WITH_RESOURCE')).toEqual(['"s3:ListAllMyBuckets"']);
  });
});
