import { defineCheck } from '../../define.js';
import { entries, hasVariable, KMS_KEY_ARN } from './shared.js';

export const invalidKmsKeyValue = defineCheck(
  {
    issueCode: 'INVALID_KMS_KEY_VALUE',
    findingType: 'ERROR',
    title: 'Invalid kms key value',
    description: 'A key that names a KMS key has a value that is not a KMS key ARN.',
    messages: { conditionKeyValue: 'The {{value}} condition key value must be a valid KMS key ARN.' },
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      if (c.keyLower !== 's3:x-amz-server-side-encryption-aws-kms-key-id') continue;
      if (c.operator.base !== 'StringEquals' && c.operator.base !== 'ArnEquals') continue;
      for (const v of c.values) {
        if (typeof v.value !== 'string' || hasVariable(v.value)) continue;
        if (!KMS_KEY_ARN.test(v.value)) {
          ctx.report({ messageId: 'conditionKeyValue', data: { value: c.key.value } }, v.loc);
        }
      }
    }
  },
);
