import { type CheckCases, id } from '../helpers.js';

/** INVALID_POLICY_ELEMENT: src/validate/checks/grammar/invalid-policy-element.ts */
export default {
  code: 'INVALID_POLICY_ELEMENT',
  invalid: [{ doc: id({ Actions: 's3:GetObject' }), at: '"Actions"' }],
  valid: [id({})],
} satisfies CheckCases;
