import { type CheckCases, id, V } from '../helpers.js';

/** UNIQUE_SIDS_REQUIRED: src/validate/checks/elements/unique-sids-required.ts */
export default {
  code: 'UNIQUE_SIDS_REQUIRED',
  invalid: [
    { doc: { Version: V, Statement: [id({ Sid: 'A' }).Statement, id({ Sid: 'A' }).Statement].flat() } },
  ],
  valid: [{ Version: V, Statement: [id({ Sid: 'A' }).Statement, id({ Sid: 'B' }).Statement].flat() }],
} satisfies CheckCases;
