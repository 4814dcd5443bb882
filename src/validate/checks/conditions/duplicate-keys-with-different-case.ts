import { defineCheck } from '../../define.js';

export const duplicateKeysWithDifferentCase = defineCheck(
  {
    issueCode: 'DUPLICATE_KEYS_WITH_DIFFERENT_CASE',
    findingType: 'ERROR',
    title: 'Duplicate keys with different case',
    description: 'A condition operator block names the same key twice with different capitalization.',
    messages: {
      conditionKeyAppears:
        'The condition key {{value}} appears more than once with different capitalization in the same condition block. Remove the duplicate condition keys.',
    },
  },
  (ctx) => {
    for (const st of ctx.statements) {
      const seen = new Map<string, string>();
      for (const c of st.conditions) {
        const id = `${c.operator.text}\u0000${c.keyLower}`;
        const prev = seen.get(id);
        if (prev !== undefined && prev !== c.key.value) {
          ctx.report({ messageId: 'conditionKeyAppears', data: { value: c.key.value } }, c.key.loc);
        }
        if (prev === undefined) seen.set(id, c.key.value);
      }
    }
  },
);
