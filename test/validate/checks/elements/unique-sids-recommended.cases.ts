import { BUCKET, type CheckCases, res, V } from '../helpers.js';

/** UNIQUE_SIDS_RECOMMENDED: src/validate/checks/elements/unique-sids-recommended.ts */
export default {
  code: 'UNIQUE_SIDS_RECOMMENDED',
  type: 'RESOURCE_POLICY',
  rt: BUCKET,
  invalid: [
    { doc: { Version: V, Statement: [res({ Sid: 'A' }).Statement, res({ Sid: 'A' }).Statement].flat() } },
  ],
  valid: [{ Version: V, Statement: [res({ Sid: 'A' }).Statement, res({ Sid: 'B' }).Statement].flat() }],
} satisfies CheckCases;
