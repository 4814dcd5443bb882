import type { PolicyRef } from '../../src/evaluate/index.js';
import { parsePolicyValue } from '../../src/policy/parse.js';

type StatementInput = Record<string, unknown>;

/** A policy document (Version 2012-10-17) from statements, parsed through the real parser. */
export function policy(...statements: StatementInput[]): PolicyRef {
  return { document: parsePolicyValue({ Version: '2012-10-17', Statement: statements }) };
}

export function named(name: string, ...statements: StatementInput[]): PolicyRef {
  return { name, ...policy(...statements) };
}

export const allowAll = (): PolicyRef => policy({ Effect: 'Allow', Action: '*', Resource: '*' });

export const ACCOUNT = '111122223333';
export const OTHER = '444455556666';
export const USER = `arn:aws:iam::${ACCOUNT}:user/alice`;
export const ROLE = `arn:aws:iam::${ACCOUNT}:role/Dev`;
export const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/Dev/alice-session`;
export const BUCKET_OBJECT = 'arn:aws:s3:::example-bucket/report.csv';
