/**
 * Building blocks of the validator's case tables (test/validate/checks/<group>/<code>.cases.ts,
 * beside src/validate/checks/<group>/<code>.ts), as ESLint's RuleTester tables: policies that
 * must produce the check's finding and close variants that must not.
 */
import type { PolicyType } from '../../../src/validate/index.js';

export type Doc = Record<string, unknown> | string;

export interface CheckCases {
  /** The issue code; the file is named after it. */
  code: string;
  /** Policy type of every case (default IDENTITY_POLICY). */
  type?: PolicyType;
  /** Resource type of every case. */
  rt?: string;
  /** Policies that must produce the finding, with the source text it must point at and words it must say. */
  invalid: Array<{ doc: Doc; at?: string; says?: string }>;
  /** Policies on which the check must stay quiet. */
  valid: Doc[];
}

export const V = '2012-10-17';
export const TRUST = 'AWS::IAM::AssumeRolePolicyDocument';
export const BUCKET = 'AWS::S3::Bucket';

/** An identity policy with one statement. */
export function id(
  st: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    Version: V,
    Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', ...st }],
    ...extra,
  };
}

/** A resource policy with one statement. */
export function res(st: Record<string, unknown>): Record<string, unknown> {
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
export function trust(st: Record<string, unknown>): Record<string, unknown> {
  return {
    Version: V,
    Statement: [
      { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole', ...st },
    ],
  };
}

export function cond(c: Record<string, unknown>, st: Record<string, unknown> = {}): Record<string, unknown> {
  return id({ Condition: c, ...st });
}

export const big = (n: number) => Array.from({ length: n }, (_, i) => `s3:GetObject${'x'.repeat(20)}${i}`);
