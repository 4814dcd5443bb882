import { defineCheck } from '../../define.js';

export const dynamodbAttributesWithoutSelect = defineCheck(
  {
    issueCode: 'DYNAMODB_ATTRIBUTES_WITHOUT_SELECT',
    findingType: 'SECURITY_WARNING',
    title: 'DynamoDB attributes without select',
    description: 'dynamodb:Attributes restricts nothing unless dynamodb:Select is SPECIFIC_ATTRIBUTES.',
    messages: {
      restrictingDynamodbAttributes:
        'Restricting dynamodb:Attributes without also setting dynamodb:Select to SPECIFIC_ATTRIBUTES allows all attributes to be returned on read requests that omit a projection expression. We recommend that you also set dynamodb:Select to SPECIFIC_ATTRIBUTES.',
    },
  },
  (ctx) => {
    for (const st of ctx.statements) {
      const attrs = st.conditions.find((c) => c.keyLower === 'dynamodb:attributes');
      if (!attrs) continue;
      const select = st.conditions.some(
        (c) =>
          c.keyLower === 'dynamodb:select' &&
          c.operator.base === 'StringEquals' &&
          c.values.length > 0 &&
          c.values.every((v) => v.value === 'SPECIFIC_ATTRIBUTES'),
      );
      if (!select) {
        ctx.report({ messageId: 'restrictingDynamodbAttributes' }, attrs.key.loc);
      }
    }
  },
);
