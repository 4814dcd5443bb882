// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here is CloudFormation Fn::Sub syntax, not a JS template
/**
 * Malformed templates give a located error (file:line:column + what), never a crash; and
 * every extracted policy element can be pointed at in the template.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CfnTemplateError, locateInPolicy } from '../../src/sources/cfn/index.js';
import { parse, roleWithResource } from './helpers.js';

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
  it('duplicate keys, in YAML and in JSON', () => {
    expect(located('Resources:\n  A: 1\n  A: 2\n').message).toBe('template.yaml:3:3: duplicate key "A"');
    expect(located('{"Resources": {"A": 1, "A": 2}}').message).toMatch(
      /^template\.yaml:1:24: duplicate key "A"/,
    );
  });
  it('bad JSON', () => {
    const e = located('{ "Resources": { "A": } }', {});
    expect(e.message).toMatch(/^template\.yaml:1:\d+: Invalid JSON/);
  });
  it('unknown tag, at the tag', () => {
    const e = located(roleWithResource('!GetArn Role.Arn'));
    expect(e.detail).toMatch(/unknown YAML tag !GetArn/);
    expect(e.span.start.line).toBe(19);
    expect(e.span.start.column).toBe(26);
  });
  it('circular Ref (a bucket named after itself)', () => {
    const t = `${roleWithResource('!GetAtt B.Arn')}  B:\n    Type: AWS::S3::Bucket\n    Properties: { BucketName: !Ref B }\n`;
    expect(located(t).detail).toMatch(/circular reference: B\.BucketName -> B\.BucketName/);
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
  it('missing parameter', () => {
    expect(located(roleWithResource('!Ref P', 'Parameters:\n  P: { Type: String }')).detail).toMatch(
      /parameter "P" has no value/,
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
