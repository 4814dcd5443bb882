import { type CheckCases, cond } from '../helpers.js';

/** INVALID_GLOBAL_CONDITION_KEY: src/validate/checks/conditions/invalid-global-condition-key.ts */
export default {
  code: 'INVALID_GLOBAL_CONDITION_KEY',
  invalid: [{ doc: cond({ IpAddress: { 'aws:SourceIpAddress': '203.0.113.0/24' } }) }],
  valid: [cond({ IpAddress: { 'aws:sourceip': '203.0.113.0/24' } })],
} satisfies CheckCases;
