import { type CheckCases, id, V } from '../helpers.js';

/** MISSING_EFFECT: src/validate/checks/grammar/missing-effect.ts */
export default {
  code: 'MISSING_EFFECT',
  invalid: [{ doc: { Version: V, Statement: [{ Action: 's3:GetObject', Resource: '*' }] } }],
  valid: [id({})],
} satisfies CheckCases;
