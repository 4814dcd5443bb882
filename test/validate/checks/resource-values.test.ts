// The ARN checks share one split of a document's Resource values and compute each value's
// candidate resource types once: a 50 MB policy holds hundreds of thousands of values, and each
// of a dozen checks splitting them again (with a bounded cache) made validate quadratic-ish slow.
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../src/policy/parse.js';
import { candidates, resourceValues } from '../../../src/validate/checks/resources/shared.js';
import { CheckContext } from '../../../src/validate/context.js';

const text = JSON.stringify({
  Version: '2012-10-17',
  Statement: Array.from({ length: 30_000 }, (_, n) => ({
    Effect: 'Allow',
    Action: 's3:GetObject',
    Resource: `arn:aws:s3:::bucket-${n}/*`,
  })),
});

describe('resource values of one document', () => {
  const { policy, issues } = parsePolicy(text);
  const ctx = () => new CheckContext({ doc: policy, issues, options: { policyType: 'IDENTITY_POLICY' } });

  it('are split once per check context and shared by the checks', () => {
    const c = ctx();
    const values = resourceValues(c);
    expect(values).toHaveLength(30_000);
    expect(resourceValues(c)).toBe(values);
    // another document (context) gets its own values
    expect(resourceValues(ctx())).not.toBe(values);
  });

  it('remember their candidate resource types beyond the size of the text cache', () => {
    const values = resourceValues(ctx());
    for (const v of values) expect(candidates(v)?.map((t) => t.name)).toContain('object');
    // the first value's answer is kept on the value although 30,000 texts overflowed the cache
    expect(values[0].candidates).toBeDefined();
    expect(candidates(values[0])).toBe(values[0].candidates);
  });
});
