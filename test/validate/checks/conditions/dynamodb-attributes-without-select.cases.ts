import { type CheckCases, cond } from '../helpers.js';

/** DYNAMODB_ATTRIBUTES_WITHOUT_SELECT: src/validate/checks/conditions/dynamodb-attributes-without-select.ts */
export default {
  code: 'DYNAMODB_ATTRIBUTES_WITHOUT_SELECT',
  invalid: [
    {
      doc: cond(
        { 'ForAllValues:StringEquals': { 'dynamodb:Attributes': ['id'] } },
        { Action: 'dynamodb:GetItem' },
      ),
    },
  ],
  valid: [
    cond(
      {
        'ForAllValues:StringEquals': { 'dynamodb:Attributes': ['id'] },
        StringEquals: { 'dynamodb:Select': 'SPECIFIC_ATTRIBUTES' },
      },
      { Action: 'dynamodb:GetItem' },
    ),
  ],
} satisfies CheckCases;
