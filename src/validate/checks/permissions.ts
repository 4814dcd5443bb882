/**
 * Checks about what a statement grants: iam:PassRole and iam:CreateServiceLinkedRole with broad
 * resources, tag condition keys on actions that do not support them, service condition keys on
 * actions that do not support them, and the condition keys RCPs need beside principal keys.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 */
import {
  type ActionInfo,
  actionConditionKeys,
  conditionKeyMatches,
  getGlobalConditionKeyByName,
} from '../../catalog/index.js';
import type { ConditionEntry, Statement } from '../../policy/model.js';
import { compileGlob } from '../../policy/wildcard.js';
import { actionPatternMatches, type CheckContext, isProviderKey } from '../context.js';
import { type Check, defineCheck } from '../define.js';
import type { FindingType } from '../types.js';

interface SensitiveAction {
  action: string;
  /** A resource ARN the action applies to in every account, used to test resource patterns. */
  probe: (account: string) => string;
  /** A condition key that scopes the action (suppresses the star-in-resource findings). */
  scopingKey: string;
}

const PASS_ROLE: SensitiveAction = {
  action: 'iam:PassRole',
  probe: (account) => `arn:aws:iam::${account}:role/leastpriv-probe-role`,
  scopingKey: 'iam:passedtoservice',
};

const CREATE_SLR: SensitiveAction = {
  action: 'iam:CreateServiceLinkedRole',
  probe: (account) =>
    `arn:aws:iam::${account}:role/aws-service-role/probe.amazonaws.com/AWSServiceRoleForLeastprivProbe`,
  scopingKey: 'iam:awsservicename',
};

interface Shape {
  explicit: boolean;
  star: boolean;
  notAction: boolean;
  starResource?: { loc: Statement['loc'] };
  notResource?: { loc: Statement['loc'] };
  scoped: boolean;
}

const coversCache = new Map<string, boolean>();

/** True when a Resource pattern covers the action's resource in any account. */
function coversAll(pattern: string, sa: SensitiveAction): boolean {
  if (pattern === '*') return true;
  if (!pattern.includes('*') && !pattern.includes('?')) return false;
  const k = `${sa.action}\u0000${pattern}`;
  let v = coversCache.get(k);
  if (v === undefined) {
    const fields = pattern.split(':');
    const account = fields.length >= 6 && /^\d{12}$/.test(fields[4]) ? fields[4] : '123456789012';
    v = compileGlob(pattern, { arn: true })(sa.probe(account));
    if (coversCache.size > 20000) coversCache.clear();
    coversCache.set(k, v);
  }
  return v;
}

const shapeCache = new WeakMap<Statement, Map<SensitiveAction, Shape>>();

function shape(ctx: CheckContext, st: Statement, sa: SensitiveAction): Shape {
  let m = shapeCache.get(st);
  if (!m) {
    m = new Map();
    shapeCache.set(st, m);
  }
  let s = m.get(sa);
  if (!s) {
    s = computeShape(ctx, st, sa);
    m.set(sa, s);
  }
  return s;
}

function computeShape(ctx: CheckContext, st: Statement, sa: SensitiveAction): Shape {
  const actions = ctx.actions(st);
  const explicit = actions.some(
    (a) => !a.nameWildcard && !a.all && a.text.toLowerCase() === sa.action.toLowerCase(),
  );
  const star = actions.some(
    (a) => (a.all || a.nameWildcard || a.serviceWildcard) && actionPatternMatches(a.text, sa.action),
  );
  const notAction =
    st.notAction !== undefined && !st.notAction.some((a) => actionPatternMatches(a.value, sa.action));
  const starRes = st.resource?.find((r) => coversAll(r.value, sa));
  let notRes: Shape['notResource'];
  if (st.notResource && !st.notResource.some((r) => coversAll(r.value, sa))) {
    notRes = { loc: st.notResource[0]?.loc ?? st.loc };
  }
  const scoped = st.conditions.some((c) => c.keyLower === sa.scopingKey);
  return {
    explicit,
    star,
    notAction,
    starResource: starRes ? { loc: starRes.loc } : undefined,
    notResource: notRes,
    scoped,
  };
}

type Variant =
  | 'STAR_IN_RESOURCE'
  | 'STAR_IN_ACTION_AND_RESOURCE'
  | 'NOT_RESOURCE'
  | 'STAR_IN_ACTION_AND_NOT_RESOURCE'
  | 'NOT_ACTION_AND_NOT_RESOURCE'
  | 'STAR_IN_RESOURCE_AND_NOT_ACTION';

function matches(v: Variant, s: Shape): Statement['loc'] | undefined {
  switch (v) {
    case 'STAR_IN_RESOURCE':
      return s.explicit && !s.scoped ? s.starResource?.loc : undefined;
    case 'STAR_IN_ACTION_AND_RESOURCE':
      return !s.explicit && s.star && !s.scoped ? s.starResource?.loc : undefined;
    case 'NOT_RESOURCE':
      return s.explicit ? s.notResource?.loc : undefined;
    case 'STAR_IN_ACTION_AND_NOT_RESOURCE':
      return !s.explicit && s.star ? s.notResource?.loc : undefined;
    case 'NOT_ACTION_AND_NOT_RESOURCE':
      return s.notAction ? s.notResource?.loc : undefined;
    case 'STAR_IN_RESOURCE_AND_NOT_ACTION':
      return s.notAction && !s.scoped ? s.starResource?.loc : undefined;
  }
}

function familyCheck(
  prefix: 'PASS_ROLE_WITH_' | 'CREATE_SLR_WITH_',
  variant: Variant,
  findingType: FindingType,
  title: string,
  details: string,
): Check {
  const sa = prefix === 'PASS_ROLE_WITH_' ? PASS_ROLE : CREATE_SLR;
  return defineCheck(
    {
      issueCode: `${prefix}${variant}`,
      findingType,
      title,
      description: details.split('. ')[0],
      policyTypes: ['IDENTITY_POLICY'],
    },
    (ctx) => {
      for (const st of ctx.statements) {
        if (st.effect.value !== 'Allow') continue;
        const loc = matches(variant, shape(ctx, st, sa));
        if (loc) ctx.report(details, loc);
      }
    },
  );
}

export const passRoleChecks: Check[] = [
  familyCheck(
    'PASS_ROLE_WITH_',
    'STAR_IN_RESOURCE',
    'SECURITY_WARNING',
    'Pass role with star in resource',
    'Using the iam:PassRole action with wildcards (*) in the resource can be overly permissive because it allows iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement.',
  ),
  familyCheck(
    'PASS_ROLE_WITH_',
    'STAR_IN_ACTION_AND_RESOURCE',
    'SECURITY_WARNING',
    'Pass role with star in action and resource',
    'Using wildcards (*) in the action and the resource can be overly permissive because it allows iam:PassRole permissions on all resources. We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement.',
  ),
  familyCheck(
    'PASS_ROLE_WITH_',
    'NOT_RESOURCE',
    'SECURITY_WARNING',
    'Pass role with NotResource',
    'Using the iam:PassRole action with NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs instead.',
  ),
  familyCheck(
    'PASS_ROLE_WITH_',
    'STAR_IN_ACTION_AND_NOT_RESOURCE',
    'SECURITY_WARNING',
    'Pass role with star in action and NotResource',
    'Using an action with a wildcard (*) and NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs instead.',
  ),
  familyCheck(
    'PASS_ROLE_WITH_',
    'NOT_ACTION_AND_NOT_RESOURCE',
    'SECURITY_WARNING',
    'Pass role with NotAction and NotResource',
    'Using NotAction with NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources.. We recommend that you specify resource ARNs instead.',
  ),
  familyCheck(
    'PASS_ROLE_WITH_',
    'STAR_IN_RESOURCE_AND_NOT_ACTION',
    'SECURITY_WARNING',
    'Pass role with star in resource and NotAction',
    'Using a resource with wildcards (*) and NotAction can be overly permissive because it allows iam:PassRole permissions on all resources. We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement.',
  ),
];

export const createSlrChecks: Check[] = [
  familyCheck(
    'CREATE_SLR_WITH_',
    'STAR_IN_RESOURCE',
    'WARNING',
    'Create SLR with star in resource',
    'Using the iam:CreateServiceLinkedRole action with wildcards (*) in the resource can allow creation of unintended service-linked roles. We recommend that you specify resource ARNs instead.',
  ),
  familyCheck(
    'CREATE_SLR_WITH_',
    'STAR_IN_ACTION_AND_RESOURCE',
    'WARNING',
    'Create SLR with star in action and resource',
    'Using wildcards (*) in the action and the resource can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on all resources. We recommend that you specify resource ARNs instead.',
  ),
  familyCheck(
    'CREATE_SLR_WITH_',
    'NOT_RESOURCE',
    'WARNING',
    'Create SLR with NotResource',
    'Using the iam:CreateServiceLinkedRole action with NotResource can allow creation of unintended service-linked roles for multiple resources. We recommend that you specify resource ARNs instead.',
  ),
  familyCheck(
    'CREATE_SLR_WITH_',
    'STAR_IN_ACTION_AND_NOT_RESOURCE',
    'WARNING',
    'Create SLR with star in action and NotResource',
    'Using an action with a wildcard(*) and NotResource can allow creation of unintended service-linked roles because it can allow iam:CreateServiceLinkedRole permissions on multiple resources. We recommend that you specify resource ARNs instead.',
  ),
  familyCheck(
    'CREATE_SLR_WITH_',
    'NOT_ACTION_AND_NOT_RESOURCE',
    'WARNING',
    'Create SLR with NotAction and NotResource',
    'Using NotAction with NotResource can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on multiple resources. We recommend that you specify resource ARNs instead.',
  ),
  familyCheck(
    'CREATE_SLR_WITH_',
    'STAR_IN_RESOURCE_AND_NOT_ACTION',
    'WARNING',
    'Create SLR with star in resource and NotAction',
    'Using a resource with wildcards (*) and NotAction can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on all resources. We recommend that you specify resource ARNs instead.',
  ),
];

// ---------------------------------------------------------------------------------------------
// Tag condition keys and actions that do not support them
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_tags.html
// ---------------------------------------------------------------------------------------------

const TAG_KEY = /^aws:(resourcetag|requesttag)\/.+|^aws:tagkeys$/i;

function supports(action: ActionInfo, key: string): boolean {
  return actionConditionKeys(action).some((k) => conditionKeyMatches(k, key));
}

/** Service prefixes among the statement's actions none of whose actions support the key. */
function unsupportingServices(ctx: CheckContext, st: Statement, key: string): string[] {
  const byService = new Map<string, ActionInfo[]>();
  for (const a of ctx.actions(st)) {
    if (a.all || a.serviceWildcard || !a.knownService) continue;
    const list = byService.get(a.service!.toLowerCase()) ?? [];
    list.push(...ctx.expand(a));
    byService.set(a.service!.toLowerCase(), list);
  }
  const out: string[] = [];
  for (const [svc, list] of byService) {
    if (list.length > 0 && !list.some((a) => supports(a, key))) out.push(svc);
  }
  return out.sort();
}

function tagKeyEntries(st: Statement): ConditionEntry[] {
  return st.conditions.filter((c) => TAG_KEY.test(c.key.value));
}

function tagCheck(effect: 'Allow' | 'Deny', notAction: boolean): Check {
  const code = notAction
    ? `${effect.toUpperCase()}_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE`
    : `${effect.toUpperCase()}_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE`;
  const findingType: FindingType = effect === 'Deny' ? 'SECURITY_WARNING' : 'SUGGESTION';
  const title = `${effect}${notAction ? ' NotAction' : ''} with unsupported tag condition key for service`;
  return defineCheck(
    {
      issueCode: code,
      findingType,
      title,
      description: notAction
        ? `A ${effect} with NotAction and a tag condition key: the key does not apply to every action.`
        : `A ${effect} with a tag condition key lists actions of services that do not support the key.`,
    },
    (ctx) => {
      for (const st of ctx.statements) {
        if (st.effect.value !== effect) continue;
        for (const c of tagKeyEntries(st)) {
          if (notAction) {
            if (!st.notAction) continue;
            ctx.report(
              effect === 'Deny'
                ? `Using the effect Deny with NotAction and the tag condition key ${c.key.value} can be overly permissive because some service actions are not denied by this statement. This is because the condition key doesn't apply to some service actions. We recommend that you use Action instead of NotAction.`
                : `Using the effect Allow with NotAction and the tag condition key ${c.key.value} allows only service actions that support the condition key. The condition key doesn't apply to some service actions. We recommend that you use Action instead of NotAction.`,
              c.key.loc,
            );
            continue;
          }
          const services = unsupportingServices(ctx, st, c.key.value);
          if (services.length === 0) continue;
          ctx.report(
            effect === 'Deny'
              ? `Using the effect Deny with the tag condition key ${c.key.value} and actions for services with the following prefixes can be overly permissive: ${services.join(', ')}. Actions for the listed services are not denied by this statement. We recommend that you move these actions to a different statement without this condition key.`
              : `Using the effect Allow with the tag condition key ${c.key.value} and actions for services with the following prefixes does not affect the policy: ${services.join(', ')}. Actions for the listed service are not allowed by this statement. We recommend that you move these actions to a different statement without this condition key.`,
            c.key.loc,
          );
        }
      }
    },
  );
}

export const tagChecks: Check[] = [
  tagCheck('Deny', false),
  tagCheck('Deny', true),
  tagCheck('Allow', false),
  tagCheck('Allow', true),
];

export const unsupportedActionForConditionKey = defineCheck(
  {
    issueCode: 'UNSUPPORTED_ACTION_FOR_CONDITION_KEY',
    findingType: 'ERROR',
    title: 'Unsupported action for condition key',
    description: 'Listed actions (without wildcards) that a service condition key does not apply to.',
  },
  (ctx) => {
    for (const st of ctx.statements) {
      const exact = ctx.actions(st).filter((a) => a.info);
      if (exact.length === 0) continue;
      for (const c of st.conditions) {
        const k = c.key.value;
        const prefix = k.slice(0, k.indexOf(':')).toLowerCase();
        if (prefix === 'aws' || isProviderKey(k) || !ctx.key(k) || getGlobalConditionKeyByName(k)) continue;
        // Keys are checked against the actions of their own service; a key of another service
        // (e.g. iam:ResourceTag on sts:TagSession) is left alone.
        const unsupported = exact.filter((a) => a.info!.service === prefix && !supports(a.info!, k));
        if (unsupported.length === 0) continue;
        ctx.report(
          `The following actions: ${unsupported.map((a) => a.info!.fullName).join(', ')} are not supported by the condition key ${k}. The condition will not be evaluated for these actions. We recommend that you move these actions to a different statement without this condition key.`,
          c.key.loc,
        );
      }
    }
  },
);

const VPCE_ORG_KEYS = new Set(['aws:vpceaccount', 'aws:vpceorgid', 'aws:vpceorgpaths']);

export const useConditionKeyOnlyWithSupportedServices = defineCheck(
  {
    issueCode: 'USE_CONDITION_KEY_ONLY_WITH_SUPPORTED_SERVICES',
    findingType: 'WARNING',
    title: 'Use condition key only with supported services',
    description:
      'aws:VpceAccount, aws:VpceOrgID and aws:VpceOrgPaths must be scoped to services that support them.',
  },
  (ctx) => {
    for (const st of ctx.statements) {
      const unscoped = st.notAction !== undefined || ctx.actions(st).some((a) => a.all || a.serviceWildcard);
      if (!unscoped) continue;
      for (const c of st.conditions) {
        if (VPCE_ORG_KEYS.has(c.keyLower)) {
          ctx.report(
            `The condition key ${c.key.value} works only with specific AWS services and must be scoped to supported services in your policies.`,
            c.key.loc,
          );
        }
      }
    }
  },
);

// ---------------------------------------------------------------------------------------------
// RCP condition companions
// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_syntax.html
// ---------------------------------------------------------------------------------------------

const PRINCIPAL_KEYS =
  /^aws:(principalorgid|principalorgpaths|principalaccount|principalarn|principaltype|userid|username|principaltag\/.+)$/i;
const SERVICE_KEYS = /^aws:(sourceaccount|sourceorgid|sourceorgpaths|sourcearn)$/i;

function hasBool(st: Statement, key: string, value: 'true' | 'false'): boolean {
  return st.conditions.some(
    (c) =>
      c.operator.base === 'Bool' &&
      !c.operator.qualifier &&
      c.keyLower === key &&
      c.values.length > 0 &&
      c.values.every((v) => String(v.value).toLowerCase() === value),
  );
}

function hasNullFalse(st: Statement, keys: string[]): boolean {
  return st.conditions.some(
    (c) =>
      c.operator.base === 'Null' &&
      keys.includes(c.keyLower) &&
      c.values.length > 0 &&
      c.values.every((v) => String(v.value).toLowerCase() === 'false'),
  );
}

export const rcpMissingRelatedPrincipalConditionKey = defineCheck(
  {
    issueCode: 'RCP_MISSING_RELATED_PRINCIPAL_CONDITION_KEY',
    findingType: 'WARNING',
    title: 'RCP missing related principal condition key',
    description: 'An RCP principal condition key without BoolIfExists aws:PrincipalIsAWSService false.',
    policyTypes: ['RESOURCE_CONTROL_POLICY'],
  },
  (ctx) => {
    for (const st of ctx.statements) {
      const keys = st.conditions.filter((c) => PRINCIPAL_KEYS.test(c.key.value));
      if (keys.length === 0 || hasBool(st, 'aws:principalisawsservice', 'false')) continue;
      for (const c of keys) {
        ctx.report(
          `RCPs impact IAM roles, users, and AWS service principals. To prevent unintended impact to services acting on your behalf using a service principal, an additional statement should be added to the Condition block "BoolIfExists": { "aws:PrincipalIsAWSService": "false"} whenever a principal key ${c.key.value} is used.`,
          c.key.loc,
        );
      }
    }
  },
);

export const rcpMissingRelatedServicePrincipalConditionKey = defineCheck(
  {
    issueCode: 'RCP_MISSING_RELATED_SERVICE_PRINCIPAL_CONDITION_KEY',
    findingType: 'WARNING',
    title: 'RCP missing related service principal condition key',
    description: 'An RCP source condition key without BoolIfExists aws:PrincipalIsAWSService true.',
    policyTypes: ['RESOURCE_CONTROL_POLICY'],
  },
  (ctx) => {
    for (const st of ctx.statements) {
      const keys = st.conditions.filter((c) => SERVICE_KEYS.test(c.key.value) && c.operator.base !== 'Null');
      if (keys.length === 0 || hasBool(st, 'aws:principalisawsservice', 'true')) continue;
      for (const c of keys) {
        ctx.report(
          `RCPs impact IAM roles, users, and AWS service principals. To prevent unintended impact to your principals, an additional statement should be added to the Condition block "BoolIfExists": { "aws:PrincipalIsAWSService": "true"} whenever the key ${c.key.value} is used.`,
          c.key.loc,
        );
      }
    }
  },
);

export const rcpMissingServiceConditionKeyNullCheck = defineCheck(
  {
    issueCode: 'RCP_MISSING_SERVICE_CONDITION_KEY_NULL_CHECK',
    findingType: 'WARNING',
    title: 'RCP missing service condition key null check',
    description: 'An RCP source condition key without a Null check on aws:SourceAccount or aws:SourceArn.',
    policyTypes: ['RESOURCE_CONTROL_POLICY'],
  },
  (ctx) => {
    for (const st of ctx.statements) {
      const keys = st.conditions.filter((c) => SERVICE_KEYS.test(c.key.value) && c.operator.base !== 'Null');
      if (keys.length === 0 || hasNullFalse(st, ['aws:sourceaccount', 'aws:sourcearn'])) continue;
      for (const c of keys) {
        ctx.report(
          `The specified service may have a service integration that does not require the use of the ${c.key.value} condition key. To prevent unintended impact to services acting on your behalf using a service principal, an additional statement should be added to the Condition block "Null": { "aws:SourceAccount": "false"} or "Null": { "aws:SourceArn": "false"} whenever the key ${c.key.value} is used.`,
          c.key.loc,
        );
      }
    }
  },
);

export const permissionChecks: Check[] = [
  ...passRoleChecks,
  ...createSlrChecks,
  ...tagChecks,
  unsupportedActionForConditionKey,
  useConditionKeyOnlyWithSupportedServices,
  rcpMissingRelatedPrincipalConditionKey,
  rcpMissingRelatedServicePrincipalConditionKey,
  rcpMissingServiceConditionKeyNullCheck,
];
