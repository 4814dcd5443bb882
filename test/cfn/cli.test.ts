/**
 * `leastpriv cfn` end to end: flags, JSON output, exit codes (0 clean, 2 blocking, 1 error), SARIF,
 * and the example of the AWS Security blog post introducing cfn-policy-validator
 * ("Validate IAM policies in CloudFormation templates using IAM Access Analyzer"): a queue policy
 * granting account 111122223333 and a role with the misspelled sqs:ReceiveMessages give two
 * blocking findings, one after --allow-external-principals 111122223333.
 * Finding shape: https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_ValidatePolicyFinding.html
 */
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureOutput } from '../helpers/output.js';

const BLOG = 'examples/cfn/blog-example.json';
const FIX = 'test/fixtures/cfn';

const io = captureOutput();

const run = (...args: string[]) => main(['node', 'leastpriv', 'cfn', ...args]);
type Report = {
  BlockingFindings: Array<Record<string, unknown>>;
  NonBlockingFindings: Array<Record<string, unknown>>;
};
const summary = (r: Report) =>
  r.BlockingFindings.map((f) => `${f.findingType} ${f.code} ${f.resourceName}/${f.policyName}`);

describe('cfn validate: the blog example', () => {
  it('reports the misspelled action and the external principal, both blocking (exit 2)', async () => {
    const code = await run('validate', '--template-path', BLOG, '--region', 'us-east-1');
    const report = JSON.parse(io.out) as Report;
    expect(summary(report)).toEqual([
      'ERROR INVALID_ACTION MyRole/root',
      'SECURITY_WARNING EXTERNAL_PRINCIPAL MyQueue/QueuePolicy',
    ]);
    expect(report.BlockingFindings[0].message).toMatch(/^The action sqs:ReceiveMessages does not exist/);
    expect(report.BlockingFindings[1].message).toBe(
      'Resource policy allows access from external principals.',
    );
    expect(report.NonBlockingFindings).toEqual([]);
    expect(code).toBe(2);
  }, 60_000);
  it('keeps only the invalid action with --allow-external-principals 111122223333', async () => {
    const code = await run(
      'validate',
      '--template-path',
      BLOG,
      '--region',
      'us-east-1',
      '--allow-external-principals',
      '111122223333',
    );
    expect(summary(JSON.parse(io.out))).toEqual(['ERROR INVALID_ACTION MyRole/root']);
    expect(code).toBe(2);
  }, 60_000);
  it('--ignore-finding and --treat-finding-type-as-blocking reclassify', async () => {
    const code = await run(
      'validate',
      '--template-path',
      BLOG,
      '--region',
      'us-east-1',
      '--ignore-finding',
      'MyRole.INVALID_ACTION',
      '--treat-finding-type-as-blocking',
      'ERROR',
    );
    const report = JSON.parse(io.out) as Report;
    expect(report.BlockingFindings).toEqual([]);
    expect(report.NonBlockingFindings.map((f) => f.code)).toEqual(['EXTERNAL_PRINCIPAL']);
    expect(code).toBe(0);
  }, 60_000);
  it('a public bucket policy granting objects is external access, found at its statement', async () => {
    const file = `${FIX}/public-bucket.yaml`;
    const code = await run('validate', '--template-path', file, '--region', 'us-east-1', '--format', 'sarif');
    type Result = {
      ruleId: string;
      properties: { resourceName: string };
      locations: Array<{ physicalLocation: { region: { startLine: number } } }>;
    };
    const results = JSON.parse(io.out).runs[0].results as Result[];
    const external = results.filter((r) => r.ruleId === 'EXTERNAL_PRINCIPAL');
    expect(external).toHaveLength(1);
    expect(external[0].properties.resourceName).toBe('public-site');
    const lines = (await import('node:fs')).readFileSync(file, 'utf8').split('\n');
    expect(lines[external[0].locations[0].physicalLocation.region.startLine - 1]).toContain(
      '- Sid: PublicRead',
    );
    expect(code).toBe(2);
  }, 60_000);
  it('--format sarif points at the template lines of the findings', async () => {
    await run(
      'validate',
      '--template-path',
      BLOG,
      '--region',
      'us-east-1',
      '--format',
      'sarif',
      '--skip-external-access',
    );
    const sarif = JSON.parse(io.out);
    const [result] = sarif.runs[0].results;
    expect(result.ruleId).toBe('INVALID_ACTION');
    const region = result.locations[0].physicalLocation.region;
    const lines = (await import('node:fs')).readFileSync(BLOG, 'utf8').split('\n');
    expect(lines[region.startLine - 1]).toContain('"Action": "sqs:ReceiveMessages"');
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe(BLOG);
  });
});

describe('cfn parse', () => {
  it('prints the parse output; parameters come from a template configuration file or --parameters', async () => {
    const file = `${FIX}/missing-parameter.yaml`;
    expect(
      await run(
        'parse',
        '--template-path',
        file,
        '--region',
        'eu-west-1',
        '--template-configuration-file',
        `${FIX}/template-configuration.json`,
      ),
    ).toBe(0);
    const parsed = JSON.parse(io.out);
    expect([parsed.Region, parsed.Account, parsed.Partition]).toEqual(['eu-west-1', '123456789012', 'aws']);
    expect(JSON.stringify(parsed.OrphanedPolicies)).toContain('arn:aws:s3:::from-configuration/*');
    io.out = '';
    await run(
      'parse',
      '--template-path',
      file,
      '--region',
      'eu-west-1',
      '--template-configuration-file',
      `${FIX}/template-configuration.json`,
      '--parameters',
      'BucketName=override',
      '--account-id',
      '111122223333',
    );
    expect(JSON.stringify(JSON.parse(io.out).OrphanedPolicies)).toContain('arn:aws:s3:::override/*');
    expect(JSON.parse(io.out).Account).toBe('111122223333');
  });
  it('SAM: implicit roles with AWS managed policies resolved from the bundled set, conditions by parameter', async () => {
    const args = ['parse', '--template-path', 'examples/cfn/sam-app.yaml', '--region', 'eu-west-1'];
    expect(await run(...args, '--parameters', 'Stage=prod,AnalyticsAccount=444455556666')).toBe(0);
    const prod = JSON.parse(io.out);
    const worker = prod.Roles.find((r: { RoleName: string }) => r.RoleName === 'WorkerFunctionRole');
    expect(
      worker.Policies.map((p: { Name: string; IsAWSManagedPolicy: boolean }) => [
        p.Name,
        p.IsAWSManagedPolicy,
      ]),
    ).toEqual([
      ['WorkerFunctionRolePolicy0', false],
      ['WorkerFunctionRolePolicy1', false],
      ['AWSLambdaBasicExecutionRole', true],
      ['AmazonS3ReadOnlyAccess', true],
    ]);
    expect(worker.Policies[2].Path).toBe('/service-role/');
    expect(prod.Resources[0].Policy.Policy.Statement).toHaveLength(2);
    io.out = '';
    expect(
      await run(
        ...args,
        '--parameters',
        'Stage=dev',
        '--exclude-resource-types',
        'AWS::Serverless::Function',
      ),
    ).toBe(0);
    const dev = JSON.parse(io.out);
    expect(dev.Roles).toEqual([]);
    expect(dev.Resources[0].Policy.Policy.Statement).toHaveLength(1);
  });
  it('--parameters (comma lists kept whole), --import-values and --ssm-parameters supply what AWS would', async () => {
    const code = await run(
      'parse',
      '--template-path',
      `${FIX}/offline-values.yaml`,
      '--region',
      'us-east-1',
      '--parameters',
      'Arns=arn:aws:s3:::a/*,arn:aws:s3:::b/*',
      'Team=data=science',
      '--import-values',
      'shared-queue-arn=arn:aws:sqs:us-east-1:111122223333:shared',
      '--ssm-parameters',
      '/config/bucket=cfg-bucket,/config/prefix:2=reports/',
    );
    expect(io.err).toBe('');
    expect(code).toBe(0);
    const [s1, s2, s3] = JSON.parse(io.out).OrphanedPolicies[0].Policy.Statement;
    expect(s1.Resource).toEqual(['arn:aws:s3:::a/*', 'arn:aws:s3:::b/*']);
    expect(s2.Resource).toBe('arn:aws:sqs:us-east-1:111122223333:shared');
    expect(s3.Resource).toBe('arn:aws:s3:::cfg-bucket');
    expect(s3.Condition.StringEquals).toEqual({
      'aws:PrincipalTag/team': 'data=science',
      's3:prefix': 'reports/',
    });
  });
  it('a missing parameter a policy needs: a located warning and a marked placeholder, exit code 0 (issue 11)', async () => {
    const code = await run(
      'parse',
      '--template-path',
      `${FIX}/missing-parameter.yaml`,
      '--region',
      'us-east-1',
    );
    expect(code).toBe(0);
    expect(io.err).toMatch(
      /^leastpriv: warning: test\/fixtures\/cfn\/missing-parameter\.yaml:13:23: parameter "BucketName" has no value/,
    );
    expect(io.out).toContain('"Resource": "arn:aws:s3:::{{UNRESOLVED Ref BucketName}}/*"');
  });
  it('bad flags are errors with exit code 1', async () => {
    expect(await run('parse', '--template-path', BLOG, '--region', 'nowhere')).toBe(1);
    expect(await run('parse', '--template-path', BLOG, '--region', 'us-east-1', '--account-id', '12')).toBe(
      1,
    );
    expect(await run('parse', '--template-path', 'no/such/file.yaml', '--region', 'us-east-1')).toBe(1);
    expect(io.err).toMatch(/no such file/);
  });
});

describe('cfn check-* (reasoner)', () => {
  it('check-no-public-access flags the public bucket policy, not the role trust policy', async () => {
    const code = await run(
      'check-no-public-access',
      '--template-path',
      `${FIX}/public-bucket.yaml`,
      '--region',
      'us-east-1',
    );
    const report = JSON.parse(io.out) as Report;
    expect(summary(report)).toEqual([
      'SECURITY_WARNING policy-analysis-CheckNoPublicAccess public-site/BucketPolicy',
    ]);
    expect(code).toBe(2);
  }, 60_000);
  it('check-access-not-granted finds the role granting s3:DeleteObject; --treat-findings-as-non-blocking exits 0', async () => {
    const code = await run(
      'check-access-not-granted',
      '--template-path',
      `${FIX}/public-bucket.yaml`,
      '--region',
      'us-east-1',
      '--actions',
      's3:DeleteObject',
      '--treat-findings-as-non-blocking',
    );
    const report = JSON.parse(io.out) as Report;
    expect(report.BlockingFindings).toEqual([]);
    expect(report.NonBlockingFindings.map((f) => `${f.code} ${f.resourceName}/${f.policyName}`)).toEqual([
      'policy-analysis-CheckAccessNotGranted Worker/write',
    ]);
    expect(code).toBe(0);
  }, 60_000);
  it('check-no-new-access against an identity reference policy', async () => {
    const code = await run(
      'check-no-new-access',
      '--template-path',
      `${FIX}/public-bucket.yaml`,
      '--region',
      'us-east-1',
      '--reference-policy',
      `${FIX}/reference-read-only.json`,
      '--reference-policy-type',
      'identity',
    );
    expect(summary(JSON.parse(io.out))).toEqual([
      'SECURITY_WARNING policy-analysis-CheckNoNewAccess Worker/write',
    ]);
    expect(code).toBe(2);
  }, 60_000);
  it('check-access-not-granted needs --actions or --resources', async () => {
    expect(await run('check-access-not-granted', '--template-path', BLOG, '--region', 'us-east-1')).toBe(1);
    expect(io.err).toMatch(/At least one of --actions or --resources must be specified/);
  });
});
