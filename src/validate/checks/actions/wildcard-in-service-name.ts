import { defineCheck } from '../../define.js';
import { allActionEntries } from './shared.js';

export const wildcardInServiceName = defineCheck(
  {
    issueCode: 'WILDCARD_IN_SERVICE_NAME',
    findingType: 'SUGGESTION',
    title: 'Wildcard in service name',
    description: 'A wildcard in a service name may grant access to other services with similar names.',
  },
  (ctx) => {
    const details =
      'Avoid using wildcards (*, ?) in the service name because it might grant unintended access to other AWS services with similar names.';
    for (const a of allActionEntries(ctx)) {
      if (!a.all && a.serviceWildcard && a.service !== '*') ctx.report(details, a.loc);
    }
    for (const st of ctx.statements) {
      for (const r of [...(st.resource ?? []), ...(st.notResource ?? [])]) {
        const parts = r.value.split(':');
        if (parts.length >= 3 && parts[0] === 'arn' && /[*?]/.test(parts[2]) && parts[2] !== '*') {
          ctx.report(details, r.loc);
        }
      }
    }
  },
);
