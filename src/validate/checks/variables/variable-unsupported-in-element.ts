import type { Located } from '../../../policy/location.js';
import { defineCheck } from '../../define.js';
import { scanVariables } from './shared.js';

export const variableUnsupportedInElement = defineCheck(
  {
    issueCode: 'VARIABLE_UNSUPPORTED_IN_ELEMENT',
    findingType: 'ERROR',
    title: 'Variable unsupported in element',
    description: 'Policy variables work only in Resource and Condition values.',
    messages: {
      policyVariablesSupported:
        'Policy variables are supported in the Resource and Condition elements. Remove the policy variable {{text}} from this element.',
    },
  },
  (ctx) => {
    for (const st of ctx.statements) {
      const hosts: Located<string>[] = [...(st.action ?? []), ...(st.notAction ?? [])];
      for (const block of [st.principal, st.notPrincipal]) {
        if (block && !block.wildcard) hosts.push(...block.entries.map((e) => e.value));
      }
      for (const h of hosts) {
        const v = scanVariables(h.value).find((o) => !o.problem);
        if (v) {
          ctx.report({ messageId: 'policyVariablesSupported', data: { text: v.text } }, h.loc);
        }
      }
    }
  },
);
