/**
 * canonicalActionName reads only a service's actions file when the service is not indexed yet: it
 * must spell every action as the full index does. Action names are case-insensitive in policies.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
 */
import { describe, expect, it } from 'vitest';
import { canonicalActionName, getActionByName, listActions } from '../../src/catalog/index.js';

describe('canonicalActionName', () => {
  it('spells every action of a service as the full index does, in any case, before and after indexing', () => {
    // sqs and sns: asked before their index is built; s3: after.
    const before = ['sqs:sendmessage', 'SNS:PUBLISH', 'sqs:NoSuchAction'].map(canonicalActionName);
    expect(before).toEqual(['sqs:SendMessage', 'sns:Publish', undefined]);
    for (const service of ['sqs', 'sns', 's3']) {
      const actions = listActions(service);
      expect(actions.length).toBeGreaterThan(5);
      for (const a of actions) {
        const upper = `${service.toUpperCase()}:${a.name.toUpperCase()}`;
        expect(canonicalActionName(upper)).toBe(a.fullName);
        expect(getActionByName(upper)?.fullName).toBe(a.fullName);
      }
    }
    expect(canonicalActionName('nosuchservice:Get')).toBeUndefined();
    expect(canonicalActionName('no-colon')).toBeUndefined();
  });
});
