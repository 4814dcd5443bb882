import { parseBool } from '../../../policy/conditions.js';
import { defineCheck } from '../../define.js';
import { entries, valueCheck } from './shared.js';

export const typeMismatchBoolean = valueCheck(
  'TYPE_MISMATCH_BOOLEAN',
  'WARNING',
  'Type mismatch Boolean',
  'A Bool condition value is not true or false.',
  'Bool',
  (v) => parseBool(v) !== undefined,
  (c) => `Add a valid Boolean value (true or false) for the condition operator ${c.operator.text}.`,
);

export const typeMismatchNullBoolean = defineCheck(
  {
    issueCode: 'TYPE_MISMATCH_BOOLEAN',
    findingType: 'WARNING',
    title: 'Type mismatch Boolean',
    description: 'A Null condition value is not true or false.',
    messages: {
      addValidBoolean: 'Add a valid Boolean value (true or false) for the condition operator {{text}}.',
    },
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      if (c.operator.base !== 'Null') continue;
      for (const v of c.values) {
        if (parseBool(v.value) === undefined) {
          ctx.report({ messageId: 'addValidBoolean', data: { text: c.operator.text } }, v.loc);
        }
      }
    }
  },
);
