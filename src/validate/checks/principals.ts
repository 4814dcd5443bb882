/**
 * Principal element checks: wildcards, service principal and federated principal formats, trust
 * policy rules for identity providers (OIDC, SAML, GitHub, IAM Roles Anywhere), service
 * principals without source conditions, and principal IDs instead of ARNs.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 */
import type { PrincipalEntry, Statement } from '../../policy/model.js';
import { actionPatternMatches, type CheckContext } from '../context.js';
import { type Check, defineCheck } from '../define.js';

function* principalEntries(ctx: CheckContext): Generator<[Statement, PrincipalEntry]> {
  for (const st of ctx.statements) {
    for (const block of [st.principal, st.notPrincipal]) {
      if (block && !block.wildcard) for (const e of block.entries) yield [st, e];
    }
  }
}

function entriesOf(st: Statement, type: PrincipalEntry['type']): PrincipalEntry[] {
  return st.principal && !st.principal.wildcard ? st.principal.entries.filter((e) => e.type === type) : [];
}

/** True when the statement's Action list allows the action (Allow statements only). */
function allowsAction(ctx: CheckContext, st: Statement, action: string): boolean {
  if (st.notAction) return !st.notAction.some((a) => actionPatternMatches(a.value, action));
  return ctx.actions(st).some((a) => actionPatternMatches(a.text, action));
}

const SERVICE_PRINCIPAL =
  /^[a-z0-9][a-z0-9.-]*\.(amazonaws\.com(\.cn)?|amazon\.com|c2s\.ic\.gov|sc2s\.sgov\.gov)$/;

export const unsupportedWildcardInPrincipal = defineCheck(
  {
    issueCode: 'UNSUPPORTED_WILDCARD_IN_PRINCIPAL',
    findingType: 'ERROR',
    title: 'Unsupported wildcard in principal',
    description: 'Wildcards are not allowed inside principal values (only "*" or {"AWS": "*"}).',
  },
  (ctx) => {
    for (const [, e] of principalEntries(ctx)) {
      const v = e.value.value;
      if (e.type === 'AWS' && v === '*') continue;
      if (v.includes('*') || v.includes('?')) {
        ctx.report(
          `Wildcards (*, ?) are not supported with the principal key ${e.type}. Replace the wildcard with a valid principal value.`,
          e.value.loc,
        );
      }
    }
  },
);

export const invalidServicePrincipalFormat = defineCheck(
  {
    issueCode: 'INVALID_SERVICE_PRINCIPAL_FORMAT',
    findingType: 'ERROR',
    title: 'Invalid service principal format',
    description: 'A service principal is not of the form service-name.amazonaws.com (lowercase).',
  },
  (ctx) => {
    for (const [, e] of principalEntries(ctx)) {
      const v = e.value.value;
      if (e.type !== 'Service' || v.includes('*') || v.includes('?') || v.includes('${')) continue;
      if (!SERVICE_PRINCIPAL.test(v)) {
        ctx.report(
          'The service principal does not match the expected format. Use the format service-name.amazonaws.com.',
          e.value.loc,
        );
      }
    }
  },
);

export const federatedPrincipalNotSupported = defineCheck(
  {
    issueCode: 'FEDERATED_PRINCIPAL_NOT_SUPPORTED',
    findingType: 'ERROR',
    title: 'Federated principal not supported',
    description: 'Only role trust policies can name federated identity providers.',
    policyTypes: ['RESOURCE_POLICY'],
  },
  (ctx) => {
    if (ctx.isTrustPolicy) return;
    for (const [, e] of principalEntries(ctx)) {
      if (e.type === 'Federated') {
        ctx.report(
          'The policy type does not support a federated identity provider in the principal element. Use a supported principal.',
          e.value.loc,
        );
      }
    }
  },
);

const SAML_PROVIDER = /^arn:aws[a-z-]*:iam::\d{12}:saml-provider\/[\w+=,.@-]+$/;
const OIDC_PROVIDER = /^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/.+$/;
const DOMAIN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(\/[^\s]*)?$/i;

function providerKind(value: string): 'saml' | 'oidc' | undefined {
  if (SAML_PROVIDER.test(value)) return 'saml';
  if (OIDC_PROVIDER.test(value) || DOMAIN.test(value)) return 'oidc';
  return undefined;
}

/** The provider host an OIDC principal names (`token.actions.githubusercontent.com`, `accounts.google.com`, ...). */
function oidcHost(value: string): string | undefined {
  const m = /:oidc-provider\/(.+)$/.exec(value);
  if (m) return m[1];
  return DOMAIN.test(value) ? value : undefined;
}

export const invalidFederatedPrincipalSyntaxInRoleTrustPolicy = defineCheck(
  {
    issueCode: 'INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY',
    findingType: 'ERROR',
    title: 'Invalid federated principal syntax in role trust policy',
    description: 'A federated principal is neither a domain name nor a SAML/OIDC provider ARN.',
    policyTypes: ['RESOURCE_POLICY'],
  },
  (ctx) => {
    if (!ctx.isTrustPolicy) return;
    for (const [, e] of principalEntries(ctx)) {
      if (e.type === 'Federated' && !providerKind(e.value.value) && !e.value.value.includes('${')) {
        ctx.report(
          'The principal value specifies a federated principal that does not match the expected format. Update the federated principal to a domain name or a SAML metadata ARN.',
          e.value.loc,
        );
      }
    }
  },
);

export const mismatchedActionForPrincipal = defineCheck(
  {
    issueCode: 'MISMATCHED_ACTION_FOR_PRINCIPAL',
    findingType: 'ERROR',
    title: 'Mismatched action for principal',
    description:
      'SAML providers go with sts:AssumeRoleWithSAML, OIDC providers with sts:AssumeRoleWithWebIdentity.',
    policyTypes: ['RESOURCE_POLICY'],
  },
  (ctx) => {
    if (!ctx.isTrustPolicy) return;
    for (const st of ctx.statements) {
      const fed = entriesOf(st, 'Federated');
      if (fed.length === 0 || entriesOf(st, 'AWS').length > 0 || entriesOf(st, 'Service').length > 0)
        continue;
      for (const a of ctx.actions(st)) {
        if (!a.info) continue;
        const name = a.info.fullName;
        const wrong =
          name === 'sts:AssumeRoleWithSAML'
            ? fed.filter((e) => providerKind(e.value.value) === 'oidc')
            : name === 'sts:AssumeRoleWithWebIdentity'
              ? fed.filter((e) => providerKind(e.value.value) === 'saml')
              : name === 'sts:AssumeRole'
                ? fed
                : [];
        if (wrong.length === 0) continue;
        ctx.report(
          `The ${name} action is invalid with the following principal(s): ${wrong.map((e) => e.value.value).join(', ')}. Use a SAML provider principal with the sts:AssumeRoleWithSAML action or use an OIDC provider principal with the sts:AssumeRoleWithWebIdentity action. Ensure the provider is Federated if you use either of the two options.`,
          a.loc,
        );
      }
    }
  },
);

export const missingActionForRolesAnywhereTrustPolicy = defineCheck(
  {
    issueCode: 'MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY',
    findingType: 'ERROR',
    title: 'Missing action for roles anywhere trust policy',
    description: 'IAM Roles Anywhere needs sts:AssumeRole, sts:SetSourceIdentity and sts:TagSession.',
    policyTypes: ['RESOURCE_POLICY'],
  },
  (ctx) => {
    if (!ctx.isTrustPolicy) return;
    for (const st of ctx.statements) {
      if (st.effect.value !== 'Allow') continue;
      const ra = entriesOf(st, 'Service').find((e) => e.value.value === 'rolesanywhere.amazonaws.com');
      if (!ra) continue;
      const needed = ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'];
      if (needed.every((a) => allowsAction(ctx, st, a))) continue;
      ctx.report(
        'The rolesanywhere.amazonaws.com service principal requires the sts:AssumeRole, sts:SetSourceIdentity, and sts:TagSession permissions to assume a role. Add the missing permissions to the policy.',
        ra.value.loc,
      );
    }
  },
);

const GITHUB = 'token.actions.githubusercontent.com';

export const missingConditionKeyForOidcPrincipal = defineCheck(
  {
    issueCode: 'MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL',
    findingType: 'SECURITY_WARNING',
    title: 'Missing condition key for oidc principal',
    description: 'An OIDC principal without a condition on that provider’s keys.',
    policyTypes: ['RESOURCE_POLICY'],
  },
  (ctx) => {
    if (!ctx.isTrustPolicy) return;
    for (const st of ctx.statements) {
      if (st.effect.value !== 'Allow') continue;
      for (const e of entriesOf(st, 'Federated')) {
        if (providerKind(e.value.value) !== 'oidc') continue;
        const host = oidcHost(e.value.value);
        if (!host || host.startsWith(GITHUB)) continue;
        const prefix = `${host.toLowerCase()}:`;
        if (st.conditions.some((c) => c.keyLower.startsWith(prefix))) continue;
        ctx.report(
          'Using an Open ID Connect principal without a condition can be overly permissive. Add condition keys with a prefix that matches your federated OIDC principals to ensure that only the intended identity provider assumes the role.',
          e.value.loc,
        );
      }
    }
  },
);

export const missingGithubRepoConditionKey = defineCheck(
  {
    issueCode: 'MISSING_GITHUB_REPO_CONDITION_KEY',
    findingType: 'SECURITY_WARNING',
    title: 'Missing github repo condition key',
    description: 'A GitHub OIDC principal without a token.actions.githubusercontent.com:sub condition.',
    policyTypes: ['RESOURCE_POLICY'],
  },
  (ctx) => {
    if (!ctx.isTrustPolicy) return;
    for (const st of ctx.statements) {
      if (st.effect.value !== 'Allow') continue;
      for (const e of entriesOf(st, 'Federated')) {
        const host = oidcHost(e.value.value);
        if (!host?.startsWith(GITHUB)) continue;
        if (st.conditions.some((c) => c.keyLower === `${host.toLowerCase()}:sub`)) continue;
        ctx.report(
          'Granting a federated GitHub principal permissions without a condition key can allow more sources to assume the role than you intended. Add the token.actions.githubusercontent.com:sub condition key and specify the branch and repository name in the value.',
          e.value.loc,
        );
      }
    }
  },
);

export const specificGithubRepoAndBranchRecommended = defineCheck(
  {
    issueCode: 'SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED',
    findingType: 'WARNING',
    title: 'Specific github repo and branch recommended',
    description:
      'A wildcard in token.actions.githubusercontent.com:sub admits more repositories or branches.',
  },
  (ctx) => {
    for (const st of ctx.statements) {
      for (const c of st.conditions) {
        if (!c.keyLower.startsWith(GITHUB) || !c.keyLower.endsWith(':sub')) continue;
        for (const v of c.values) {
          if (typeof v.value === 'string' && v.value.includes('*')) {
            ctx.report(
              'Using a wildcard (*) in token.actions.githubusercontent.com:sub can allow requests from more sources than you intended. Specify the value of token.actions.githubusercontent.com:sub with the repository and branch name. If the subject claim does not include the branch, specify it in a token.actions.githubusercontent.com:ref condition key.',
              v.loc,
            );
          }
        }
      }
    }
  },
);

const SOURCE_KEYS = new Set(['aws:sourcearn', 'aws:sourceaccount', 'aws:sourceorgid', 'aws:sourceorgpaths']);

export const restrictAccessToServicePrincipal = defineCheck(
  {
    issueCode: 'RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL',
    findingType: 'SECURITY_WARNING',
    title: 'Restrict access to service principal',
    description:
      'A resource policy grants a service principal access without aws:Source* conditions (confused deputy).',
    policyTypes: ['RESOURCE_POLICY'],
  },
  (ctx) => {
    if (ctx.isTrustPolicy) return;
    for (const st of ctx.statements) {
      if (st.effect.value !== 'Allow') continue;
      const services = entriesOf(st, 'Service');
      if (services.length === 0) continue;
      if (st.conditions.some((c) => SOURCE_KEYS.has(c.keyLower))) continue;
      ctx.report(
        'Granting access to a service principal without specifying a source is overly permissive. Use aws:SourceArn, aws:SourceAccount, aws:SourceOrgID, or aws:SourceOrgPaths condition key to grant fine-grained access.',
        services[0].value.loc,
      );
    }
  },
);

export const recommendedConditionKeyForServicePrincipal = defineCheck(
  {
    issueCode: 'RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL',
    findingType: 'SUGGESTION',
    title: 'Recommended condition key for service principal',
    description:
      'For service principals, aws:Source* keys are the recommended restriction (not aws:Referer).',
    policyTypes: ['RESOURCE_POLICY'],
  },
  (ctx) => {
    for (const st of ctx.statements) {
      const services = entriesOf(st, 'Service');
      if (services.length === 0) continue;
      for (const c of st.conditions) {
        if (c.keyLower !== 'aws:referer') continue;
        const prefix = services[0].value.value.split('.')[0];
        ctx.report(
          `To restrict access to the service principal ${prefix} operating on your behalf, we recommend aws:SourceArn, aws:SourceAccount, aws:SourceOrgID, or aws:SourceOrgPaths instead of ${c.key.value}.`,
          c.key.loc,
        );
      }
    }
  },
);

const NOT_FOR_SERVICES = /^aws:(principalorgid|principalorgpaths|principaltag\/.+)$/i;

export const unsupportedConditionKeyForServicePrincipal = defineCheck(
  {
    issueCode: 'UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL',
    findingType: 'ERROR',
    title: 'Unsupported condition key for service principal',
    description: 'Organization and principal tag keys are never present for service principals.',
    policyTypes: ['RESOURCE_POLICY'],
  },
  (ctx) => {
    for (const st of ctx.statements) {
      const p = st.principal;
      if (!p || p.wildcard || p.entries.length === 0 || !p.entries.every((e) => e.type === 'Service'))
        continue;
      const keys = st.conditions.filter((c) => NOT_FOR_SERVICES.test(c.key.value));
      if (keys.length === 0) continue;
      ctx.report(
        `The following condition keys are not supported when used with the service principal: ${keys.map((c) => c.key.value).join(', ')}.`,
        keys.map((c) => c.key.loc),
      );
    }
  },
);

export const invalidRoleReference = defineCheck(
  {
    issueCode: 'INVALID_ROLE_REFERENCE',
    findingType: 'WARNING',
    title: 'Invalid role reference',
    description: 'The Principal names a role by its unique ID (AROA...) instead of its ARN.',
  },
  (ctx) => {
    for (const [, e] of principalEntries(ctx)) {
      if (e.type === 'AWS' && /^AROA[A-Z0-9]{12,}$/.test(e.value.value)) {
        ctx.report(
          `The Principal element includes the IAM role ID ${e.value.value}. We recommend that you use a role ARN instead.`,
          e.value.loc,
        );
      }
    }
  },
);

export const invalidUserReference = defineCheck(
  {
    issueCode: 'INVALID_USER_REFERENCE',
    findingType: 'WARNING',
    title: 'Invalid user reference',
    description: 'The Principal names a user by its unique ID (AIDA...) instead of its ARN.',
  },
  (ctx) => {
    for (const [, e] of principalEntries(ctx)) {
      if (e.type === 'AWS' && /^AIDA[A-Z0-9]{12,}$/.test(e.value.value)) {
        ctx.report(
          `The Principal element includes the IAM user ID ${e.value.value}. We recommend that you use a user ARN instead.`,
          e.value.loc,
        );
      }
    }
  },
);

export const redundantPrincipalInRoleTrustPolicy = defineCheck(
  {
    issueCode: 'REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY',
    findingType: 'SUGGESTION',
    title: 'Redundant principal in role trust policy',
    description: 'An assumed-role session principal listed beside its role.',
    policyTypes: ['RESOURCE_POLICY'],
  },
  (ctx) => {
    if (!ctx.isTrustPolicy) return;
    for (const st of ctx.statements) {
      const aws = entriesOf(st, 'AWS');
      const roles = new Map<string, string>();
      for (const e of aws) {
        const m = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(e.value.value);
        if (m) roles.set(`${m[1]}:${m[2]}:${m[3]}`, e.value.value);
      }
      for (const e of aws) {
        const m = /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/.exec(e.value.value);
        const parent = m ? roles.get(`${m[1]}:${m[2]}:${m[3]}`) : undefined;
        if (parent) {
          ctx.report(
            `The assumed-role principal ${e.value.value} is redundant with its parent role ${parent}. Remove the assumed-role principal.`,
            e.value.loc,
          );
        }
      }
    }
  },
);

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
