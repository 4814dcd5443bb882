import { defineCheck } from '../../define.js';
import { entriesOf } from './shared.js';

export const redundantPrincipalInRoleTrustPolicy = defineCheck(
  {
    issueCode: 'REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY',
    findingType: 'SUGGESTION',
    title: 'Redundant principal in role trust policy',
    description: 'An assumed-role session principal listed beside its role.',
    policyTypes: ['RESOURCE_POLICY'],
    messages: {
      assumedRolePrincipal:
        'The assumed-role principal {{value}} is redundant with its parent role {{parent}}. Remove the assumed-role principal.',
    },
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
            { messageId: 'assumedRolePrincipal', data: { value: e.value.value, parent } },
            e.value.loc,
          );
        }
      }
    }
  },
);
