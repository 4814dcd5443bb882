import { baseKeyType } from '../../../catalog/index.js';
import { familyOf } from '../../../policy/conditions.js';
import { defineCheck } from '../../define.js';
import { ALLOWED_FAMILIES, entries } from './shared.js';

export const typeMismatch = defineCheck(
  {
    issueCode: 'TYPE_MISMATCH',
    findingType: 'WARNING',
    title: 'Type mismatch',
    description: "The operator's type does not match the condition key's type.",
    messages: {
      operatorTypeInstead:
        'Use the operator type {{base}} instead of operator {{text}} for the condition key {{value}}.',
    },
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      const fam = familyOf(c.operator.base);
      if (fam === 'Null') continue;
      const info = ctx.key(c.key.value);
      if (!info) continue;
      const base = baseKeyType(info.type);
      const allowed = ALLOWED_FAMILIES[base];
      if (!allowed || allowed.includes(fam)) continue;
      ctx.report(
        { messageId: 'operatorTypeInstead', data: { base, text: c.operator.text, value: c.key.value } },
        c.operatorLoc,
      );
    }
  },
);
