import { defineCheck } from '../../define.js';
import { hasWild, PARTITIONS, resourceValues } from './shared.js';

export const invalidPartition = defineCheck(
  {
    issueCode: 'INVALID_PARTITION',
    findingType: 'ERROR',
    title: 'Invalid partition',
    description: 'The partition of a resource ARN is not an AWS partition.',
    messages: {
      resourceArnService:
        'The resource ARN for the service {{value}} does not support the partition {{partition}}. Use the supported values: {{value2}}',
    },
  },
  (ctx) => {
    for (const v of resourceValues(ctx)) {
      const partition = v.fields[1];
      if (v.fields[0] !== 'arn' || partition === undefined || hasWild(partition) || PARTITIONS.has(partition))
        continue;
      ctx.report(
        {
          messageId: 'resourceArnService',
          data: { value: v.fields[2] ?? '', partition, value2: [...PARTITIONS].join(', ') },
        },
        v.loc,
      );
    }
  },
);
