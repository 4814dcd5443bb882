import { defineCheck } from '../../define.js';
import { resourceCovers } from './shared.js';

export const redundantResource = defineCheck(
  {
    issueCode: 'REDUNDANT_RESOURCE',
    findingType: 'SUGGESTION',
    title: 'Redundant resource',
    description: 'A resource is already covered by another entry of the same Resource element.',
    messages: {
      resourceArnRedundant:
        'The {{length}} resource ARN(s) are redundant because they reference the same resource. Review the use of wildcards (*)',
    },
  },
  (ctx) => {
    for (const st of ctx.statements) {
      for (const list of [st.resource ?? [], st.notResource ?? []]) {
        if (list.length < 2) continue;
        const redundant = list.filter((a, i) =>
          list.some((b, j) => {
            if (i === j) return false;
            if (a.value === b.value) return j < i;
            return resourceCovers(b.value, a.value) && !(resourceCovers(a.value, b.value) && j > i);
          }),
        );
        for (const r of redundant) {
          ctx.report({ messageId: 'resourceArnRedundant', data: { length: redundant.length } }, r.loc);
        }
      }
    }
  },
);
