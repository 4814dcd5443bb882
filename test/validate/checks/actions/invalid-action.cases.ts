import { type CheckCases, id } from '../helpers.js';

/** INVALID_ACTION: src/validate/checks/actions/invalid-action.ts */
export default {
  code: 'INVALID_ACTION',
  invalid: [
    { doc: id({ Action: 's3:GetObjectt' }), at: '"s3:GetObjectt"', says: 'Did you mean s3:GetObject?' },
  ],
  valid: [id({ Action: 'S3:getobject' })],
} satisfies CheckCases;
