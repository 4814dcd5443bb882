import { type CheckCases, id, V } from '../helpers.js';

/** MISSING_ACTION: src/validate/checks/grammar/missing-action.ts */
export default {
  code: 'MISSING_ACTION',
  invalid: [{ doc: { Version: V, Statement: [{ Effect: 'Allow', Resource: '*' }] } }],
  valid: [id({})],
} satisfies CheckCases;
