/**
 * Element rules that depend on the policy type: Version, Sid, Principal, Resource, and the
 * syntax of SCPs, RCPs and role trust policies.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_syntax.html
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_syntax.html
 */
import { rcpSupportedServices } from '../../catalog/index.js';
import { resourceTypeRecord } from '../../catalog/resource-types.js';
import type { Statement } from '../../policy/model.js';
import type { CheckContext } from '../context.js';
import { type Check, defineCheck } from '../define.js';
import type { PolicyType } from '../types.js';

const IAM_TYPES: readonly PolicyType[] = [
  'IDENTITY_POLICY',
  'SERVICE_CONTROL_POLICY',
  'RESOURCE_CONTROL_POLICY',
];

export const missingVersion = defineCheck(
  {
    issueCode: 'MISSING_VERSION',
    findingType: 'WARNING',
    title: 'Missing version',
    description: 'The policy has no Version element, so policy variables and newer features do not work.',
  },
  (ctx) => {
    if (ctx.doc && !ctx.doc.version) {
      ctx.report(
        'We recommend that you specify the Version element to help you with debugging permission issues.',
        ctx.doc.loc,
      );
    }
  },
);

export const missingResource = defineCheck(
  {
    issueCode: 'MISSING_RESOURCE',
    findingType: 'ERROR',
    title: 'Missing resource',
    description: 'A statement has neither Resource nor NotResource (required except in role trust policies).',
  },
  (ctx) => {
    if (ctx.isTrustPolicy) return;
    for (const st of ctx.statements) {
      if (!st.resource && !st.notResource) {
        ctx.report('Add a Resource or NotResource element to the policy statement.', st.loc);
      }
    }
  },
);

export const missingPrincipal = defineCheck(
  {
    issueCode: 'MISSING_PRINCIPAL',
    findingType: 'ERROR',
    title: 'Missing principal',
    description: 'A resource-based policy statement has no Principal element.',
    policyTypes: ['RESOURCE_POLICY', 'RESOURCE_CONTROL_POLICY'],
  },
  (ctx) => {
    for (const st of ctx.statements) {
      if (!st.principal && !st.notPrincipal)
        ctx.report('Add a Principal element to the policy statement.', st.loc);
    }
  },
);

export const unsupportedPrincipal = defineCheck(
  {
    issueCode: 'UNSUPPORTED_PRINCIPAL',
    findingType: 'ERROR',
    title: 'Unsupported principal',
    description: 'Identity-based policies cannot contain Principal or NotPrincipal.',
    policyTypes: ['IDENTITY_POLICY'],
  },
  (ctx) => {
    for (const st of ctx.statements) {
      const p = st.principal ?? st.notPrincipal;
      if (p) {
        ctx.report(
          `The policy type ${ctx.policyType} does not support the Principal element. Remove the Principal element.`,
          p.loc,
        );
      }
    }
  },
);

export const scpSyntaxErrorPrincipal = defineCheck(
  {
    issueCode: 'SCP_SYNTAX_ERROR_PRINCIPAL',
    findingType: 'ERROR',
    title: 'SCP syntax error principal',
    description: 'SCPs do not support Principal or NotPrincipal.',
    policyTypes: ['SERVICE_CONTROL_POLICY'],
  },
  (ctx) => {
    for (const st of ctx.statements) {
      const p = st.principal ?? st.notPrincipal;
      if (p)
        ctx.report(
          'SCPs do not support specifying principals. Remove the Principal or NotPrincipal element.',
          p.loc,
        );
    }
  },
);

export const scpSyntaxErrorActionWildcard = defineCheck(
  {
    issueCode: 'SCP_SYNTAX_ERROR_ACTION_WILDCARD',
    findingType: 'ERROR',
    title: 'SCP syntax error action wildcard',
    description: 'SCP actions may contain a wildcard (*) only at the end.',
    policyTypes: ['SERVICE_CONTROL_POLICY'],
  },
  (ctx) => {
    for (const st of ctx.statements) {
      for (const a of [...(st.action ?? []), ...(st.notAction ?? [])]) {
        const v = a.value;
        const star = v.indexOf('*');
        if (v.includes('?') || (star >= 0 && star !== v.length - 1)) {
          ctx.report(
            `SCP actions can include wildcards (*) only at the end of a string. Update ${v}.`,
            a.loc,
          );
        }
      }
    }
  },
);

function isStarPrincipal(st: Statement): boolean {
  const p = st.principal;
  if (!p) return false;
  if (p.wildcard) return true;
  return p.entries.length > 0 && p.entries.every((e) => e.type === 'AWS' && e.value.value === '*');
}

export const rcpSyntaxErrorPrincipal = defineCheck(
  {
    issueCode: 'RCP_SYNTAX_ERROR_PRINCIPAL',
    findingType: 'ERROR',
    title: 'RCP syntax error principal',
    description: 'RCPs support only "*" in Principal and no NotPrincipal.',
    policyTypes: ['RESOURCE_CONTROL_POLICY'],
  },
  (ctx) => {
    const msg =
      'The Principal element contents are not valid. RCPs only support specifying all principals ("*") in the Principal element. The NotPrincipal element is not supported for RCPs.';
    for (const st of ctx.statements) {
      if (st.notPrincipal) ctx.report(msg, st.notPrincipal.loc);
      else if (st.principal && !isStarPrincipal(st)) ctx.report(msg, st.principal.loc);
    }
  },
);

export const rcpSyntaxErrorAllow = defineCheck(
  {
    issueCode: 'RCP_SYNTAX_ERROR_ALLOW',
    findingType: 'ERROR',
    title: 'RCP syntax error allow',
    description: 'An RCP Allow statement must have Principal "*", Resource "*" and no Condition.',
    policyTypes: ['RESOURCE_CONTROL_POLICY'],
  },
  (ctx) => {
    for (const st of ctx.statements) {
      if (st.effect.value !== 'Allow') continue;
      const resourceStar = st.resource?.length === 1 && st.resource[0].value === '*' && !st.notResource;
      const ok = isStarPrincipal(st) && !st.notPrincipal && resourceStar && !st.conditionLoc;
      if (!ok) {
        ctx.report(
          'RCPs only support specifying all principals ("*") in the Principal element, all resources ("*") in the Resource element, and no Condition element with an effect of Allow.',
          st.effect.loc,
        );
      }
    }
  },
);

export const rcpSyntaxErrorNotAction = defineCheck(
  {
    issueCode: 'RCP_SYNTAX_ERROR_NOTACTION',
    findingType: 'ERROR',
    title: 'RCP syntax error NotAction',
    description: 'RCPs do not support NotAction.',
    policyTypes: ['RESOURCE_CONTROL_POLICY'],
  },
  (ctx) => {
    for (const st of ctx.statements) {
      if (st.notAction) {
        const loc = st.notAction[0]?.loc ?? st.loc;
        ctx.report('RCPs do not support the NotAction element. Update to use the Action element.', loc);
      }
    }
  },
);

export const rcpSyntaxErrorAction = defineCheck(
  {
    issueCode: 'RCP_SYNTAX_ERROR_ACTION',
    findingType: 'ERROR',
    title: 'RCP syntax error action',
    description: 'RCP actions must belong to a service that supports RCPs.',
    policyTypes: ['RESOURCE_CONTROL_POLICY'],
  },
  (ctx) => {
    const supported = rcpSupportedServices();
    for (const st of ctx.statements) {
      for (const a of ctx.actions(st)) {
        if (a.all) continue;
        if (a.service === undefined || a.serviceWildcard || !supported.has(a.service.toLowerCase())) {
          ctx.report(
            'RCPs only support specifying select service prefixes in the Action element. Learn more here.',
            a.loc,
          );
        }
      }
    }
  },
);

export const roleTrustPolicySyntaxErrorNotPrincipal = defineCheck(
  {
    issueCode: 'ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL',
    findingType: 'ERROR',
    title: 'Role trust policy syntax error notprincipal',
    description: 'Role trust policies do not support NotPrincipal.',
    policyTypes: ['RESOURCE_POLICY'],
  },
  (ctx) => {
    if (!ctx.isTrustPolicy) return;
    for (const st of ctx.statements) {
      if (st.notPrincipal) {
        ctx.report(
          'Role trust policies do not support NotPrincipal. Update the policy to use a Principal element instead.',
          st.notPrincipal.loc,
        );
      }
    }
  },
);

export const roleTrustPolicyUnsupportedWildcardInPrincipal = defineCheck(
  {
    issueCode: 'ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL',
    findingType: 'ERROR',
    title: 'Role trust policy unsupported wildcard in principal',
    description: '"Principal": "*" is not supported in a role trust policy.',
    policyTypes: ['RESOURCE_POLICY'],
  },
  (ctx) => {
    if (!ctx.isTrustPolicy) return;
    for (const st of ctx.statements) {
      if (st.principal?.wildcard) {
        ctx.report(
          '"Principal:" "*" is not supported in the principal element of a role trust policy. Replace the wildcard with a valid principal value.',
          st.principal.loc,
        );
      }
    }
  },
);

export const roleTrustPolicySyntaxErrorResource = defineCheck(
  {
    issueCode: 'ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE',
    findingType: 'ERROR',
    title: 'Role trust policy syntax error resource',
    description: 'Role trust policies cannot contain Resource or NotResource.',
    policyTypes: ['RESOURCE_POLICY'],
  },
  (ctx) => {
    if (!ctx.isTrustPolicy) return;
    for (const st of ctx.statements) {
      const list = st.resource ?? st.notResource;
      if (list) {
        ctx.report(
          'Role trust policies apply to the role that they are attached to. You cannot specify a resource. Remove the Resource or NotResource element.',
          list[0]?.loc ?? st.loc,
        );
      }
    }
  },
);

function sidsRequired(ctx: CheckContext): boolean {
  return IAM_TYPES.includes(ctx.policyType) || ctx.isTrustPolicy;
}

function duplicateSids(ctx: CheckContext): Statement[] {
  const seen = new Set<string>();
  const dups: Statement[] = [];
  for (const st of ctx.statements) {
    const sid = st.sid?.value;
    if (sid === undefined || sid === '') continue;
    if (seen.has(sid)) dups.push(st);
    seen.add(sid);
  }
  return dups;
}

export const uniqueSidsRequired = defineCheck(
  {
    issueCode: 'UNIQUE_SIDS_REQUIRED',
    findingType: 'ERROR',
    title: 'Unique Sids required',
    description: 'IAM policies, SCPs, RCPs and trust policies need unique statement IDs.',
  },
  (ctx) => {
    if (!sidsRequired(ctx)) return;
    for (const st of duplicateSids(ctx)) {
      ctx.report(
        'Duplicate statement IDs are not supported for this policy type. Update the Sid value.',
        st.sid!.loc,
      );
    }
  },
);

export const uniqueSidsRecommended = defineCheck(
  {
    issueCode: 'UNIQUE_SIDS_RECOMMENDED',
    findingType: 'WARNING',
    title: 'Unique Sids recommended',
    description: 'Statement IDs should be unique within a resource-based policy.',
  },
  (ctx) => {
    if (sidsRequired(ctx)) return;
    for (const st of duplicateSids(ctx)) {
      ctx.report(
        'We recommend that you use statement IDs that are unique to your policy. Update the Sid value.',
        st.sid!.loc,
      );
    }
  },
);

export const unsupportedSid = defineCheck(
  {
    issueCode: 'UNSUPPORTED_SID',
    findingType: 'ERROR',
    title: 'Unsupported Sid',
    description: 'In IAM policies, SCPs and RCPs a Sid may contain only ASCII letters and digits.',
  },
  (ctx) => {
    if (!sidsRequired(ctx)) return;
    for (const st of ctx.statements) {
      const sid = st.sid?.value;
      if (sid && !/^[A-Za-z0-9]+$/.test(sid)) {
        ctx.report(
          'Update the characters in the Sid element to use one of the following character types: [a-z, A-Z, 0-9]',
          st.sid!.loc,
        );
      }
    }
  },
);

export const emptySidValue = defineCheck(
  {
    issueCode: 'EMPTY_SID_VALUE',
    findingType: 'SUGGESTION',
    title: 'Empty Sid value',
    description: 'The Sid element is an empty string.',
  },
  (ctx) => {
    for (const st of ctx.statements) {
      if (st.sid?.value === '') ctx.report('Add a value to the empty string in the Sid element.', st.sid.loc);
    }
  },
);

export const allowWithNotPrincipal = defineCheck(
  {
    issueCode: 'ALLOW_WITH_NOT_PRINCIPAL',
    findingType: 'SECURITY_WARNING',
    title: 'Allow with NotPrincipal',
    description: 'Allow with NotPrincipal grants access to everyone not listed, anonymous users included.',
  },
  (ctx) => {
    for (const st of ctx.statements) {
      if (st.effect.value === 'Allow' && st.notPrincipal) {
        ctx.report(
          'Using Allow with NotPrincipal can be overly permissive. We recommend that you use Principal instead.',
          st.notPrincipal.loc,
        );
      }
    }
  },
);

/** Characters of a policy excluding whitespace outside string values (IAM's counting rule). */
function sizeWithoutWhitespace(text: string): number {
  return text.replace(/"(?:[^"\\]|\\.)*"|\s+/g, (m) => (m[0] === '"' ? m : '')).length;
}

// Quotas: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html and
// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html
const SCP_QUOTA = 5120;
const RCP_QUOTA = 5120;
const MANAGED_POLICY_QUOTA = 6144;
const TRUST_POLICY_QUOTA = 2048;

export const policySizeExceedsScpQuota = defineCheck(
  {
    issueCode: 'POLICY_SIZE_EXCEEDS_SCP_QUOTA',
    findingType: 'ERROR',
    title: 'Policy size exceeds SCP quota',
    description: 'An SCP is larger than 5,120 characters (all characters count).',
    policyTypes: ['SERVICE_CONTROL_POLICY'],
  },
  (ctx) => {
    if (!ctx.doc) return;
    const size = ctx.doc.text.trim().length;
    if (size > SCP_QUOTA) {
      ctx.report(
        `The ${size} characters in the service control policy (SCP) exceed the ${SCP_QUOTA} character maximum for SCPs. We recommend that you use multiple granular policies.`,
        ctx.doc.loc,
      );
    }
  },
);

export const policySizeExceedsRcpQuota = defineCheck(
  {
    issueCode: 'POLICY_SIZE_EXCEEDS_RCP_QUOTA',
    findingType: 'ERROR',
    title: 'Policy size exceeds RCP quota',
    description: 'An RCP is larger than 5,120 characters (all characters count).',
    policyTypes: ['RESOURCE_CONTROL_POLICY'],
  },
  (ctx) => {
    if (!ctx.doc) return;
    const size = ctx.doc.text.trim().length;
    if (size > RCP_QUOTA) {
      ctx.report(
        `The ${size} characters in the resource control policy (RCP) exceed the ${RCP_QUOTA} character maximum for RCPs. We recommend that you use multiple granular policies.`,
        ctx.doc.loc,
      );
    }
  },
);

export const policySizeExceedsIdentityPolicyQuota = defineCheck(
  {
    issueCode: 'POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA',
    findingType: 'WARNING',
    title: 'Policy size exceeds identity policy quota',
    description: 'A managed policy is larger than 6,144 characters, whitespace excluded.',
    policyTypes: ['IDENTITY_POLICY'],
  },
  (ctx) => {
    if (!ctx.doc || ctx.doc.text.length <= MANAGED_POLICY_QUOTA) return;
    const size = sizeWithoutWhitespace(ctx.doc.text);
    if (size > MANAGED_POLICY_QUOTA) {
      ctx.report(
        `The ${size} characters in the identity policy, excluding whitespace, exceed the ${MANAGED_POLICY_QUOTA} character maximum for inline and managed policies. We recommend that you use multiple granular policies.`,
        ctx.doc.loc,
      );
    }
  },
);

export const policySizeExceedsResourcePolicyQuota = defineCheck(
  {
    issueCode: 'POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA',
    findingType: 'WARNING',
    title: 'Policy size exceeds resource policy quota',
    description: 'A resource policy is larger than the documented quota of its resource type.',
    policyTypes: ['RESOURCE_POLICY'],
  },
  (ctx) => {
    // Resource policy size quotas that AWS documents per resource type (the catalog's records).
    const quota = resourceTypeRecord(ctx.resourceType)?.maxPolicySize;
    if (!ctx.doc || quota === undefined) return;
    const size = sizeWithoutWhitespace(ctx.doc.text);
    if (size > quota) {
      ctx.report(
        `The ${size} characters in the resource policy exceed the ${quota} character maximum for resource policies. We recommend that you use multiple granular policies.`,
        ctx.doc.loc,
      );
    }
  },
);

export const policySizeExceedsRoleTrustPolicyQuota = defineCheck(
  {
    issueCode: 'POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA',
    findingType: 'WARNING',
    title: 'Policy size exceeds role trust policy quota',
    description: 'A role trust policy is larger than the default 2,048 characters, whitespace excluded.',
    policyTypes: ['RESOURCE_POLICY'],
  },
  (ctx) => {
    if (!ctx.doc || !ctx.isTrustPolicy) return;
    if (sizeWithoutWhitespace(ctx.doc.text) > TRUST_POLICY_QUOTA) {
      ctx.report(
        'The characters in the role trust policy, excluding whitespace, exceed the character maximum. We recommend that you request a role trust policy length quota increase using Service Quotas and AWS Support Center. If the quotas have already been increased, then you can ignore this warning.',
        ctx.doc.loc,
      );
    }
  },
);

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
