import { type CheckCases, id } from '../helpers.js';

/** WILDCARD_IN_SERVICE_NAME: src/validate/checks/actions/wildcard-in-service-name.ts */
export default {
  code: 'WILDCARD_IN_SERVICE_NAME',
  invalid: [{ doc: id({ Resource: 'arn:aws:*code*::111122223333:*' }) }],
  valid: [id({})],
} satisfies CheckCases;
