import { type CheckCases, cond } from '../helpers.js';

/** INVALID_REGION: src/validate/checks/conditions/invalid-region.ts */
export default {
  code: 'INVALID_REGION',
  invalid: [{ doc: cond({ StringEquals: { 'aws:RequestedRegion': 'us-east' } }) }],
  valid: [cond({ StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } })],
} satisfies CheckCases;
