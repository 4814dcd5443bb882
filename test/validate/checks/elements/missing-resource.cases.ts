import { type CheckCases, id, V } from '../helpers.js';

/** MISSING_RESOURCE: src/validate/checks/elements/missing-resource.ts */
export default {
  code: 'MISSING_RESOURCE',
  invalid: [{ doc: { Version: V, Statement: [{ Effect: 'Allow', Action: 's3:GetObject' }] } }],
  valid: [id({})],
} satisfies CheckCases;
