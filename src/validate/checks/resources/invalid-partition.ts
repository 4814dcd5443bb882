import { defineCheck } from '../../define.js';
import { hasWild, PARTITIONS, resourceValues } from './shared.js';

export const invalidPartition = defineCheck(
  {
    issueCode: 'INVALID_PARTITION',
    findingType: 'ERROR',
    title: 'Invalid partition',
    description: 'The partition of a resource ARN is not an AWS partition.',
  },
  (ctx) => {
    for (const v of resourceValues(ctx)) {
      const partition = v.fields[1];
      if (v.fields[0] !== 'arn' || partition === undefined || hasWild(partition) || PARTITIONS.has(partition))
        continue;
      ctx.report(
        `The resource ARN for the service ${v.fields[2] ?? ''} does not support the partition ${partition}. Use the supported values: ${[...PARTITIONS].join(', ')}`,
        v.loc,
      );
    }
  },
);
