import { type CheckCases, id, V } from '../helpers.js';

// Statements
/** REDUNDANT_STATEMENT: src/validate/checks/statements/redundant-statement.ts */
export default {
  code: 'REDUNDANT_STATEMENT',
  invalid: [{ doc: { Version: V, Statement: [id({}).Statement, id({ Sid: 'Again' }).Statement].flat() } }],
  valid: [{ Version: V, Statement: [id({}).Statement, id({ Action: 's3:PutObject' }).Statement].flat() }],
} satisfies CheckCases;
