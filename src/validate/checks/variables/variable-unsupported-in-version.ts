import { defineCheck } from '../../define.js';
import { scanVariables, variableHosts } from './shared.js';

export const variableUnsupportedInVersion = defineCheck(
  {
    issueCode: 'VARIABLE_UNSUPPORTED_IN_VERSION',
    findingType: 'ERROR',
    title: 'Variable unsupported in version',
    description: 'Policy variables need Version 2012-10-17; otherwise they are literal text.',
    messages: {
      includeVariablesYour:
        'To include variables in your policy, use the policy version 2012-10-17 or later.',
    },
  },
  (ctx) => {
    if (!ctx.doc || ctx.doc.version?.value === '2012-10-17') return;
    for (const host of variableHosts(ctx)) {
      if (scanVariables(host.value).some((o) => !o.problem)) {
        ctx.report({ messageId: 'includeVariablesYour' }, host.loc);
      }
    }
  },
);
