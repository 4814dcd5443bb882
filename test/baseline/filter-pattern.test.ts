/**
 * CloudWatch Logs JSON filter patterns compared by meaning of their text.
 * Syntax: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
 * ("Using metric filters to match terms in JSON log events": `{ $.field = value }`, `&&`, `||`,
 * parentheses, `NOT EXISTS`, `IS NULL`, string values quoted or not, `*` wildcards in values.)
 * The CIS patterns: Security Hub CloudWatch.1-14
 * (https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html).
 */
import { describe, expect, it } from 'vitest';
import { CIS_PATTERNS, canonicalPattern, SEED_IAM_PATTERN } from '../../src/baseline/filter-pattern.js';

describe('canonical filter patterns', () => {
  it('ignores whitespace, value quotes and redundant parentheses', () => {
    const a = canonicalPattern(
      '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}',
    );
    const b = canonicalPattern(
      '{ ($.userIdentity.type = Root) && (($.userIdentity.invokedBy NOT EXISTS) && ($.eventType != "AwsServiceEvent")) }',
    );
    expect(a).toBeDefined();
    expect(a).toBe(b);
  });
  it('treats && and || operands as unordered', () => {
    expect(canonicalPattern('{ ($.eventName = A) || ($.eventName = B) }')).toBe(
      canonicalPattern('{ ($.eventName = B) || ($.eventName = A) }'),
    );
  });
  it('an extra or a missing term changes the pattern', () => {
    const base = canonicalPattern('{ ($.eventName = A) || ($.eventName = B) }');
    expect(canonicalPattern('{ ($.eventName = A) }')).not.toBe(base);
    expect(canonicalPattern('{ ($.eventName = A) || ($.eventName = B) || ($.eventName = C) }')).not.toBe(
      base,
    );
    expect(canonicalPattern('{ ($.eventName = A) && ($.eventName = B) }')).not.toBe(base);
    expect(canonicalPattern('{ ($.eventName != A) || ($.eventName = B) }')).not.toBe(base);
  });
  it('keeps the grouping of mixed && and ||', () => {
    expect(canonicalPattern('{ ($.a = 1 && $.b = 2) || $.c = 3 }')).not.toBe(
      canonicalPattern('{ $.a = 1 && ($.b = 2 || $.c = 3) }'),
    );
  });
  it('returns undefined for text that is not a JSON filter pattern', () => {
    for (const bad of [
      'ERROR',
      '{ $.a = }',
      '{ ($.a = 1 }',
      '$.a = 1',
      '{ $.a = "x }',
      '{ $.a = 1 } trailing',
    ]) {
      expect(canonicalPattern(bad), bad).toBeUndefined();
    }
  });
  it('the CIS CloudWatch.1 pattern equals the seed rootAccountAlarm pattern (same terms, parenthesised)', () => {
    expect(canonicalPattern(CIS_PATTERNS[1].pattern)).toBe(
      canonicalPattern(
        '{ ($.userIdentity.type = "Root") && ($.userIdentity.invokedBy NOT EXISTS) && ($.eventType != "AwsServiceEvent") }',
      ),
    );
  });
  it('CloudWatch.4 as Security Hub prints it equals the table entry', () => {
    const sh =
      '{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)}';
    expect(canonicalPattern(CIS_PATTERNS[4].pattern)).toBe(canonicalPattern(sh));
  });
  it('CloudWatch.7 as Security Hub prints it equals the table entry', () => {
    const sh =
      '{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion))}';
    expect(canonicalPattern(CIS_PATTERNS[7].pattern)).toBe(canonicalPattern(sh));
  });
  it('parses every CIS pattern and the seed IAM pattern', () => {
    for (const p of [...Object.values(CIS_PATTERNS).map((x) => x.pattern), SEED_IAM_PATTERN])
      expect(canonicalPattern(p), p).toBeDefined();
    expect(new Set(Object.values(CIS_PATTERNS).map((x) => canonicalPattern(x.pattern))).size).toBe(14);
  });
});
