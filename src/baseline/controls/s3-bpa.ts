/**
 * HYD-S3-BPA: account-level S3 Block Public Access, all four flags (seed accountBootstrap; CIS
 * –/2.1.5/2.1.4, S3.1). `aws s3control get-public-access-block --account-id ID`.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_GetPublicAccessBlock.html
 */
import { defineControl, fail, pass, unknownFrom } from '../define.js';
import { cite, isObject, lookup } from '../input.js';

export const BPA_FLAGS = [
  'BlockPublicAcls',
  'IgnorePublicAcls',
  'BlockPublicPolicy',
  'RestrictPublicBuckets',
];

export default defineControl(
  {
    id: 'HYD-S3-BPA',
    title: 'S3 Block Public Access is on for the account (all four settings)',
    section: 'logging',
    cis: { v140: '2.1.5', v300: '2.1.4' },
    securityHub: ['S3.1'],
    exports: ['s3control get-public-access-block'],
  },
  (input) => {
    const l = lookup(input, 's3control get-public-access-block');
    if (l.state === 'notFound')
      return fail('the account has no public access block', [
        { export: l.record.key, file: l.record.file, path: '$.Error.Code', value: l.code },
      ]);
    if (l.state !== 'present') return unknownFrom(l);
    const c =
      isObject(l.data) && isObject(l.data.PublicAccessBlockConfiguration)
        ? l.data.PublicAccessBlockConfiguration
        : {};
    const off = BPA_FLAGS.filter((f) => c[f] !== true);
    return off.length > 0
      ? fail(
          `not blocked: ${off.join(', ')}`,
          off.map((f) => cite(l.record, `$.PublicAccessBlockConfiguration.${f}`, c[f] ?? null)),
        )
      : pass('all four Block Public Access settings are on', [
          cite(l.record, '$.PublicAccessBlockConfiguration'),
        ]);
  },
);
