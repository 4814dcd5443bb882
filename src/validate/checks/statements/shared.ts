/**
 * Whole-statement checks: redundant statements (Access Analyzer), and leastpriv's own checks
 * (issue codes starting with `LP_`) for mistakes Access Analyzer's list does not name: actions
 * whose resource types no listed resource can be, wildcard-only actions with specific resources,
 * public principals without conditions, and Allow with NotAction/NotResource.
 */
import type { Statement } from '../../../policy/model.js';
import type { CheckContext } from '../../context.js';
import { type Check, defineCheck } from '../../define.js';

export function canonical(st: Statement): string {
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

export const RESOURCE_DOC =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html';
export const SAR =
  'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html';

export function specificResources(st: Statement): string[] | undefined {
  if (!st.resource || st.resource.length === 0) return undefined;
  if (st.resource.some((r) => r.value === '*')) return undefined;
  return st.resource.map((r) => r.value);
}

export function allowWithNot(code: 'LP_ALLOW_WITH_NOT_ACTION' | 'LP_ALLOW_WITH_NOT_RESOURCE'): Check {
  const element = code === 'LP_ALLOW_WITH_NOT_ACTION' ? 'NotAction' : 'NotResource';
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
      messages: {
        usingAllowAllows:
          'Using Allow with {{element}} allows every {{value}} that is not listed, including those added in the future. We recommend that you list what you allow instead.',
      },
    },
    (ctx: CheckContext) => {
      for (const st of ctx.statements) {
        const list = element === 'NotAction' ? st.notAction : st.notResource;
        if (st.effect.value !== 'Allow' || !list) continue;
        ctx.report(
          {
            messageId: 'usingAllowAllows',
            data: { element, value: element === 'NotAction' ? 'action' : 'resource' },
          },
          ctx.elementLoc(st, element),
        );
      }
    },
  );
}

void RESOURCE_DOC;
