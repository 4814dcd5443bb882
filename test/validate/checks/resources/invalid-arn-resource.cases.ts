import { type CheckCases, id } from '../helpers.js';

/** INVALID_ARN_RESOURCE: src/validate/checks/resources/invalid-arn-resource.ts */
export default {
  code: 'INVALID_ARN_RESOURCE',
  invalid: [{ doc: id({ Action: 'iam:GetRole', Resource: 'arn:aws:iam::123456789012:robot/x' }) }],
  valid: [id({ Action: 'iam:GetRole', Resource: 'arn:aws:iam::123456789012:role/x' })],
} satisfies CheckCases;
