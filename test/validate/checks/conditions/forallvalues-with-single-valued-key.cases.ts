import { type CheckCases, cond } from '../helpers.js';

/** FORALLVALUES_WITH_SINGLE_VALUED_KEY: src/validate/checks/conditions/forallvalues-with-single-valued-key.ts */
export default {
  code: 'FORALLVALUES_WITH_SINGLE_VALUED_KEY',
  invalid: [{ doc: cond({ 'ForAllValues:StringEquals': { 'aws:username': 'a' } }) }],
  valid: [cond({ StringEquals: { 'aws:username': 'a' } })],
} satisfies CheckCases;
