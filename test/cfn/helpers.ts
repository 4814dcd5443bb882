import { type ExtractOptions, formatWarning, parseTemplate } from '../../src/sources/cfn/index.js';

/** Parses a template given as text with test defaults (us-east-1, default account). */
export function parse(text: string, options: Partial<ExtractOptions> = {}) {
  return parseTemplate(text, { file: 'template.yaml', region: 'us-east-1', ...options });
}

/** A template whose only policy is a role's inline policy with one statement's Resource set to `resource` (YAML text). */
export function roleWithResource(resource: string, extra = ''): string {
  return `${extra}
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: p
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: s3:GetObject
                Resource: ${resource}
`;
}

/** The evaluated Resource of the role built by roleWithResource. */
export function resourceOf(text: string, options: Partial<ExtractOptions> = {}): unknown {
  const x = parse(text, options);
  const doc = x.output.Roles[0].Policies[0].Policy as { Statement: { Resource: unknown }[] };
  return doc.Statement[0].Resource;
}

/** The error message thrown while parsing, or undefined. */
export function errorOf(text: string, options: Partial<ExtractOptions> = {}): string | undefined {
  try {
    parse(text, options);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** The located warnings and notes of a parse, as `file:line:column: detail (at where)`. */
export function warningsOf(text: string, options: Partial<ExtractOptions> = {}): string[] {
  return parse(text, options).warnings.map(formatWarning);
}
