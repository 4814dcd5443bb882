/** The principals checks, in report order: one module per issue code. */
import type { Check } from '../../define.js';
import { federatedPrincipalNotSupported } from './federated-principal-not-supported.js';
import { invalidFederatedPrincipalSyntaxInRoleTrustPolicy } from './invalid-federated-principal-syntax-in-role-trust-policy.js';
import { invalidRoleReference } from './invalid-role-reference.js';
import { invalidServicePrincipalFormat } from './invalid-service-principal-format.js';
import { invalidUserReference } from './invalid-user-reference.js';
import { mismatchedActionForPrincipal } from './mismatched-action-for-principal.js';
import { missingActionForRolesAnywhereTrustPolicy } from './missing-action-for-roles-anywhere-trust-policy.js';
import { missingConditionKeyForOidcPrincipal } from './missing-condition-key-for-oidc-principal.js';
import { missingGithubRepoConditionKey } from './missing-github-repo-condition-key.js';
import { recommendedConditionKeyForServicePrincipal } from './recommended-condition-key-for-service-principal.js';
import { redundantPrincipalInRoleTrustPolicy } from './redundant-principal-in-role-trust-policy.js';
import { restrictAccessToServicePrincipal } from './restrict-access-to-service-principal.js';
import { specificGithubRepoAndBranchRecommended } from './specific-github-repo-and-branch-recommended.js';
import { unsupportedConditionKeyForServicePrincipal } from './unsupported-condition-key-for-service-principal.js';
import { unsupportedWildcardInPrincipal } from './unsupported-wildcard-in-principal.js';

export const principalChecks: Check[] = [
  unsupportedWildcardInPrincipal,
  invalidServicePrincipalFormat,
  federatedPrincipalNotSupported,
  invalidFederatedPrincipalSyntaxInRoleTrustPolicy,
  mismatchedActionForPrincipal,
  missingActionForRolesAnywhereTrustPolicy,
  missingConditionKeyForOidcPrincipal,
  missingGithubRepoConditionKey,
  specificGithubRepoAndBranchRecommended,
  restrictAccessToServicePrincipal,
  recommendedConditionKeyForServicePrincipal,
  unsupportedConditionKeyForServicePrincipal,
  invalidRoleReference,
  invalidUserReference,
  redundantPrincipalInRoleTrustPolicy,
];
