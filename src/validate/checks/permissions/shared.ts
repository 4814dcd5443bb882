/**
 * Checks about what a statement grants: iam:PassRole and iam:CreateServiceLinkedRole with broad
 * resources, tag condition keys on actions that do not support them, service condition keys on
 * actions that do not support them, and the condition keys RCPs need beside principal keys.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 */
import { type ActionInfo, actionConditionKeys, conditionKeyMatches } from '../../../catalog/index.js';
import type { ConditionEntry, Statement } from '../../../policy/model.js';
import { compileGlob } from '../../../policy/wildcard.js';
import { actionPatternMatches, type CheckContext } from '../../context.js';
import { type Check, defineCheck } from '../../define.js';
import type { FindingType } from '../../types.js';

export interface SensitiveAction {
  action: string;
  /** A resource ARN the action applies to in every account, used to test resource patterns. */
  probe: (account: string) => string;
  /** A condition key that scopes the action (suppresses the star-in-resource findings). */
  scopingKey: string;
}

export const PASS_ROLE: SensitiveAction = {
  action: 'iam:PassRole',
  probe: (account) => `arn:aws:iam::${account}:role/leastpriv-probe-role`,
  scopingKey: 'iam:passedtoservice',
};

export const CREATE_SLR: SensitiveAction = {
  action: 'iam:CreateServiceLinkedRole',
  probe: (account) =>
    `arn:aws:iam::${account}:role/aws-service-role/probe.amazonaws.com/AWSServiceRoleForLeastprivProbe`,
  scopingKey: 'iam:awsservicename',
};

export interface Shape {
  explicit: boolean;
  star: boolean;
  notAction: boolean;
  starResource?: { loc: Statement['loc'] };
  notResource?: { loc: Statement['loc'] };
  scoped: boolean;
}

export const coversCache = new Map<string, boolean>();

/** True when a Resource pattern covers the action's resource in any account. */
export function coversAll(pattern: string, sa: SensitiveAction): boolean {
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

/**
 * Shapes per statement, PASS_ROLE's then CREATE_SLR's: twelve checks read them. A statement that
 * grants neither action (nearly all of a large policy) shares NO_SHAPE, so the cache costs a
 * large policy no more than one entry per statement (a Map per statement cost 870 bytes each).
 */
const shapeCache = new WeakMap<Statement, Array<Shape | undefined>>();
const NO_SHAPE: Shape = Object.freeze({ explicit: false, star: false, notAction: false, scoped: false });

export function shape(ctx: CheckContext, st: Statement, sa: SensitiveAction): Shape {
  const i = sa === PASS_ROLE ? 0 : sa === CREATE_SLR ? 1 : -1;
  if (i < 0) return computeShape(ctx, st, sa);
  let m = shapeCache.get(st);
  if (!m) {
    m = [undefined, undefined];
    shapeCache.set(st, m);
  }
  let s = m[i];
  if (!s) {
    s = computeShape(ctx, st, sa);
    m[i] = s;
  }
  return s;
}

export function computeShape(ctx: CheckContext, st: Statement, sa: SensitiveAction): Shape {
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
  // matches() finds nothing unless the statement grants the action in one of these three ways.
  if (!explicit && !star && !notAction) return NO_SHAPE;
  return {
    explicit,
    star,
    notAction,
    starResource: starRes ? { loc: starRes.loc } : undefined,
    notResource: notRes,
    scoped,
  };
}

export type Variant =
  | 'STAR_IN_RESOURCE'
  | 'STAR_IN_ACTION_AND_RESOURCE'
  | 'NOT_RESOURCE'
  | 'STAR_IN_ACTION_AND_NOT_RESOURCE'
  | 'NOT_ACTION_AND_NOT_RESOURCE'
  | 'STAR_IN_RESOURCE_AND_NOT_ACTION';

export function matches(v: Variant, s: Shape): Statement['loc'] | undefined {
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

export type Prefix = 'PASS_ROLE_WITH_' | 'CREATE_SLR_WITH_';

export function familyCheck(
  issueCode: `${Prefix}${Variant}`,
  findingType: FindingType,
  title: string,
  details: string,
): Check {
  const prefix: Prefix = issueCode.startsWith('PASS_ROLE_WITH_') ? 'PASS_ROLE_WITH_' : 'CREATE_SLR_WITH_';
  const variant = issueCode.slice(prefix.length) as Variant;
  const sa = prefix === 'PASS_ROLE_WITH_' ? PASS_ROLE : CREATE_SLR;
  return defineCheck(
    {
      issueCode,
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

// ---------------------------------------------------------------------------------------------
// Tag condition keys and actions that do not support them
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_tags.html
// ---------------------------------------------------------------------------------------------

export const TAG_KEY = /^aws:(resourcetag|requesttag)\/.+|^aws:tagkeys$/i;

export function supports(action: ActionInfo, key: string): boolean {
  return actionConditionKeys(action).some((k) => conditionKeyMatches(k, key));
}

/** Service prefixes among the statement's actions none of whose actions support the key. */
export function unsupportingServices(ctx: CheckContext, st: Statement, key: string): string[] {
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

export function tagKeyEntries(st: Statement): ConditionEntry[] {
  return st.conditions.filter((c) => TAG_KEY.test(c.key.value));
}

export type TagCode =
  `${'ALLOW' | 'DENY'}${'' | '_NOTACTION'}_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE`;

export function tagCheck(code: TagCode): Check {
  const effect = code.startsWith('DENY') ? 'Deny' : 'Allow';
  const notAction = code.includes('_NOTACTION_');
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

export const VPCE_ORG_KEYS = new Set(['aws:vpceaccount', 'aws:vpceorgid', 'aws:vpceorgpaths']);

// ---------------------------------------------------------------------------------------------
// RCP condition companions
// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_syntax.html
// ---------------------------------------------------------------------------------------------

export const PRINCIPAL_KEYS =
  /^aws:(principalorgid|principalorgpaths|principalaccount|principalarn|principaltype|userid|username|principaltag\/.+)$/i;
export const SERVICE_KEYS = /^aws:(sourceaccount|sourceorgid|sourceorgpaths|sourcearn)$/i;

export function hasBool(st: Statement, key: string, value: 'true' | 'false'): boolean {
  return st.conditions.some(
    (c) =>
      c.operator.base === 'Bool' &&
      !c.operator.qualifier &&
      c.keyLower === key &&
      c.values.length > 0 &&
      c.values.every((v) => String(v.value).toLowerCase() === value),
  );
}

export function hasNullFalse(st: Statement, keys: string[]): boolean {
  return st.conditions.some(
    (c) =>
      c.operator.base === 'Null' &&
      keys.includes(c.keyLower) &&
      c.values.length > 0 &&
      c.values.every((v) => String(v.value).toLowerCase() === 'false'),
  );
}
