/** The elements checks, in report order: one module per issue code. */
import type { Check } from '../../define.js';
import { allowWithNotPrincipal } from './allow-with-not-principal.js';
import { emptySidValue } from './empty-sid-value.js';
import { missingPrincipal } from './missing-principal.js';
import { missingResource } from './missing-resource.js';
import { missingVersion } from './missing-version.js';
import { policySizeExceedsIdentityPolicyQuota } from './policy-size-exceeds-identity-policy-quota.js';
import { policySizeExceedsRcpQuota } from './policy-size-exceeds-rcp-quota.js';
import { policySizeExceedsResourcePolicyQuota } from './policy-size-exceeds-resource-policy-quota.js';
import { policySizeExceedsRoleTrustPolicyQuota } from './policy-size-exceeds-role-trust-policy-quota.js';
import { policySizeExceedsScpQuota } from './policy-size-exceeds-scp-quota.js';
import { rcpSyntaxErrorAction } from './rcp-syntax-error-action.js';
import { rcpSyntaxErrorAllow } from './rcp-syntax-error-allow.js';
import { rcpSyntaxErrorNotAction } from './rcp-syntax-error-notaction.js';
import { rcpSyntaxErrorPrincipal } from './rcp-syntax-error-principal.js';
import { roleTrustPolicySyntaxErrorNotPrincipal } from './role-trust-policy-syntax-error-notprincipal.js';
import { roleTrustPolicySyntaxErrorResource } from './role-trust-policy-syntax-error-resource.js';
import { roleTrustPolicyUnsupportedWildcardInPrincipal } from './role-trust-policy-unsupported-wildcard-in-principal.js';
import { scpSyntaxErrorActionWildcard } from './scp-syntax-error-action-wildcard.js';
import { scpSyntaxErrorPrincipal } from './scp-syntax-error-principal.js';
import { uniqueSidsRecommended } from './unique-sids-recommended.js';
import { uniqueSidsRequired } from './unique-sids-required.js';
import { unsupportedPrincipal } from './unsupported-principal.js';
import { unsupportedSid } from './unsupported-sid.js';

export const elementChecks: Check[] = [
  missingVersion,
  missingResource,
  missingPrincipal,
  unsupportedPrincipal,
  scpSyntaxErrorPrincipal,
  scpSyntaxErrorActionWildcard,
  rcpSyntaxErrorPrincipal,
  rcpSyntaxErrorAllow,
  rcpSyntaxErrorNotAction,
  rcpSyntaxErrorAction,
  roleTrustPolicySyntaxErrorNotPrincipal,
  roleTrustPolicyUnsupportedWildcardInPrincipal,
  roleTrustPolicySyntaxErrorResource,
  uniqueSidsRequired,
  uniqueSidsRecommended,
  unsupportedSid,
  emptySidValue,
  allowWithNotPrincipal,
  policySizeExceedsScpQuota,
  policySizeExceedsRcpQuota,
  policySizeExceedsIdentityPolicyQuota,
  policySizeExceedsResourcePolicyQuota,
  policySizeExceedsRoleTrustPolicyQuota,
];
