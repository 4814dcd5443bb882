import { type CheckCases, cond } from '../helpers.js';

/** INVALID_SERVICE_CONDITION_KEY: src/validate/checks/conditions/invalid-service-condition-key.ts */
export default {
  code: 'INVALID_SERVICE_CONDITION_KEY',
  invalid: [{ doc: cond({ StringEquals: { 's3:nosuchkey': 'a' } }) }],
  valid: [cond({ StringEquals: { 's3:ExistingObjectTag/owner': 'a' } })],
} satisfies CheckCases;
