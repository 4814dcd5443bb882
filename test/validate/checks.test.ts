// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables and ARN placeholders are ${...} text
/**
 * One positive and one negative case per implemented check, each titled with the check's section
 * of the IAM Access Analyzer policy check reference (the learnMoreLink):
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
 */
import { describe, expect, it } from 'vitest';
import {
  type CheckMeta,
  checkCatalog,
  type PolicyType,
  validatePolicyText,
} from '../../src/validate/index.js';

type Doc = Record<string, unknown> | string;

interface Case {
  code: string;
  /** Policy that must produce the finding... */
  bad: Doc;
  /** ...and a close variant that must not. */
  good: Doc;
  type?: PolicyType;
  rt?: string;
  /** Source text the (first) finding must point at. */
  at?: string;
  /** Text the finding details must contain. */
  says?: string;
}

const V = '2012-10-17';
const TRUST = 'AWS::IAM::AssumeRolePolicyDocument';
const BUCKET = 'AWS::S3::Bucket';

/** An identity policy with one statement. */
function id(st: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Version: V,
    Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', ...st }],
    ...extra,
  };
}

/** A resource policy with one statement. */
function res(st: Record<string, unknown>): Record<string, unknown> {
  return {
    Version: V,
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::123456789012:root' },
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::bucket/*',
        ...st,
      },
    ],
  };
}

/** A role trust policy statement. */
function trust(st: Record<string, unknown>): Record<string, unknown> {
  return {
    Version: V,
    Statement: [
      { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole', ...st },
    ],
  };
}

function cond(c: Record<string, unknown>, st: Record<string, unknown> = {}): Record<string, unknown> {
  return id({ Condition: c, ...st });
}

const big = (n: number) => Array.from({ length: n }, (_, i) => `s3:GetObject${'x'.repeat(20)}${i}`);

const CASES: Case[] = [
  // Grammar
  { code: 'JSON_SYNTAX_ERROR', bad: '{"Version": "2012-10-17", "Statement": [', good: id({}) },
  { code: 'DATA_TYPE_MISMATCH', bad: id({}, { Version: 2012 }), good: id({}), at: '2012' },
  {
    code: 'INVALID_PRINCIPAL_FORMAT',
    type: 'RESOURCE_POLICY',
    bad: res({ Principal: 'arn:aws:iam::123456789012:root' }),
    good: res({}),
  },
  { code: 'INVALID_POLICY_ELEMENT', bad: id({ Actions: 's3:GetObject' }), good: id({}), at: '"Actions"' },
  { code: 'MISSING_STATEMENT', bad: { Version: V }, good: id({}) },
  {
    code: 'MISSING_EFFECT',
    bad: { Version: V, Statement: [{ Action: 's3:GetObject', Resource: '*' }] },
    good: id({}),
  },
  { code: 'INVALID_EFFECT', bad: id({ Effect: 'allow' }), good: id({}), at: '"allow"' },
  {
    code: 'MISSING_ACTION',
    bad: { Version: V, Statement: [{ Effect: 'Allow', Resource: '*' }] },
    good: id({}),
  },
  { code: 'UNSUPPORTED_ELEMENT_COMBINATION', bad: id({ NotAction: 'iam:*' }), good: id({}) },
  { code: 'INVALID_VERSION', bad: id({}, { Version: '2013-01-01' }), good: id({}), at: '"2013-01-01"' },
  {
    code: 'INVALID_PRINCIPAL_KEY',
    type: 'RESOURCE_POLICY',
    bad: res({ Principal: { User: 'x' } }),
    good: res({}),
    at: '"User"',
  },
  {
    code: 'INVALID_CONDITION_OPERATOR',
    bad: cond({ StringEqualz: { 'aws:username': 'a' } }),
    good: cond({ StringEquals: { 'aws:username': 'a' } }),
    at: '"StringEqualz"',
  },
  {
    code: 'NULL_WITH_IF_EXISTS',
    bad: cond({ NullIfExists: { 'aws:username': 'true' } }),
    good: cond({ Null: { 'aws:username': 'true' } }),
  },
  // Elements and policy types
  { code: 'MISSING_VERSION', bad: { Statement: id({}).Statement }, good: id({}) },
  {
    code: 'MISSING_RESOURCE',
    bad: { Version: V, Statement: [{ Effect: 'Allow', Action: 's3:GetObject' }] },
    good: id({}),
  },
  { code: 'MISSING_PRINCIPAL', type: 'RESOURCE_POLICY', bad: id({}), good: res({}) },
  { code: 'UNSUPPORTED_PRINCIPAL', bad: id({ Principal: '*' }), good: id({}) },
  {
    code: 'SCP_SYNTAX_ERROR_PRINCIPAL',
    type: 'SERVICE_CONTROL_POLICY',
    bad: id({ Principal: '*' }),
    good: id({}),
  },
  {
    code: 'SCP_SYNTAX_ERROR_ACTION_WILDCARD',
    type: 'SERVICE_CONTROL_POLICY',
    bad: id({ Action: 'iam:*Role' }),
    good: id({ Action: 'iam:Get*' }),
    at: '"iam:*Role"',
  },
  {
    code: 'RCP_SYNTAX_ERROR_PRINCIPAL',
    type: 'RESOURCE_CONTROL_POLICY',
    bad: res({ Effect: 'Deny', Principal: { AWS: '123456789012' } }),
    good: res({ Effect: 'Deny', Principal: '*' }),
  },
  {
    code: 'RCP_SYNTAX_ERROR_ALLOW',
    type: 'RESOURCE_CONTROL_POLICY',
    bad: res({
      Principal: '*',
      Action: '*',
      Resource: '*',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    }),
    good: res({ Principal: '*', Action: '*', Resource: '*' }),
  },
  {
    code: 'RCP_SYNTAX_ERROR_NOTACTION',
    type: 'RESOURCE_CONTROL_POLICY',
    bad: {
      Version: V,
      Statement: [{ Effect: 'Deny', Principal: '*', NotAction: 's3:GetObject', Resource: '*' }],
    },
    good: res({ Effect: 'Deny', Principal: '*' }),
  },
  {
    code: 'RCP_SYNTAX_ERROR_ACTION',
    type: 'RESOURCE_CONTROL_POLICY',
    bad: res({ Effect: 'Deny', Principal: '*', Action: 'ec2:RunInstances', Resource: '*' }),
    good: res({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }),
    at: '"ec2:RunInstances"',
  },
  {
    code: 'ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL',
    type: 'RESOURCE_POLICY',
    rt: TRUST,
    bad: trust({ Principal: undefined, NotPrincipal: { AWS: 'arn:aws:iam::123456789012:root' } }),
    good: trust({}),
  },
  {
    code: 'ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL',
    type: 'RESOURCE_POLICY',
    rt: TRUST,
    bad: trust({ Principal: '*' }),
    good: trust({}),
  },
  {
    code: 'ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE',
    type: 'RESOURCE_POLICY',
    rt: TRUST,
    bad: trust({ Resource: '*' }),
    good: trust({}),
  },
  {
    code: 'UNIQUE_SIDS_REQUIRED',
    bad: { Version: V, Statement: [id({ Sid: 'A' }).Statement, id({ Sid: 'A' }).Statement].flat() },
    good: { Version: V, Statement: [id({ Sid: 'A' }).Statement, id({ Sid: 'B' }).Statement].flat() },
  },
  {
    code: 'UNIQUE_SIDS_RECOMMENDED',
    type: 'RESOURCE_POLICY',
    rt: BUCKET,
    bad: { Version: V, Statement: [res({ Sid: 'A' }).Statement, res({ Sid: 'A' }).Statement].flat() },
    good: { Version: V, Statement: [res({ Sid: 'A' }).Statement, res({ Sid: 'B' }).Statement].flat() },
  },
  {
    code: 'UNSUPPORTED_SID',
    bad: id({ Sid: 'Read objects' }),
    good: id({ Sid: 'ReadObjects' }),
    at: '"Read objects"',
  },
  { code: 'EMPTY_SID_VALUE', bad: id({ Sid: '' }), good: id({ Sid: 'A' }) },
  {
    code: 'ALLOW_WITH_NOT_PRINCIPAL',
    type: 'RESOURCE_POLICY',
    bad: res({ Principal: undefined, NotPrincipal: { AWS: 'arn:aws:iam::123456789012:root' } }),
    good: res({
      Effect: 'Deny',
      Principal: undefined,
      NotPrincipal: { AWS: 'arn:aws:iam::123456789012:root' },
    }),
  },
  {
    code: 'POLICY_SIZE_EXCEEDS_SCP_QUOTA',
    type: 'SERVICE_CONTROL_POLICY',
    bad: id({ Effect: 'Deny', Action: big(200) }),
    good: id({ Effect: 'Deny' }),
  },
  {
    code: 'POLICY_SIZE_EXCEEDS_RCP_QUOTA',
    type: 'RESOURCE_CONTROL_POLICY',
    bad: res({ Effect: 'Deny', Principal: '*', Action: big(200) }),
    good: res({ Effect: 'Deny', Principal: '*' }),
  },
  { code: 'POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA', bad: id({ Action: big(200) }), good: id({}) },
  {
    code: 'POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA',
    type: 'RESOURCE_POLICY',
    rt: BUCKET,
    bad: res({ Action: big(700) }),
    good: res({}),
  },
  {
    code: 'POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA',
    type: 'RESOURCE_POLICY',
    rt: TRUST,
    bad: trust({
      Principal: {
        AWS: Array.from(
          { length: 60 },
          (_, i) => `arn:aws:iam::1234567890${String(i).padStart(2, '0')}:root`,
        ),
      },
    }),
    good: trust({}),
  },
  // Empty arrays and objects
  { code: 'EMPTY_ARRAY_ACTION', bad: id({ Action: [] }), good: id({}), at: '[]' },
  { code: 'EMPTY_ARRAY_RESOURCE', bad: id({ Resource: [] }), good: id({}), at: '[]' },
  {
    code: 'EMPTY_ARRAY_PRINCIPAL',
    type: 'RESOURCE_POLICY',
    bad: res({ Principal: { AWS: [] } }),
    good: res({}),
    at: '[]',
  },
  {
    code: 'EMPTY_OBJECT_PRINCIPAL',
    type: 'RESOURCE_POLICY',
    bad: res({ Principal: {} }),
    good: res({}),
    at: '{}',
  },
  {
    code: 'EMPTY_OBJECT_CONDITION',
    bad: cond({}),
    good: cond({ Bool: { 'aws:SecureTransport': 'true' } }),
    at: '{}',
  },
  {
    code: 'EMPTY_ARRAY_CONDITION',
    bad: cond({ StringEquals: { 'aws:username': [] } }),
    good: cond({ StringEquals: { 'aws:username': ['a'] } }),
  },
  {
    code: 'EMPTY_ARRAY_CONDITION_FORALLVALUES',
    bad: cond({ 'ForAllValues:StringEquals': { 'aws:TagKeys': [] } }),
    good: cond({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a'] } }),
  },
  {
    code: 'EMPTY_ARRAY_CONDITION_FORANYVALUE',
    bad: cond({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': [] } }),
    good: cond({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['a'] } }),
  },
  {
    code: 'EMPTY_ARRAY_CONDITION_IFEXISTS',
    bad: cond({ StringEqualsIfExists: { 'aws:username': [] } }),
    good: cond({ StringEqualsIfExists: { 'aws:username': ['a'] } }),
  },
  // Actions
  {
    code: 'INVALID_SERVICE_IN_ACTION',
    bad: id({ Action: 's4:GetObject' }),
    good: id({}),
    at: '"s4:GetObject"',
    says: 'Did you mean s3?',
  },
  {
    code: 'INVALID_ACTION',
    bad: id({ Action: 's3:GetObjectt' }),
    good: id({ Action: 'S3:getobject' }),
    at: '"s3:GetObjectt"',
    says: 'Did you mean s3:GetObject?',
  },
  { code: 'WILDCARD_IN_SERVICE_NAME', bad: id({ Resource: 'arn:aws:*code*::111122223333:*' }), good: id({}) },
  {
    code: 'REDUNDANT_ACTION',
    bad: id({ Action: ['iam:Get*', 'iam:List*', 'iam:GetCredentialReport'] }),
    good: id({ Action: ['iam:Get*', 'iam:List*', 'iam:*CredentialReport'] }),
    at: '"iam:GetCredentialReport"',
  },
  {
    code: 'UNSUPPORTED_ACTION_IN_POLICY',
    type: 'RESOURCE_POLICY',
    rt: BUCKET,
    bad: res({ Action: 'kms:Decrypt' }),
    good: res({}),
    at: '"kms:Decrypt"',
  },
  // Resources
  {
    code: 'INVALID_ARN_PREFIX',
    bad: id({ Resource: 's3:::bucket' }),
    good: id({ Resource: 'arn:aws:s3:::bucket' }),
  },
  {
    code: 'MISSING_ARN_FIELD',
    bad: id({ Resource: 'arn:aws:s3:bucket' }),
    good: id({ Resource: 'arn:aws:s3:::bucket' }),
  },
  {
    code: 'INVALID_ARN_SERVICE_CASE',
    bad: id({ Resource: 'arn:aws:S3:::bucket' }),
    good: id({ Resource: 'arn:aws:s3:::bucket' }),
  },
  {
    code: 'INVALID_PARTITION',
    bad: id({ Resource: 'arn:amazon:s3:::bucket' }),
    good: id({ Resource: 'arn:aws-cn:s3:::bucket' }),
  },
  {
    code: 'INVALID_ARN_ACCOUNT',
    bad: id({ Action: 'iam:GetRole', Resource: 'arn:aws:iam::1234:role/x' }),
    good: id({ Action: 'iam:GetRole', Resource: 'arn:aws:iam::123456789012:role/x' }),
  },
  {
    code: 'INVALID_ARN_REGION',
    bad: id({ Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:useast1:123456789012:q' }),
    good: id({ Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:123456789012:q' }),
  },
  {
    code: 'ARN_REGION_NOT_ALLOWED',
    bad: id({ Action: 'iam:GetRole', Resource: 'arn:aws:iam:us-east-1:123456789012:role/x' }),
    good: id({ Action: 'iam:GetRole', Resource: 'arn:aws:iam::123456789012:role/x' }),
  },
  {
    code: 'ARN_ACCOUNT_NOT_ALLOWED',
    bad: id({ Resource: 'arn:aws:s3::123456789012:bucket/*' }),
    good: id({ Resource: 'arn:aws:s3:::bucket/*' }),
    says: 's3',
  },
  {
    code: 'MISSING_ARN_REGION',
    bad: id({ Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs::123456789012:q' }),
    good: id({ Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:*:123456789012:q' }),
  },
  {
    code: 'MISSING_ARN_ACCOUNT',
    bad: id({ Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1::q' }),
    good: id({ Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:123456789012:q' }),
  },
  {
    code: 'INVALID_ARN_RESOURCE',
    bad: id({ Action: 'iam:GetRole', Resource: 'arn:aws:iam::123456789012:robot/x' }),
    good: id({ Action: 'iam:GetRole', Resource: 'arn:aws:iam::123456789012:role/x' }),
  },
  {
    code: 'UNSUPPORTED_RESOURCE_ARN_IN_POLICY',
    type: 'RESOURCE_POLICY',
    rt: BUCKET,
    bad: res({ Resource: 'arn:aws:kms:us-east-1:123456789012:key/abc' }),
    good: res({}),
  },
  {
    code: 'REDUNDANT_RESOURCE',
    bad: id({
      Action: 'iam:GetRole',
      Resource: ['arn:aws:iam::111122223333:role/jane-admin', 'arn:aws:iam::111122223333:role/jane*'],
    }),
    good: id({
      Action: 'iam:GetRole',
      Resource: ['arn:aws:iam::111122223333:role/jane-admin', 'arn:aws:iam::111122223333:role/john*'],
    }),
    at: '"arn:aws:iam::111122223333:role/jane-admin"',
  },
  // Principals
  {
    code: 'UNSUPPORTED_WILDCARD_IN_PRINCIPAL',
    type: 'RESOURCE_POLICY',
    bad: res({ Principal: { AWS: 'arn:aws:iam::123456789012:user/*' } }),
    good: res({ Principal: { AWS: '*' }, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } } }),
  },
  {
    code: 'INVALID_SERVICE_PRINCIPAL_FORMAT',
    type: 'RESOURCE_POLICY',
    rt: TRUST,
    bad: trust({ Principal: { Service: 'EC2' } }),
    good: trust({}),
    at: '"EC2"',
  },
  {
    code: 'FEDERATED_PRINCIPAL_NOT_SUPPORTED',
    type: 'RESOURCE_POLICY',
    rt: BUCKET,
    bad: res({ Principal: { Federated: 'accounts.google.com' } }),
    good: res({}),
  },
  {
    code: 'INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY',
    type: 'RESOURCE_POLICY',
    rt: TRUST,
    bad: trust({ Principal: { Federated: 'not a provider' }, Action: 'sts:AssumeRoleWithWebIdentity' }),
    good: trust({
      Principal: { Federated: 'arn:aws:iam::123456789012:saml-provider/Okta' },
      Action: 'sts:AssumeRoleWithSAML',
    }),
  },
  {
    code: 'MISMATCHED_ACTION_FOR_PRINCIPAL',
    type: 'RESOURCE_POLICY',
    rt: TRUST,
    bad: trust({
      Principal: { Federated: 'arn:aws:iam::123456789012:saml-provider/Okta' },
      Action: 'sts:AssumeRoleWithWebIdentity',
    }),
    good: trust({
      Principal: { Federated: 'arn:aws:iam::123456789012:saml-provider/Okta' },
      Action: 'sts:AssumeRoleWithSAML',
    }),
  },
  {
    code: 'MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY',
    type: 'RESOURCE_POLICY',
    rt: TRUST,
    bad: trust({ Principal: { Service: 'rolesanywhere.amazonaws.com' } }),
    good: trust({
      Principal: { Service: 'rolesanywhere.amazonaws.com' },
      Action: ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'],
    }),
  },
  {
    code: 'MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL',
    type: 'RESOURCE_POLICY',
    rt: TRUST,
    bad: trust({ Principal: { Federated: 'accounts.google.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }),
    good: trust({
      Principal: { Federated: 'accounts.google.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'accounts.google.com:aud': 'app' } },
    }),
  },
  {
    code: 'MISSING_GITHUB_REPO_CONDITION_KEY',
    type: 'RESOURCE_POLICY',
    rt: TRUST,
    bad: trust({
      Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } },
    }),
    good: trust({
      Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { 'token.actions.githubusercontent.com:sub': 'repo:org/repo:ref:refs/heads/main' },
      },
    }),
  },
  {
    code: 'SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED',
    type: 'RESOURCE_POLICY',
    rt: TRUST,
    bad: trust({
      Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:org/*' } },
    }),
    good: trust({
      Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { 'token.actions.githubusercontent.com:sub': 'repo:org/repo:ref:refs/heads/main' },
      },
    }),
    at: '"repo:org/*"',
  },
  {
    code: 'RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL',
    type: 'RESOURCE_POLICY',
    rt: BUCKET,
    bad: res({ Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject' }),
    good: res({
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 's3:PutObject',
      Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
    }),
  },
  {
    code: 'RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL',
    type: 'RESOURCE_POLICY',
    rt: BUCKET,
    bad: res({
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Condition: { StringLike: { 'aws:Referer': 'x' } },
    }),
    good: res({
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Condition: { StringEquals: { 'aws:SourceArn': 'arn:aws:cloudfront::123456789012:distribution/ABC' } },
    }),
  },
  {
    code: 'UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL',
    type: 'RESOURCE_POLICY',
    rt: BUCKET,
    bad: res({
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } },
    }),
    good: res({ Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } } }),
  },
  {
    code: 'INVALID_ROLE_REFERENCE',
    type: 'RESOURCE_POLICY',
    bad: res({ Principal: { AWS: 'AROA1234567890EXAMPLE' } }),
    good: res({}),
  },
  {
    code: 'INVALID_USER_REFERENCE',
    type: 'RESOURCE_POLICY',
    bad: res({ Principal: { AWS: 'AIDA1234567890EXAMPLE' } }),
    good: res({}),
  },
  {
    code: 'REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY',
    type: 'RESOURCE_POLICY',
    rt: TRUST,
    bad: trust({
      Principal: {
        AWS: ['arn:aws:iam::123456789012:role/admin', 'arn:aws:sts::123456789012:assumed-role/admin/jane'],
      },
    }),
    good: trust({
      Principal: {
        AWS: ['arn:aws:iam::123456789012:role/admin', 'arn:aws:sts::123456789012:assumed-role/other/jane'],
      },
    }),
  },
  // Condition keys
  {
    code: 'INVALID_CONDITION_KEY_FORMAT',
    bad: cond({ StringEquals: { username: 'a' } }),
    good: cond({ StringEquals: { 'aws:username': 'a' } }),
    at: '"username"',
  },
  {
    code: 'UNSUPPORTED_GLOBAL_CONDITION_KEY',
    bad: cond({ ArnEquals: { 'aws:ARN': 'arn:aws:iam::123456789012:root' } }),
    good: cond({ ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:root' } }),
  },
  {
    code: 'MISSING_TAG_KEY_IN_CONDITION',
    bad: cond({ StringEquals: { 'aws:ResourceTag': 'a' } }),
    good: cond({ StringEquals: { 'aws:ResourceTag/owner': 'a' } }),
  },
  {
    code: 'INVALID_GLOBAL_CONDITION_KEY',
    bad: cond({ IpAddress: { 'aws:SourceIpAddress': '203.0.113.0/24' } }),
    good: cond({ IpAddress: { 'aws:sourceip': '203.0.113.0/24' } }),
  },
  {
    code: 'INVALID_SERVICE',
    bad: cond({ StringEquals: { 'foo:bar': 'a' } }),
    good: cond(
      { StringEquals: { 's3:prefix': 'a' } },
      { Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b' },
    ),
  },
  {
    code: 'INVALID_SERVICE_CONDITION_KEY',
    bad: cond({ StringEquals: { 's3:nosuchkey': 'a' } }),
    good: cond({ StringEquals: { 's3:ExistingObjectTag/owner': 'a' } }),
  },
  {
    code: 'DUPLICATE_KEYS_WITH_DIFFERENT_CASE',
    bad: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:username":"a","aws:UserName":"b"}}}]}',
    good: cond({ StringEquals: { 'aws:username': ['a', 'b'] } }),
    at: '"aws:UserName"',
  },
  // Operators and values
  {
    code: 'TYPE_MISMATCH',
    bad: cond({ StringEquals: { 'aws:CurrentTime': '2025-01-01' } }),
    good: cond({ DateGreaterThan: { 'aws:CurrentTime': '2025-01-01' } }),
    says: 'Date',
  },
  {
    code: 'TYPE_MISMATCH_BOOLEAN',
    bad: cond({ Bool: { 'aws:SecureTransport': 'yes' } }),
    good: cond({ Bool: { 'aws:SecureTransport': 'true' } }),
    at: '"yes"',
  },
  {
    code: 'TYPE_MISMATCH_DATE',
    bad: cond({ DateLessThan: { 'aws:CurrentTime': 'tomorrow' } }),
    good: cond({ DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } }),
  },
  {
    code: 'TYPE_MISMATCH_NUMBER',
    bad: cond({ NumericLessThan: { 'aws:MultiFactorAuthAge': 'an hour' } }),
    good: cond({ NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }),
  },
  {
    code: 'TYPE_MISMATCH_IP_RANGE',
    bad: cond({ IpAddress: { 'aws:SourceIp': '203.0.113.400/24' } }),
    good: cond({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }),
  },
  {
    code: 'TYPE_MISMATCH_STRING',
    bad: cond({ BinaryEquals: { 'aws:username': 'not base64!' } }),
    good: cond({ BinaryEquals: { 'aws:username': 'QmluYXJ5VmFsdWU=' } }),
  },
  {
    code: 'INVALID_CONDITION_DATA_TYPE',
    bad: cond({ StringEquals: { 'aws:username': ['a', 1] } }),
    good: cond({ StringEquals: { 'aws:username': ['a', 'b'] } }),
  },
  {
    code: 'INVALID_DATE_VALUE',
    bad: cond({ DateGreaterThan: { 'aws:CurrentTime': 1700000000 } }),
    good: cond({ DateGreaterThan: { 'aws:CurrentTime': '2023-11-14' } }),
  },
  {
    code: 'INVALID_CONDITION_MULTIPLE_BOOLEAN',
    bad: cond({ Bool: { 'aws:SecureTransport': ['true', 'false'] } }),
    good: cond({ Bool: { 'aws:SecureTransport': 'false' } }),
  },
  {
    code: 'IMPROVE_IP_RANGE',
    bad: cond({ IpAddress: { 'aws:SourceIp': '203.0.113.5/24' } }),
    good: cond({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }),
    says: '203.0.113.0/24',
  },
  {
    code: 'PRIVATE_IP_ADDRESS',
    bad: cond({ IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.1.0/24'] } }),
    good: cond({ IpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } }),
  },
  {
    code: 'PRIVATE_NOT_IP_ADDRESS',
    bad: cond({ NotIpAddress: { 'aws:SourceIp': '172.16.0.0/12' } }),
    good: cond({ NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }),
  },
  {
    code: 'PRIVATE_IP_ADDRESS_SUBSET',
    bad: cond({ IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '203.0.113.0/24'] } }),
    good: cond({ IpAddress: { 'aws:VpcSourceIp': ['10.0.0.0/8'], 'aws:SourceVpc': 'vpc-12345678' } }),
  },
  {
    code: 'PRIVATE_NOT_IP_ADDRESS_SUBSET',
    bad: cond({ NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '203.0.113.0/24'] } }),
    good: cond({ NotIpAddress: { 'aws:SourceIp': ['198.51.100.0/24', '203.0.113.0/24'] } }),
  },
  {
    code: 'INVALID_VARIABLE_FOR_OPERATOR',
    bad: cond(
      { NumericLessThan: { 's3:max-keys': '${aws:username}' } },
      { Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b' },
    ),
    good: cond(
      { StringEquals: { 's3:prefix': '${aws:username}/' } },
      { Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b' },
    ),
  },
  // Qualifiers
  {
    code: 'MISSING_QUALIFIER',
    bad: cond({ StringEquals: { 'aws:TagKeys': 'a' } }),
    good: cond({ 'ForAllValues:StringEquals': { 'aws:TagKeys': 'a' } }),
  },
  {
    code: 'FORALLVALUES_WITH_SINGLE_VALUED_KEY',
    bad: cond({ 'ForAllValues:StringEquals': { 'aws:username': 'a' } }),
    good: cond({ StringEquals: { 'aws:username': 'a' } }),
  },
  {
    code: 'NULL_WITH_QUALIFIER',
    bad: cond({ 'ForAnyValue:Null': { 'aws:TagKeys': 'true' } }),
    good: cond({ Null: { 'aws:TagKeys': 'true' } }),
  },
  {
    code: 'FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE',
    type: 'RESOURCE_POLICY',
    rt: TRUST,
    bad: trust({
      Principal: { Federated: 'accounts.google.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { 'ForAnyValue:StringEquals': { 'accounts.google.com:aud': 'app' } },
    }),
    good: trust({
      Principal: { Federated: 'accounts.google.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'accounts.google.com:aud': 'app' } },
    }),
  },
  {
    code: 'CONFIRM_AUDIENCE_CLAIM_TYPE',
    type: 'RESOURCE_POLICY',
    rt: TRUST,
    bad: trust({
      Principal: { Federated: 'accounts.google.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { 'ForAllValues:StringEquals': { 'accounts.google.com:aud': 'app' } },
    }),
    good: trust({
      Principal: { Federated: 'accounts.google.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'accounts.google.com:aud': 'app' } },
    }),
  },
  // Wildcards in values
  {
    code: 'WILDCARD_WITHOUT_LIKE_OPERATOR',
    bad: cond({ StringEquals: { 'aws:PrincipalTag/job': 'admin-*' } }),
    good: cond({ StringLike: { 'aws:PrincipalTag/job': 'admin-*' } }),
    at: '"admin-*"',
  },
  {
    code: 'STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS',
    bad: cond({ StringLike: { 'aws:SourceArn': 'arn:aws:sns:*:123456789012:*' } }),
    good: cond({ ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:123456789012:*' } }),
  },
  {
    code: 'EQUIVALENT_TO_NULL_FALSE',
    bad: cond({ StringLike: { 'aws:ResourceTag/team': '*' } }),
    good: cond({ StringLike: { 'aws:ResourceTag/team': 'a*' } }),
  },
  {
    code: 'EQUIVALENT_TO_NULL_TRUE',
    bad: cond({ StringNotLike: { 'aws:ResourceTag/team': '*' } }),
    good: cond({ StringNotLike: { 'aws:ResourceTag/team': 'a*' } }),
  },
  {
    code: 'REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION',
    bad: cond({ StringLikeIfExists: { 'aws:ResourceTag/team': '*' } }),
    good: cond({ StringLikeIfExists: { 'aws:ResourceTag/team': 'a*' } }),
  },
  {
    code: 'REDUNDANT_STATEMENT_DUE_TO_WILDCARD_IN_CONDITION',
    bad: cond({ 'ForAnyValue:StringNotLike': { 'aws:TagKeys': '*' } }),
    good: cond({ 'ForAnyValue:StringNotLike': { 'aws:TagKeys': 'a*' } }),
  },
  {
    code: 'REDUNDANT_CONDITION_VALUE_NUM',
    bad: cond({ NumericLessThan: { 'aws:MultiFactorAuthAge': ['2700', '3600'] } }),
    good: cond({ NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }),
    says: 'greatest',
  },
  // Specific keys
  {
    code: 'MISSING_PAIRED_CONDITION_KEYS',
    bad: cond({ IpAddress: { 'aws:VpcSourceIp': '10.0.0.0/8' } }),
    good: cond({
      IpAddress: { 'aws:VpcSourceIp': '10.0.0.0/8' },
      StringEquals: { 'aws:SourceVpc': 'vpc-12345678' },
    }),
  },
  {
    code: 'INVALID_VPC_FORMAT',
    bad: cond({ StringEquals: { 'aws:SourceVpc': 'vpc-123' } }),
    good: cond({ StringEquals: { 'aws:SourceVpc': 'vpc-1a2b3c4d' } }),
  },
  {
    code: 'INVALID_VPCE_FORMAT',
    bad: cond({ StringEquals: { 'aws:SourceVpce': 'vpc-1a2b3c4d' } }),
    good: cond({ StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d5e6f7a8b9' } }),
  },
  {
    code: 'INVALID_REGION',
    bad: cond({ StringEquals: { 'aws:RequestedRegion': 'us-east' } }),
    good: cond({ StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } }),
  },
  {
    code: 'INVALID_KMS_KEY_VALUE',
    bad: cond(
      { StringEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': 'alias/mykey' } },
      { Action: 's3:PutObject' },
    ),
    good: cond(
      {
        StringEquals: {
          's3:x-amz-server-side-encryption-aws-kms-key-id':
            'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        },
      },
      { Action: 's3:PutObject' },
    ),
  },
  {
    code: 'UNTRUSTWORTHY_CONDITION_KEY',
    bad: cond({ StringLike: { 'aws:UserAgent': 'aws-cli*' } }),
    good: cond({ StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } }),
  },
  {
    code: 'DYNAMODB_ATTRIBUTES_WITHOUT_SELECT',
    bad: cond(
      { 'ForAllValues:StringEquals': { 'dynamodb:Attributes': ['id'] } },
      { Action: 'dynamodb:GetItem' },
    ),
    good: cond(
      {
        'ForAllValues:StringEquals': { 'dynamodb:Attributes': ['id'] },
        StringEquals: { 'dynamodb:Select': 'SPECIFIC_ATTRIBUTES' },
      },
      { Action: 'dynamodb:GetItem' },
    ),
  },
  {
    code: 'S3_PREFIX_IN_NEGATIVE_CONTEXT',
    bad: cond(
      { StringLike: { 's3:prefix': 'private/*' } },
      { Effect: 'Deny', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b' },
    ),
    good: cond(
      { StringNotLike: { 's3:prefix': 'public/*' } },
      { Effect: 'Deny', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b' },
    ),
  },
  {
    code: 'IRRELEVANT_CONDITION_KEY_IN_POLICY',
    type: 'RESOURCE_POLICY',
    rt: BUCKET,
    bad: res({ Condition: { StringEquals: { 's3:ResourceAccount': '123456789012' } } }),
    good: res({ Condition: { StringEquals: { 'aws:PrincipalAccount': '123456789012' } } }),
  },
  // Variables
  {
    code: 'MISSING_BRACE_IN_VARIABLE',
    bad: id({ Resource: 'arn:aws:s3:::bucket/${aws:username/*' }),
    good: id({ Resource: 'arn:aws:s3:::bucket/${aws:username}/*' }),
  },
  {
    code: 'EMPTY_VARIABLE',
    bad: id({ Resource: 'arn:aws:s3:::bucket/${}/*' }),
    good: id({ Resource: 'arn:aws:s3:::bucket/${aws:username}/*' }),
  },
  {
    code: 'UNSUPPORTED_SPACE_IN_VARIABLE',
    bad: id({ Resource: 'arn:aws:s3:::bucket/${aws: username}/*' }),
    good: id({ Resource: "arn:aws:s3:::bucket/${aws:username, 'nobody'}/*" }),
  },
  {
    code: 'MISSING_QUOTE_IN_VARIABLE',
    bad: id({ Resource: 'arn:aws:s3:::bucket/${aws:username, nobody}/*' }),
    good: id({ Resource: "arn:aws:s3:::bucket/${aws:username, 'nobody'}/*" }),
  },
  {
    code: 'UNSUPPORTED_SYMBOL_IN_VARIABLE',
    bad: id({ Resource: 'arn:aws:s3:::bucket/${aws:user#name}/*' }),
    good: id({ Resource: 'arn:aws:s3:::bucket/${aws:PrincipalTag/team-name}/*' }),
  },
  { code: 'VARIABLE_UNSUPPORTED_IN_ELEMENT', bad: id({ Action: 's3:${aws:username}' }), good: id({}) },
  {
    code: 'VARIABLE_UNSUPPORTED_IN_VERSION',
    bad: id({ Resource: 'arn:aws:s3:::bucket/${aws:username}/*' }, { Version: '2008-10-17' }),
    good: id({ Resource: 'arn:aws:s3:::bucket/${aws:username}/*' }),
  },
  // PassRole and CreateServiceLinkedRole
  {
    code: 'PASS_ROLE_WITH_STAR_IN_RESOURCE',
    bad: id({ Action: 'iam:PassRole', Resource: '*' }),
    good: id({
      Action: 'iam:PassRole',
      Resource: '*',
      Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
    }),
    at: '"*"',
  },
  {
    code: 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE',
    bad: id({ Action: 'iam:*', Resource: '*' }),
    good: id({ Action: 'iam:*', Resource: 'arn:aws:iam::123456789012:role/app-role' }),
  },
  {
    code: 'PASS_ROLE_WITH_NOT_RESOURCE',
    bad: id({
      Action: 'iam:PassRole',
      Resource: undefined,
      NotResource: 'arn:aws:iam::123456789012:role/admin',
    }),
    good: id({ Action: 'iam:PassRole', Resource: 'arn:aws:iam::123456789012:role/app' }),
  },
  {
    code: 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE',
    bad: id({
      Action: 'iam:Pass*',
      Resource: undefined,
      NotResource: 'arn:aws:iam::123456789012:role/admin',
    }),
    good: id({ Action: 'iam:Pass*', Resource: undefined, NotResource: 'arn:aws:iam::*:role/*' }),
  },
  {
    code: 'PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE',
    bad: id({ Action: undefined, NotAction: 's3:*', Resource: undefined, NotResource: 'arn:aws:s3:::b' }),
    good: id({ Action: undefined, NotAction: 'iam:*', Resource: undefined, NotResource: 'arn:aws:s3:::b' }),
  },
  {
    code: 'PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION',
    bad: id({ Action: undefined, NotAction: 's3:*' }),
    good: id({ Action: undefined, NotAction: ['s3:*', 'iam:PassRole', 'iam:CreateServiceLinkedRole'] }),
  },
  {
    code: 'CREATE_SLR_WITH_STAR_IN_RESOURCE',
    bad: id({ Action: 'iam:CreateServiceLinkedRole', Resource: '*' }),
    good: id({
      Action: 'iam:CreateServiceLinkedRole',
      Resource: 'arn:aws:iam::*:role/aws-service-role/elasticbeanstalk.amazonaws.com/*',
    }),
  },
  {
    code: 'CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE',
    bad: id({ Action: 'iam:Create*', Resource: '*' }),
    good: id({ Action: 'iam:CreateRole', Resource: '*' }),
  },
  {
    code: 'CREATE_SLR_WITH_NOT_RESOURCE',
    bad: id({ Action: 'iam:CreateServiceLinkedRole', Resource: undefined, NotResource: 'arn:aws:s3:::b' }),
    good: id({
      Action: 'iam:CreateServiceLinkedRole',
      Resource: 'arn:aws:iam::*:role/aws-service-role/elasticbeanstalk.amazonaws.com/*',
    }),
  },
  {
    code: 'CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE',
    bad: id({ Action: 'iam:*', Resource: undefined, NotResource: 'arn:aws:s3:::b' }),
    good: id({ Action: 'iam:*', Resource: undefined, NotResource: '*' }),
  },
  {
    code: 'CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE',
    bad: id({ Action: undefined, NotAction: 's3:*', Resource: undefined, NotResource: 'arn:aws:s3:::b' }),
    good: id({ Action: undefined, NotAction: 'iam:*', Resource: undefined, NotResource: 'arn:aws:s3:::b' }),
  },
  {
    code: 'CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION',
    bad: id({ Action: undefined, NotAction: 's3:*' }),
    good: id({ Action: undefined, NotAction: ['s3:*', 'iam:*'] }),
  },
  // Tag condition keys
  {
    code: 'DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE',
    bad: cond(
      { StringEquals: { 'aws:ResourceTag/status': 'Confidential' } },
      { Effect: 'Deny', Action: ['s3:GetObject', 'sts:GetCallerIdentity'] },
    ),
    good: cond(
      { StringEquals: { 'aws:ResourceTag/status': 'Confidential' } },
      { Effect: 'Deny', Action: ['s3:GetObject'] },
    ),
    says: 'sts',
  },
  {
    code: 'DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE',
    bad: cond(
      { StringEquals: { 'aws:ResourceTag/status': 'Confidential' } },
      { Effect: 'Deny', Action: undefined, NotAction: 's3:GetObject' },
    ),
    good: cond({ StringEquals: { 'aws:ResourceTag/status': 'Confidential' } }, { Effect: 'Deny' }),
  },
  {
    code: 'ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE',
    bad: cond(
      { StringEquals: { 'aws:ResourceTag/team': 'a' } },
      { Action: ['s3:GetObject', 'sts:GetCallerIdentity'] },
    ),
    good: cond({ StringEquals: { 'aws:ResourceTag/team': 'a' } }),
  },
  {
    code: 'ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE',
    bad: cond({ StringEquals: { 'aws:ResourceTag/team': 'a' } }, { Action: undefined, NotAction: 'iam:*' }),
    good: cond({ StringEquals: { 'aws:ResourceTag/team': 'a' } }),
  },
  {
    code: 'UNSUPPORTED_ACTION_FOR_CONDITION_KEY',
    bad: cond({ StringEquals: { 's3:x-amz-acl': 'private' } }, { Action: ['s3:PutObject', 's3:GetObject'] }),
    good: cond({ StringEquals: { 's3:x-amz-acl': 'private' } }, { Action: ['s3:PutObject'] }),
    says: 's3:GetObject',
  },
  {
    code: 'USE_CONDITION_KEY_ONLY_WITH_SUPPORTED_SERVICES',
    bad: cond({ StringEquals: { 'aws:VpceAccount': '123456789012' } }, { Effect: 'Deny', Action: '*' }),
    good: cond({ StringEquals: { 'aws:VpceAccount': '123456789012' } }, { Effect: 'Deny', Action: 's3:*' }),
  },
  // RCP companions
  {
    code: 'RCP_MISSING_RELATED_PRINCIPAL_CONDITION_KEY',
    type: 'RESOURCE_CONTROL_POLICY',
    bad: res({
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: '*',
      Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc' } },
    }),
    good: res({
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: '*',
      Condition: {
        StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc' },
        BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
      },
    }),
  },
  {
    code: 'RCP_MISSING_RELATED_SERVICE_PRINCIPAL_CONDITION_KEY',
    type: 'RESOURCE_CONTROL_POLICY',
    bad: res({
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: '*',
      Condition: {
        StringNotEqualsIfExists: { 'aws:SourceOrgID': 'o-abc' },
        Null: { 'aws:SourceAccount': 'false' },
      },
    }),
    good: res({
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: '*',
      Condition: {
        StringNotEqualsIfExists: { 'aws:SourceOrgID': 'o-abc' },
        Null: { 'aws:SourceAccount': 'false' },
        Bool: { 'aws:PrincipalIsAWSService': 'true' },
      },
    }),
  },
  {
    code: 'RCP_MISSING_SERVICE_CONDITION_KEY_NULL_CHECK',
    type: 'RESOURCE_CONTROL_POLICY',
    bad: res({
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: '*',
      Condition: {
        StringNotEqualsIfExists: { 'aws:SourceOrgID': 'o-abc' },
        Bool: { 'aws:PrincipalIsAWSService': 'true' },
      },
    }),
    good: res({
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: '*',
      Condition: {
        StringNotEqualsIfExists: { 'aws:SourceOrgID': 'o-abc' },
        Null: { 'aws:SourceAccount': 'false' },
        Bool: { 'aws:PrincipalIsAWSService': 'true' },
      },
    }),
  },
  // Statements
  {
    code: 'REDUNDANT_STATEMENT',
    bad: { Version: V, Statement: [id({}).Statement, id({ Sid: 'Again' }).Statement].flat() },
    good: { Version: V, Statement: [id({}).Statement, id({ Action: 's3:PutObject' }).Statement].flat() },
  },
  {
    code: 'LP_ACTION_RESOURCE_MISMATCH',
    bad: id({ Resource: 'arn:aws:s3:::bucket' }),
    good: id({ Resource: 'arn:aws:s3:::bucket/*' }),
    at: '"s3:GetObject"',
  },
  {
    code: 'LP_WILDCARD_ONLY_ACTION_WITH_RESOURCE',
    bad: id({ Action: 's3:ListAllMyBuckets', Resource: 'arn:aws:s3:::bucket' }),
    good: id({ Action: 's3:ListAllMyBuckets' }),
  },
  {
    code: 'LP_PUBLIC_PRINCIPAL_WITHOUT_CONDITION',
    type: 'RESOURCE_POLICY',
    rt: BUCKET,
    bad: res({ Principal: '*' }),
    good: res({ Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } } }),
  },
  {
    code: 'LP_CONDITION_KEY_OF_OTHER_SERVICE',
    bad: cond({ StringLike: { 's3:prefix': 'home/*' } }, { Action: 'ec2:DescribeInstances' }),
    good: cond(
      { StringLike: { 's3:prefix': 'home/*' } },
      { Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b' },
    ),
    at: '"s3:prefix"',
  },
  {
    code: 'LP_ALLOW_WITH_NOT_ACTION',
    bad: id({ Action: undefined, NotAction: 'iam:*' }),
    good: id({ Effect: 'Deny', Action: undefined, NotAction: 'iam:*' }),
  },
  {
    code: 'LP_ALLOW_WITH_NOT_RESOURCE',
    bad: id({ Resource: undefined, NotResource: 'arn:aws:s3:::secret/*' }),
    good: id({ Effect: 'Deny', Resource: undefined, NotResource: 'arn:aws:s3:::secret/*' }),
  },
  {
    // RFC 8259 section 4: member names SHOULD be unique; JSON.parse keeps the last one.
    code: 'LP_DUPLICATE_KEY',
    bad: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",\n "Resource": "*", "Action": "s3:PutObject"}]}',
    good: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"],\n "Resource": "*"}]}',
    at: '"Action"',
    says: '"Action" is given twice in this object (first at line 1, column 61)',
  },
];

const META = new Map<string, CheckMeta>(checkCatalog().map((m) => [m.issueCode, m]));

function text(doc: Doc): string {
  return typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2);
}

function run(c: Case, doc: Doc) {
  const t = text(doc);
  const findings = validatePolicyText(t, { policyType: c.type ?? 'IDENTITY_POLICY', resourceType: c.rt });
  return { t, findings, mine: findings.filter((f) => f.issueCode === c.code) };
}

describe('every implemented check has a case', () => {
  it('covers each issue code of the registry', () => {
    const tested = new Set(CASES.map((c) => c.code));
    expect([...META.keys()].filter((k) => !tested.has(k))).toEqual([]);
  });
});

for (const c of CASES) {
  const meta = META.get(c.code);
  describe(`${c.code} (${meta?.learnMoreLink ?? 'unregistered'})`, () => {
    it('reports the problem, located', () => {
      expect(meta).toBeDefined();
      const { t, mine } = run(c, c.bad);
      expect(mine.length).toBeGreaterThan(0);
      const f = mine[0];
      expect(f.findingType).toBe(meta!.findingType);
      expect(f.learnMoreLink).toBe(meta!.learnMoreLink);
      const loc = f.locations[0];
      expect(loc.span.start.offset).toBeLessThanOrEqual(loc.span.end.offset);
      expect(loc.span.start.line).toBeGreaterThanOrEqual(1);
      if (c.at !== undefined) expect(t.slice(loc.span.start.offset, loc.span.end.offset)).toBe(c.at);
      if (c.says !== undefined) expect(f.findingDetails).toContain(c.says);
    });
    it('stays quiet on the corrected policy', () => {
      expect(run(c, c.good).mine).toEqual([]);
    });
  });
}
