import { type CheckCases, cond } from '../helpers.js';

/** INVALID_VPCE_FORMAT: src/validate/checks/conditions/invalid-vpce-format.ts */
export default {
  code: 'INVALID_VPCE_FORMAT',
  invalid: [{ doc: cond({ StringEquals: { 'aws:SourceVpce': 'vpc-1a2b3c4d' } }) }],
  valid: [cond({ StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d5e6f7a8b9' } })],
} satisfies CheckCases;
