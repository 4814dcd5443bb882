/**
 * Whole-statement checks: redundant statements (Access Analyzer), and leastpriv's own checks
 * (issue codes starting with `LP_`) for mistakes Access Analyzer's list does not name: actions
 * whose resource types no listed resource can be, wildcard-only actions with specific resources,
 * public principals without conditions, and Allow with NotAction/NotResource.
 */
import { getGlobalConditionKeyByName, getResourceType } from '../../catalog/index.js';
import type { Statement } from '../../policy/model.js';
import type { CheckContext } from '../context.js';
import { type Check, defineCheck } from '../define.js';
import { resourceMatchesFormat } from '../glob.js';

function canonical(st: Statement): string {
  const list = (l?: { value: string }[]) => (l ? [...new Set(l.map((x) => x.value))].sort() : null);
  const lower = (l?: { value: string }[]) =>
    l ? [...new Set(l.map((x) => x.value.toLowerCase()))].sort() : null;
  const principal = (p: Statement['principal']) =>
    !p ? null : p.wildcard ? '*' : p.entries.map((e) => `${e.type}=${e.value.value}`).sort();
  const conditions = st.conditions
    .map(
      (c) =>
        `${c.operator.text}|${c.keyLower}|${c.values
          .map((v) => String(v.value))
          .sort()
          .join(',')}`,
    )
    .sort();
  return JSON.stringify([
    st.effect.value,
    lower(st.action),
    lower(st.notAction),
    list(st.resource),
    list(st.notResource),
    principal(st.principal),
    principal(st.notPrincipal),
    conditions,
  ]);
}

export const redundantStatement = defineCheck(
  {
    issueCode: 'REDUNDANT_STATEMENT',
    findingType: 'SUGGESTION',
    title: 'Redundant statement',
    description: 'Two statements grant or deny exactly the same thing.',
  },
  (ctx) => {
    if (ctx.statements.length < 2) return;
    // Cheap signatures first: only statements that share one are compared in full.
    const sig = (st: Statement) =>
      `${st.effect.value}|${st.action?.length}|${st.notAction?.length}|${st.resource?.length}|${st.notResource?.length}|${st.conditions.length}|${st.action?.[0]?.value.toLowerCase()}`;
    const counts = new Map<string, number>();
    for (const st of ctx.statements) counts.set(sig(st), (counts.get(sig(st)) ?? 0) + 1);
    const seen = new Map<string, Statement>();
    for (const st of ctx.statements) {
      if ((counts.get(sig(st)) ?? 0) < 2) continue;
      const k = canonical(st);
      if (seen.has(k)) {
        ctx.report(
          'The statements are redundant because they provide identical permissions. Update the policy to remove the redundant statement.',
          st.loc,
        );
      } else seen.set(k, st);
    }
  },
);

const RESOURCE_DOC =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html';
const SAR =
  'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html';

function specificResources(st: Statement): string[] | undefined {
  if (!st.resource || st.resource.length === 0) return undefined;
  if (st.resource.some((r) => r.value === '*')) return undefined;
  return st.resource.map((r) => r.value);
}

export const lpActionResourceMismatch = defineCheck(
  {
    issueCode: 'LP_ACTION_RESOURCE_MISMATCH',
    findingType: 'WARNING',
    title: 'Action matches none of the resources',
    description:
      'No resource of the statement can be of a resource type the action applies to (e.g. s3:GetObject on a bucket ARN), so the statement grants nothing for that action.',
    learnMoreLink: SAR,
  },
  (ctx) => {
    for (const st of ctx.statements) {
      const resources = specificResources(st);
      if (!resources) continue;
      for (const a of ctx.actions(st)) {
        const info = a.info;
        if (!info || info.isWildcardOnly) continue;
        const formats = info.resourceTypes
          .map((r) => getResourceType(info.service, r.name)?.arn)
          .filter((f): f is string => f !== undefined);
        if (formats.length === 0) continue;
        const ok = resources.some((r) => formats.some((f) => resourceMatchesFormat(r, f, 'strict')));
        if (!ok) {
          ctx.report(
            `The action ${info.fullName} applies to resource types ${info.resourceTypes.map((r) => r.name).join(', ')}, and none of the statement's resources can be one of them (expected ${formats.join(' or ')}). The statement grants nothing for this action.`,
            a.loc,
          );
        }
      }
    }
  },
);

export const lpWildcardOnlyActionWithResource = defineCheck(
  {
    issueCode: 'LP_WILDCARD_ONLY_ACTION_WITH_RESOURCE',
    findingType: 'WARNING',
    title: 'Wildcard-only action with a specific resource',
    description:
      'The action supports no resource types, so it needs "Resource": "*"; with specific resources it is never granted.',
    learnMoreLink: SAR,
  },
  (ctx) => {
    for (const st of ctx.statements) {
      if (!specificResources(st)) continue;
      for (const a of ctx.actions(st)) {
        if (a.info?.isWildcardOnly) {
          ctx.report(
            `The action ${a.info.fullName} does not support resource-level permissions: specify "Resource": "*" for it (in a separate statement if needed).`,
            a.loc,
          );
        }
      }
    }
  },
);

export const lpPublicPrincipalWithoutCondition = defineCheck(
  {
    issueCode: 'LP_PUBLIC_PRINCIPAL_WITHOUT_CONDITION',
    findingType: 'SECURITY_WARNING',
    title: 'Public principal without condition',
    description: 'An Allow to every principal ("*") without a Condition makes the resource public.',
    learnMoreLink:
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous',
    policyTypes: ['RESOURCE_POLICY'],
  },
  (ctx) => {
    for (const st of ctx.statements) {
      if (st.effect.value !== 'Allow' || !st.principal || st.conditions.length > 0) continue;
      const p = st.principal;
      const everyone = p.wildcard || p.entries.some((e) => e.type === 'AWS' && e.value.value === '*');
      if (everyone) {
        ctx.report(
          'This statement allows every principal, anonymous users included, without a Condition. Name the principals, or add conditions such as aws:PrincipalOrgID or aws:SourceVpce.',
          p.loc,
        );
      }
    }
  },
);

function allowWithNot(element: 'NotAction' | 'NotResource'): Check {
  const code = element === 'NotAction' ? 'LP_ALLOW_WITH_NOT_ACTION' : 'LP_ALLOW_WITH_NOT_RESOURCE';
  return defineCheck(
    {
      issueCode: code,
      findingType: 'WARNING',
      title: `Allow with ${element}`,
      description: `Allow with ${element} grants everything not listed, including what AWS adds later.`,
      learnMoreLink:
        element === 'NotAction'
          ? 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html'
          : 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html',
      policyTypes: ['IDENTITY_POLICY', 'RESOURCE_POLICY'],
    },
    (ctx: CheckContext) => {
      for (const st of ctx.statements) {
        const list = element === 'NotAction' ? st.notAction : st.notResource;
        if (st.effect.value !== 'Allow' || !list) continue;
        ctx.report(
          `Using Allow with ${element} allows every ${element === 'NotAction' ? 'action' : 'resource'} that is not listed, including those added in the future. We recommend that you list what you allow instead.`,
          ctx.elementLoc(st, element),
        );
      }
    },
  );
}

export const lpConditionKeyOfOtherService = defineCheck(
  {
    issueCode: 'LP_CONDITION_KEY_OF_OTHER_SERVICE',
    findingType: 'WARNING',
    title: 'Condition key of a service the statement does not use',
    description:
      "A service condition key whose service none of the statement's actions belongs to: requests for those actions never carry it.",
    learnMoreLink:
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html',
  },
  (ctx) => {
    for (const st of ctx.statements) {
      if (st.notAction || st.conditions.length === 0) continue;
      const actions = ctx.actions(st);
      if (actions.length === 0 || actions.some((a) => a.all || a.serviceWildcard || !a.knownService))
        continue;
      const services = new Set(actions.map((a) => a.service!.toLowerCase()));
      for (const c of st.conditions) {
        const k = c.key.value;
        const prefix = k.slice(0, k.indexOf(':')).toLowerCase();
        if (prefix === 'aws' || services.has(prefix)) continue;
        const info = ctx.key(k);
        // Keys the reference files under another service (identity provider keys under sts) and
        // the service-session keys on the global list apply across services.
        if (!info || info.service !== prefix || getGlobalConditionKeyByName(k)) continue;
        ctx.report(
          `The condition key ${k} belongs to the service ${prefix}, and no action of this statement is a ${prefix} action, so the requests this statement matches never carry the key.`,
          c.key.loc,
        );
      }
    }
  },
);

export const lpAllowWithNotAction = allowWithNot('NotAction');
export const lpAllowWithNotResource = allowWithNot('NotResource');

void RESOURCE_DOC;

export const statementChecks: Check[] = [
  redundantStatement,
  lpActionResourceMismatch,
  lpWildcardOnlyActionWithResource,
  lpPublicPrincipalWithoutCondition,
  lpConditionKeyOfOtherService,
  lpAllowWithNotAction,
  lpAllowWithNotResource,
];
