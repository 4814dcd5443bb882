// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here is CloudFormation Fn::Sub syntax, not a JS template
/**
 * Malformed templates give a located error (file:line:column + what), never a crash; and
 * every extracted policy element can be pointed at in the template.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CfnTemplateError, locateInPolicy } from '../../src/sources/cfn/index.js';
import { parse, resourceOf, roleWithResource, warningsOf } from './helpers.js';

function located(text: string, options = {}): CfnTemplateError {
  try {
    parse(text, options);
  } catch (e) {
    if (e instanceof CfnTemplateError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('located errors', () => {
  it('bad YAML', () => {
    const e = located('Resources:\n  A: [1\n  B: 2\n');
    expect(e.message).toMatch(/^template\.yaml:\d+:\d+: Invalid YAML/);
  });
  it('duplicate keys, in YAML and in JSON: the last wins, with a warning naming both places (issue 11)', () => {
    const yaml = `${roleWithResource("'arn:aws:s3:::first'")}`.replace(
      "Resource: 'arn:aws:s3:::first'",
      "Resource: 'arn:aws:s3:::first'\n                Resource: 'arn:aws:s3:::last'",
    );
    expect(resourceOf(yaml)).toBe('arn:aws:s3:::last');
    expect(warningsOf(yaml)).toEqual([
      'template.yaml:20:17: duplicate key "Resource": this value replaces the one at line 19, column 17 (the last one wins, as CloudFormation\'s YAML and JSON readers do)',
    ]);
    const json = '{"Resources": {"A": {"Type": "AWS::SQS::Queue"}, "A": {"Type": "AWS::SNS::Topic"}}}';
    expect(parse(json).output.Resources).toEqual([]);
    expect(warningsOf(json)[0]).toMatch(
      /^template\.yaml:1:50: duplicate key "A": this value replaces the one at line 1, column 16/,
    );
  });
  it('bad JSON', () => {
    const e = located('{ "Resources": { "A": } }', {});
    expect(e.message).toMatch(/^template\.yaml:1:\d+: Invalid JSON/);
  });
  it('unknown tag: a warning at the tag, and a marked placeholder where a policy needs its value (issue 11)', () => {
    const t = roleWithResource('!GetArn Role.Arn');
    expect(resourceOf(t)).toBe('{{UNRESOLVED !GetArn}}');
    const w = warningsOf(t);
    expect(w[0]).toMatch(/^template\.yaml:19:27: unknown YAML tag !GetArn: not a CloudFormation short form/);
    expect(w[1]).toMatch(
      /^template\.yaml:19:27: the value of the unknown YAML tag !GetArn is needed here; the placeholder/,
    );
    // Not needed by a policy: only the warning about the tag.
    const unused = `${roleWithResource("'*'")}  Q:\n    Type: AWS::SQS::Queue\n    Properties: { QueueName: !Rain::Embed q.txt }\n`;
    expect(warningsOf(unused)).toHaveLength(1);
  });
  it('circular Ref (a bucket named after itself)', () => {
    const t = `${roleWithResource('!GetAtt B.Arn')}  B:\n    Type: AWS::S3::Bucket\n    Properties: { BucketName: !Ref B }\n`;
    expect(located(t).detail).toMatch(
      /circular reference: B\.Properties\.BucketName -> B\.Properties\.BucketName/,
    );
  });
  it('circular conditions', () => {
    const t = roleWithResource("!If [A, '*', x]", 'Conditions:\n  A: !Condition B\n  B: !Not [!Condition A]');
    expect(located(t).detail).toMatch(/circular reference: Conditions\.A -> Conditions\.B -> Conditions\.A/);
  });
  it('Sub with an unknown variable', () => {
    const e = located(roleWithResource('!Sub "arn:aws:s3:::${Nope}/*"'));
    expect(e.detail).toMatch(/Fn::Sub: unknown variable \$\{Nope\}/);
    expect(e.where).toBe(
      'Resources.Role.Properties.Policies[0].PolicyDocument.Statement[0].Resource.Fn::Sub',
    );
    expect(e.span.start.line).toBe(19);
  });
  it('missing parameter: a located warning, not an error', () => {
    expect(warningsOf(roleWithResource('!Ref P', 'Parameters:\n  P: { Type: String }'))[0]).toMatch(
      /^template\.yaml:20:27: parameter "P" has no value/,
    );
  });
  it('Ref to nothing, unsupported intrinsic, missing Resources', () => {
    expect(located(roleWithResource('!Ref Ghost')).detail).toMatch(/Ref to "Ghost"/);
    expect(located(roleWithResource('{ "Fn::Magic": x }')).detail).toMatch(
      /unsupported intrinsic function Fn::Magic/,
    );
    expect(located('AWSTemplateFormatVersion: "2010-09-09"\n').detail).toMatch(/no Resources section/);
  });
  it('random text never crashes: it parses or gives a located error', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        try {
          parse(`Resources:\n  R:\n    Type: AWS::IAM::Policy\n    Properties: ${s}\n`);
        } catch (e) {
          expect(e).toBeInstanceOf(CfnTemplateError);
          expect((e as Error).message).toMatch(/^template\.yaml:\d+:\d+: /);
        }
      }),
      { numRuns: 300 },
    );
  });
});

/**
 * Logical ids. CloudFormation, Resources page: "These names must be alphanumeric (A-Za-z0-9) and
 * unique within the template"
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resources-section-structure.html#resources-section-logical-id);
 * Parameters page: "alphanumeric and unique among all logical names within the template"
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html);
 * quotas: a resource name has at most 255 characters
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html).
 * cfn-policy-validator's template schema rejects a resource id outside ^[a-zA-Z0-9]+$ and checks
 * nothing else (issue 11, point 4).
 */
describe('logical id rules', () => {
  const role = (id: string, extra = '') =>
    `${extra}Resources:\n  ${id}:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] }\n`;
  it('a resource id that is not alphanumeric is a located error, as in cfn-policy-validator', () => {
    for (const id of ['my-role', 'My_Role', 'Role.1', '"Rôle"']) {
      const e = located(role(id));
      expect(e.message).toMatch(
        /^template\.yaml:2:3: resource logical id ".+" is not alphanumeric \(A-Za-z0-9\)/,
      );
      expect(e.message).toContain('(at Resources.');
    }
    expect(() => parse(role('MyRole1'))).not.toThrow();
  });
  it('a parameter id that is not alphanumeric, an id over 255 characters, or one naming a parameter and a resource: a warning', () => {
    expect(warningsOf(role('R', 'Parameters:\n  my-param: { Type: String, Default: x }\n'))).toEqual([
      'template.yaml:2:3: parameter logical id "my-param" is not alphanumeric (A-Za-z0-9), which CloudFormation requires (at Parameters.my-param)',
    ]);
    const long = 'R'.repeat(256);
    expect(warningsOf(role(long))).toEqual([
      `template.yaml:2:3: resource logical id is 256 characters; CloudFormation allows at most 255 (at Resources.${long})`,
    ]);
    expect(warningsOf(role('R'.repeat(255)))).toEqual([]);
    const both = warningsOf(role('Shared', 'Parameters:\n  Shared: { Type: String, Default: x }\n'));
    expect(both).toHaveLength(1);
    expect(both[0]).toMatch(
      /^template\.yaml:4:3: logical id Shared names both a parameter \(line 2\) and a resource;.*Ref Shared is the resource/,
    );
  });
});

describe('policy locations', () => {
  it('maps a statement element, through an intrinsic, to its template line', () => {
    const text = roleWithResource('!Sub "arn:${AWS::Partition}:s3:::b/*"');
    const x = parse(text);
    const src = x.policies.find((p) => p.policyName === 'p')!;
    const lines = text.split('\n');
    const action = locateInPolicy(src, [{ value: 'Statement' }, { index: 0 }, { value: 'Action' }]);
    expect(lines[action.start.line - 1]).toContain('Action: s3:GetObject');
    const resource = locateInPolicy(src, [{ value: 'Statement' }, { index: 0 }, { value: 'Resource' }]);
    expect(lines[resource.start.line - 1]).toContain('Resource: !Sub');
    const trust = x.policies.find((p) => p.kind === 'TRUST_POLICY')!;
    const principal = locateInPolicy(trust, [{ value: 'Statement' }, { index: 0 }, { value: 'Principal' }]);
    expect(lines[principal.start.line - 1]).toContain('Principal:');
  });
  it('every statement of every policy of a generated template points at a line holding that statement', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('s3:GetObject', 'sqs:SendMessage', 'kms:Decrypt'), {
          minLength: 1,
          maxLength: 6,
        }),
        (actions) => {
          const statements = actions.map(
            (a, i) =>
              `          - Sid: S${i}\n            Effect: Allow\n            Action: ${a}\n            Resource: '*'`,
          );
          const text = `Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n${statements.join('\n')}\n`;
          const x = parse(text);
          const lines = text.split('\n');
          actions.forEach((a, i) => {
            const span = locateInPolicy(x.policies[0], [
              { value: 'Statement' },
              { index: i },
              { value: 'Action' },
            ]);
            expect(lines[span.start.line - 1]).toContain(`Action: ${a}`);
            const sid = locateInPolicy(x.policies[0], [{ value: 'Statement' }, { index: i }]);
            expect(lines[sid.start.line - 1]).toContain(`Sid: S${i}`);
          });
        },
      ),
      { numRuns: 50 },
    );
  });
});
