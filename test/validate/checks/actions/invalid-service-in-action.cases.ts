import { type CheckCases, id } from '../helpers.js';

// Actions
/** INVALID_SERVICE_IN_ACTION: src/validate/checks/actions/invalid-service-in-action.ts */
export default {
  code: 'INVALID_SERVICE_IN_ACTION',
  invalid: [{ doc: id({ Action: 's4:GetObject' }), at: '"s4:GetObject"', says: 'Did you mean s3?' }],
  valid: [id({})],
} satisfies CheckCases;
