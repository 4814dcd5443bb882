/**
 * Guessing the policy type of a document when the user did not say: a policy whose statements
 * all name principals is resource-based; one that only assumes roles (sts:AssumeRole*) is a
 * role trust policy. Anything else is an identity-based policy (Access Analyzer's default).
 */
import type { PolicyDocument } from '../policy/model.js';
import { TRUST_POLICY_RESOURCE_TYPE, type ValidateOptions } from './types.js';

const TRUST_ACTIONS =
  /^sts:(assumerole|assumerolewithsaml|assumerolewithwebidentity|tagsession|setsourceidentity|setcontext)$/i;

export function detectPolicyType(doc: PolicyDocument | undefined): ValidateOptions {
  if (!doc || doc.statements.length === 0) return { policyType: 'IDENTITY_POLICY' };
  const withPrincipal = doc.statements.every((s) => s.principal || s.notPrincipal);
  if (!withPrincipal) return { policyType: 'IDENTITY_POLICY' };
  const trust = doc.statements.every(
    (s) =>
      !s.resource &&
      !s.notResource &&
      (s.action ?? []).length > 0 &&
      (s.action ?? []).every((a) => TRUST_ACTIONS.test(a.value)),
  );
  return trust
    ? { policyType: 'RESOURCE_POLICY', resourceType: TRUST_POLICY_RESOURCE_TYPE }
    : { policyType: 'RESOURCE_POLICY' };
}
