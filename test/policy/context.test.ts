/**
 * The request context the evaluator reads: key names are case-insensitive, values keep their
 * case. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html
 * ("Condition key names are not case-sensitive").
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Context, type ContextEntry, type ContextInput, LayeredContext } from '../../src/policy/context.js';

const defaults = new Map<string, ContextEntry>([
  ['aws:principalaccount', { key: 'aws:PrincipalAccount', values: ['111122223333'], multi: false }],
]);

describe('LayeredContext', () => {
  it('answers every key as Context does over the request keys, then the defaults', () => {
    const key = fc.constantFrom(
      'aws:SourceIp',
      'AWS:SOURCEIP',
      'aws:sourceip',
      'aws:PrincipalAccount',
      's3:prefix',
    );
    const value = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.array(fc.string(), { maxLength: 3 }));
    fc.assert(
      fc.property(fc.dictionary(key, value), (input) => {
        const layered = new LayeredContext(input as ContextInput, defaults);
        const plain = new Context(input as ContextInput);
        for (const k of ['aws:sourceip', 'aws:principalaccount', 's3:prefix', 'aws:username']) {
          const want = plain.get(k) ?? defaults.get(k);
          expect(layered.get(k)).toEqual(want);
          // Asked twice, the same entry.
          expect(layered.get(k)).toBe(layered.get(k));
        }
      }),
    );
  });

  it('takes the last of several spellings of one key, keeping that spelling', () => {
    const c = new LayeredContext({ 'aws:SourceIp': '192.0.2.1', 'AWS:SOURCEIP': '203.0.113.9' }, defaults);
    expect(c.get('aws:sourceip')).toEqual({ key: 'AWS:SOURCEIP', values: ['203.0.113.9'], multi: false });
  });
});
