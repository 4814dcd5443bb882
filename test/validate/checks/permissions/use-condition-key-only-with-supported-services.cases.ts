import { type CheckCases, cond } from '../helpers.js';

/** USE_CONDITION_KEY_ONLY_WITH_SUPPORTED_SERVICES: src/validate/checks/permissions/use-condition-key-only-with-supported-services.ts */
export default {
  code: 'USE_CONDITION_KEY_ONLY_WITH_SUPPORTED_SERVICES',
  invalid: [
    { doc: cond({ StringEquals: { 'aws:VpceAccount': '123456789012' } }, { Effect: 'Deny', Action: '*' }) },
  ],
  valid: [cond({ StringEquals: { 'aws:VpceAccount': '123456789012' } }, { Effect: 'Deny', Action: 's3:*' })],
} satisfies CheckCases;
