// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here is CloudFormation Fn::Sub syntax, not a JS template
/**
 * Hostile input: any tree of intrinsic functions, with any arguments, in any place of a
 * template either resolves or gives a located CfnTemplateError (never a TypeError or a hang).
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CfnTemplateError } from '../../src/sources/cfn/index.js';
import { parse } from './helpers.js';

const FNS = [
  'Ref',
  'Fn::GetAtt',
  'Fn::Sub',
  'Fn::Join',
  'Fn::Select',
  'Fn::Split',
  'Fn::If',
  'Fn::Equals',
  'Fn::And',
  'Fn::Or',
  'Fn::Not',
  'Fn::FindInMap',
  'Fn::ImportValue',
  'Fn::Base64',
  'Fn::Cidr',
  'Fn::GetAZs',
  'Fn::Length',
  'Fn::ToJsonString',
  'Condition',
];
const leaf = fc.oneof(
  fc.constantFrom(
    'Queue',
    'Role',
    'P',
    'C',
    'AWS::Region',
    'AWS::NoValue',
    'Queue.Arn',
    '${Queue.Arn}',
    '${P}',
    '10.0.0.0/16',
    '',
    '0',
    '1',
    '-1',
  ),
  fc.string({ maxLength: 6 }),
  fc.integer({ min: -2, max: 300 }),
  fc.boolean(),
  fc.constant(null),
);
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('tree'), { maxLength: 4 }),
    fc.record({ fn: fc.constantFrom(...FNS), arg: tie('tree') }).map(({ fn, arg }) => ({ [fn]: arg })),
    fc.dictionary(fc.constantFrom('Statement', 'Effect', 'x', 'DefaultValue'), tie('tree'), { maxKeys: 2 }),
  ),
}));

describe('any intrinsic tree resolves or fails located', () => {
  it('in a policy resource, a property and a condition', () => {
    fc.assert(
      fc.property(tree, tree, tree, (resource, name, cond) => {
        const template = {
          Parameters: { P: { Type: 'String', Default: 'p' } },
          Mappings: { M: { a: { b: 'c' } } },
          Conditions: { C: cond },
          Resources: {
            Queue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: name } },
            Role: {
              Type: 'AWS::IAM::Role',
              Properties: {
                AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] },
                Policies: [
                  {
                    PolicyName: 'p',
                    PolicyDocument: {
                      Version: '2012-10-17',
                      Statement: [{ Effect: 'Allow', Action: '*', Resource: resource }],
                    },
                  },
                ],
              },
            },
            Q: {
              Type: 'AWS::SQS::QueuePolicy',
              Condition: 'C',
              Properties: { Queues: [{ Ref: 'Queue' }], PolicyDocument: {} },
            },
          },
        };
        try {
          parse(JSON.stringify(template, null, 1), { file: 'fuzz.json' });
        } catch (e) {
          if (!(e instanceof CfnTemplateError)) throw e;
          expect(e.message).toMatch(/^fuzz\.json:\d+:\d+: /);
        }
      }),
      { numRuns: 1500 },
    );
  });
});
