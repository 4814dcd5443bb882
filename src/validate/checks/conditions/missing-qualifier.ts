import { isMultivaluedType } from '../../../catalog/index.js';
import { defineCheck } from '../../define.js';
import { entries } from './shared.js';

// ---------------------------------------------------------------------------------------------
// Qualifiers (ForAllValues / ForAnyValue) and single- vs multivalued keys
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
// ---------------------------------------------------------------------------------------------

export const missingQualifier = defineCheck(
  {
    issueCode: 'MISSING_QUALIFIER',
    findingType: 'ERROR',
    title: 'Missing qualifier',
    description: 'A multivalued condition key is used without ForAllValues or ForAnyValue.',
    messages: {
      requestContextKey:
        'The request context key {{value}} has multiple values. Use the ForAllValues or ForAnyValue condition key qualifiers in your policy.',
    },
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      if (c.operator.qualifier || c.operator.base === 'Null') continue;
      const info = ctx.key(c.key.value);
      // Only global multivalued keys: service data lists many keys as ArrayOf* that AWS's own
      // policies (and Access Analyzer) use with plain operators.
      if (!info?.global || !isMultivaluedType(info.type)) continue;
      ctx.report({ messageId: 'requestContextKey', data: { value: c.key.value } }, c.operatorLoc);
    }
  },
);
