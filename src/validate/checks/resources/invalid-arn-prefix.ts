import { defineCheck } from '../../define.js';
import { resourceValues } from './shared.js';

export const invalidArnPrefix = defineCheck(
  {
    issueCode: 'INVALID_ARN_PREFIX',
    findingType: 'ERROR',
    title: 'Invalid ARN prefix',
    description: 'A resource is neither "*" nor an ARN starting with arn:.',
    messages: { addRequiredPrefix: 'Add the required prefix (arn) to the resource ARN.' },
  },
  (ctx) => {
    for (const v of resourceValues(ctx)) {
      if (!v.text.startsWith('arn:') && !v.text.startsWith('${') && !v.text.startsWith('*')) {
        ctx.report({ messageId: 'addRequiredPrefix' }, v.loc);
      }
    }
  },
);
