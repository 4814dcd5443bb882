import { isMultivaluedType } from '../../../catalog/index.js';
import { defineCheck } from '../../define.js';
import { entries } from './shared.js';

export const forAllValuesWithSingleValuedKey = defineCheck(
  {
    issueCode: 'FORALLVALUES_WITH_SINGLE_VALUED_KEY',
    findingType: 'SECURITY_WARNING',
    title: 'ForAllValues with single valued key',
    description: 'ForAllValues with a single-valued key also matches when the key is absent.',
    messages: {
      usingForallvaluesQualifier:
        'Using ForAllValues qualifier with the single-valued condition key {{value}} can be overly permissive. We recommend that you remove ForAllValues:.',
    },
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      if (c.operator.qualifier !== 'ForAllValues' || c.operator.base === 'Null') continue;
      const info = ctx.key(c.key.value);
      if (!info || isMultivaluedType(info.type)) continue;
      ctx.report({ messageId: 'usingForallvaluesQualifier', data: { value: c.key.value } }, c.operatorLoc);
    }
  },
);
