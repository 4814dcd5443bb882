import type { Command } from 'commander';
import { expandActionPattern } from '../catalog/index.js';
import { parseArn } from '../policy/arn.js';
import { PolicyParseError } from '../policy/issues.js';
import { type JsonNode, type JsonSource, locate, members, parseJson } from '../policy/json.js';
import type { PathElement } from '../policy/location.js';
import type { PolicyDocument } from '../policy/model.js';
import { parsePolicy } from '../policy/parse.js';
import {
  type AccessSpec,
  analyzeExternalAccess,
  analyzeSetExternalAccess,
  type CheckResult,
  checkAccessNotGranted,
  checkNoNewAccess,
  checkNoPublicAccess,
  checkSetAccessNotGranted,
  checkSetNoNewAccess,
  checkSetNoPublicAccess,
  Deadline,
  DeadlineExceeded,
  type PolicySetScenario,
  type PolicyType,
  principalSelectorError,
  QUERIES,
  shutdownSolver,
  withPolicy,
  type ZoneOfTrust,
} from '../reason/index.js';
import { renderCheckJson, renderCheckText, renderFindingsText } from '../report/reason.js';
import { readPolicySet } from '../sources/scenario.js';
import { checkResourceType, InputError, oneOf } from './errors.js';
import { readText, writeErr, writeOut } from './io.js';
import type { CommandState } from './state.js';

const POLICY_TYPES: PolicyType[] = [
  'IDENTITY_POLICY',
  'RESOURCE_POLICY',
  'SERVICE_CONTROL_POLICY',
  'RESOURCE_CONTROL_POLICY',
];

function fileName(path: string): string {
  return path === '-' ? '<stdin>' : path;
}

/**
 * Reads and parses a policy; any structural issue makes it unusable (exit 2, located message).
 * Reading counts against the check's time limit: past it, DeadlineExceeded (UNKNOWN, exit 3).
 */
function readPolicy(path: string, deadline: Deadline): PolicyDocument {
  const file = fileName(path);
  const stage = `reading ${file}`;
  deadline.check(stage);
  const text = readText(path);
  deadline.check(stage);
  const { policy, issues } = parsePolicy(text, { file, onStatement: () => deadline.tick(stage) });
  deadline.check(stage);
  if (!policy || issues.length > 0) throw new PolicyParseError(issues, file);
  return policy;
}

function policyType(text: string | undefined): PolicyType {
  if (text === undefined) throw new InputError("required option '--policy-type <type>' not specified");
  return oneOf('--policy-type', text, POLICY_TYPES);
}

/** The flags that give a policy set (a whole principal's policies) to the proof commands. */
interface SetFlags {
  scenario?: string;
  identity?: string[];
  boundary?: string;
  scp?: string[];
  rcp?: string[];
  resourceAccount?: string;
  principal?: string;
}

const SET_HELP = '(required unless a policy set is given: --scenario, --identity, --boundary, --scp, --rcp)';

function setOptions(command: Command): Command {
  return command
    .option(
      '--scenario <file>',
      'a policy set: the scenario file `simulate` reads, without "request" (identity policies, boundary, session policy, SCP and RCP levels, resource policy, accounts)',
    )
    .option('--identity <file...>', 'identity policies of the principal (added to the set)')
    .option('--boundary <file>', 'the permissions boundary (added to the set)')
    .option('--scp <file...>', 'SCPs, one file per level from the organization root down (added to the set)')
    .option('--rcp <file...>', 'RCPs, one file per level from the organization root down (added to the set)')
    .option(
      '--resource-account <id>',
      "the resource owner's account (default: the set's, else the principal's)",
    )
    .option(
      '--principal <arn>',
      'only requests by these principals: a user or role ARN (a role covers its sessions), such an ARN with * and ? wildcards (arn:aws:iam::111122223333:role/ops-*), a 12-digit account, or * (every principal)',
    );
}

function hasSet(o: SetFlags): boolean {
  return Boolean(o.scenario || o.identity?.length || o.boundary || o.scp?.length || o.rcp?.length);
}

/**
 * The policy set the flags give (the scenario file, read by the same reader as `simulate`, plus
 * the policy files), or undefined when none is given; set-only flags without a set are an error.
 */
function readSet(o: SetFlags, deadline: Deadline, principalAlone = false): PolicySetScenario | undefined {
  if (o.principal !== undefined) {
    const wrong = principalSelectorError(o.principal);
    if (wrong) throw new InputError(`--principal: ${wrong}`);
  }
  if (!hasSet(o)) {
    for (const [flag, v] of [
      ['--principal', principalAlone ? undefined : o.principal],
      ['--resource-account', o.resourceAccount],
    ] as const) {
      if (v !== undefined)
        throw new InputError(
          `${flag} needs a policy set (--scenario, --identity, --boundary, --scp or --rcp)`,
        );
    }
    return undefined;
  }
  if (o.resourceAccount !== undefined && !/^\d{12}$/.test(o.resourceAccount))
    throw new InputError(`--resource-account: "${o.resourceAccount}" is not a 12-digit account id`);
  let set: PolicySetScenario = { policies: {} };
  if (o.scenario) {
    const file = fileName(o.scenario);
    deadline.check(`reading ${file}`);
    set = readPolicySet(
      readText(o.scenario),
      file,
      'a proof searches every request; remove it (see `leastpriv simulate` to decide one request)',
    );
  }
  const policies = { ...set.policies };
  const named = (path: string) => ({ name: fileName(path), document: readPolicy(path, deadline) });
  if (o.identity) policies.identity = [...(policies.identity ?? []), ...o.identity.map(named)];
  if (o.boundary) {
    if (policies.permissionBoundary)
      throw new InputError(
        `--boundary: the policy set ${fileName(o.scenario!)} already has a permissionBoundary`,
      );
    policies.permissionBoundary = named(o.boundary);
  }
  if (o.scp) policies.scps = [...(policies.scps ?? []), ...o.scp.map((f) => [named(f)])];
  if (o.rcp) policies.rcps = [...(policies.rcps ?? []), ...o.rcp.map((f) => [named(f)])];
  return { ...set, policies, ...(o.resourceAccount ? { resourceAccount: o.resourceAccount } : {}) };
}

/** The files a policy set came from (named by UNKNOWN answers that stop while reading). */
function setPaths(o: SetFlags): string[] {
  return [o.scenario, ...(o.identity ?? []), o.boundary, ...(o.scp ?? []), ...(o.rcp ?? [])].filter(
    (p): p is string => p !== undefined,
  );
}

const MAX_TIMEOUT_MS = 2 ** 31 - 1;
const TIMEOUT_HELP =
  'time limit for the whole check in milliseconds (reading, compiling, encoding, solving, replay); past it the answer is UNKNOWN (exit 3)';

function resourceType(text: string | undefined): void {
  checkResourceType(text);
}

/** The check's time limit, counted from when the command began (its arguments' parsing included). */
function timeLimit(text: string, state: CommandState): { timeoutMs: number; deadline: Deadline } {
  const timeoutMs = timeout(text);
  return { timeoutMs, deadline: new Deadline(timeoutMs, state.startedAt) };
}

function timeout(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0)
    throw new InputError(`--timeout must be a positive number of milliseconds, not "${text}"`);
  // Node timers hold 32-bit delays: a larger one fires after 1 ms and every check ends UNKNOWN.
  if (n > MAX_TIMEOUT_MS)
    throw new InputError(`--timeout must be at most ${MAX_TIMEOUT_MS} ms, not "${text}"`);
  return n;
}

function format(text: string): 'text' | 'json' {
  return oneOf('--format', text, ['text', 'json'] as const);
}

function locatedError(src: JsonSource, node: JsonNode, path: PathElement[], message: string): InputError {
  const { line, column } = locate(src, node, path).span.start;
  const where = path.map((p) => ('key' in p ? `.${p.key}` : 'index' in p ? `[${p.index}]` : '')).join('');
  return new InputError(`${src.file ?? '<input>'}:${line}:${column + 1}: ${message} (at $${where})`);
}

/** `{"actions": [...], "resources": [...]}`, either optional, as AWS's CheckAccessNotGranted takes. */
export function readAccess(text: string, file: string): AccessSpec {
  const src = parseJson(text, file);
  const root = src.root;
  if (root.type !== 'object')
    throw locatedError(src, root, [], 'ACCESS must be a JSON object with "actions" and/or "resources"');
  const out: AccessSpec = {};
  for (const [name, keyNode, value] of members(root)) {
    if (name !== 'actions' && name !== 'resources') {
      throw locatedError(
        src,
        keyNode,
        [{ key: name }],
        `unknown member "${name}": expected "actions" or "resources"`,
      );
    }
    if (value.type !== 'array')
      throw locatedError(src, value, [{ key: name }], `"${name}" must be an array of strings`);
    const list: string[] = [];
    (value.children ?? []).forEach((item, i) => {
      if (item.type !== 'string' || String(item.value).length === 0) {
        throw locatedError(
          src,
          item,
          [{ key: name }, { index: i }],
          `"${name}" entries must be non-empty strings`,
        );
      }
      const text = String(item.value);
      // As in a policy's Resource element: an ARN (wildcards only in its resource part) or "*".
      if (name === 'resources' && text !== '*' && !parseArn(text)?.service) {
        throw locatedError(
          src,
          item,
          [{ key: name }, { index: i }],
          `"${text}" is not an ARN (arn:partition:service:...)`,
        );
      }
      list.push(text);
    });
    out[name] = list;
  }
  if ((out.actions?.length ?? 0) === 0 && (out.resources?.length ?? 0) === 0) {
    throw locatedError(src, root, [], 'ACCESS must list at least one action or resource');
  }
  return out;
}

/** `account:111122223333[,444455556666]` and/or `org:o-abc123`, repeatable. */
export function parseZone(values: string[]): ZoneOfTrust {
  const zone: ZoneOfTrust = { accounts: [] };
  for (const v of values) {
    const m = /^(account|org):(.+)$/.exec(v);
    if (!m) throw new InputError(`--zone-of-trust must be account:ACCOUNT_ID or org:ORG_ID, not "${v}"`);
    if (m[1] === 'account') {
      for (const a of m[2].split(',')) {
        if (!/^\d{12}$/.test(a)) throw new InputError(`--zone-of-trust: "${a}" is not a 12-digit account id`);
        zone.accounts.push(a);
      }
    } else {
      if (!/^o-[a-z0-9]{10,32}$/.test(m[2]))
        throw new InputError(`--zone-of-trust: "${m[2]}" is not an organization id (o-...)`);
      zone.orgId = m[2];
    }
  }
  return zone;
}

/**
 * The exit-code table the lead decided for every command; the proof commands print it in --help.
 * 0 PASS / no finding, 1 FAIL / findings, 2 unusable input or usage, 3 UNKNOWN (not decided).
 */
export const PROOF_EXIT_CODES = `
Exit codes:
  0  PASS (analyze: no external access finding)
  1  FAIL, with a counterexample the evaluator replayed (analyze: findings)
  2  unusable input or usage: unreadable or invalid policy, unknown option or resource type
  3  UNKNOWN: not decided (time limit reached, input too large to decide, solver failure);
     never a PASS`;

function exitFor(result: CheckResult): number {
  return result.result === 'PASS' ? 0 : result.result === 'FAIL' ? 1 : 3;
}

async function finish<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } finally {
    await shutdownSolver();
  }
}

/**
 * Runs a proof whose inputs are read inside `run`: a time limit that runs out while reading them
 * is the check's UNKNOWN answer (exit 3), said the way the reasoner says it.
 */
async function proof(
  command: keyof typeof QUERIES,
  paths: string[],
  run: () => Promise<CheckResult>,
): Promise<CheckResult> {
  try {
    return await finish(run());
  } catch (error) {
    if (!(error instanceof DeadlineExceeded)) throw error;
    return {
      result: 'UNKNOWN',
      message: `The reasoner could not decide this check: ${error.message}. This is not a PASS.`,
      reasons: [],
      unknown: { reason: error.message, query: QUERIES[command], policies: paths.map(fileName) },
    };
  }
}

export function registerReason(program: Command, state: CommandState): void {
  setOptions(
    program
      .command('check-no-new-access')
      .description(
        'prove that a new policy grants nothing the existing policy does not (or show a request it newly allows)',
      )
      .requiredOption('--new-policy <file>', 'the modified policy ("-" for stdin)')
      .requiredOption('--existing-policy <file>', 'the reference policy')
      .requiredOption('--policy-type <type>', POLICY_TYPES.join('|'))
      .option('--resource-type <type>', 'resource type of a resource policy, e.g. AWS::S3::Bucket'),
  )
    .option('--timeout <ms>', TIMEOUT_HELP, '10000')
    .option('--format <format>', 'text or json', 'text')
    .addHelpText('after', PROOF_EXIT_CODES)
    .action(async (o: Record<string, string> & SetFlags) => {
      const fmt = format(o.format);
      // The time limit starts now: reading and parsing the policies count against it too.
      const limit = timeLimit(o.timeout, state);
      resourceType(o.resourceType);
      const type = policyType(o.policyType);
      const paths = [o.newPolicy, o.existingPolicy, ...setPaths(o)];
      const result = await proof('check-no-new-access', paths, () => {
        const newPolicy = readPolicy(o.newPolicy, limit.deadline);
        const existingPolicy = readPolicy(o.existingPolicy, limit.deadline);
        const set = readSet(o, limit.deadline);
        if (set) {
          // Both policies in the same set, in the place their type gives them.
          return checkSetNoNewAccess(
            withPolicy(set, newPolicy, type, fileName(o.newPolicy)),
            withPolicy(set, existingPolicy, type, fileName(o.existingPolicy)),
            { resourceType: o.resourceType, principal: o.principal, ...limit },
          );
        }
        return checkNoNewAccess(newPolicy, existingPolicy, {
          policyType: type,
          resourceType: o.resourceType,
          ...limit,
        });
      });
      writeOut(fmt === 'json' ? renderCheckJson(result) : renderCheckText('check-no-new-access', result));
      state.exitCode = exitFor(result);
    });

  setOptions(
    program
      .command('check-access-not-granted')
      .description(
        'prove that a policy (or a whole policy set) grants none of the listed actions/resources (or show a request it allows)',
      )
      .option('--policy <file>', `the policy ("-" for stdin) ${SET_HELP}`)
      .requiredOption('--access <file>', 'JSON {"actions": [...], "resources": [...]}, either may be omitted')
      .option('--policy-type <type>', `${POLICY_TYPES.join('|')} (required with --policy)`)
      .option('--resource-type <type>', 'resource type of a resource policy'),
  )
    .option('--timeout <ms>', TIMEOUT_HELP, '10000')
    .option('--format <format>', 'text or json', 'text')
    .addHelpText('after', PROOF_EXIT_CODES)
    .action(async (o: Record<string, string> & SetFlags) => {
      const fmt = format(o.format);
      // The time limit starts now: reading and parsing the policies count against it too.
      const limit = timeLimit(o.timeout, state);
      resourceType(o.resourceType);
      if (o.policy === undefined && !hasSet(o))
        throw new InputError("required option '--policy <file>' not specified");
      const type = o.policy === undefined ? undefined : policyType(o.policyType);
      // Read in this order (the policy, ACCESS, then the set) inside the time limit.
      const paths = [...(o.policy ? [o.policy] : []), ...setPaths(o)];
      const result = await proof('check-access-not-granted', paths, () => {
        const policy = o.policy === undefined ? undefined : readPolicy(o.policy, limit.deadline);
        const access = readAccess(readText(o.access), fileName(o.access));
        for (const action of access.actions ?? []) {
          if (expandActionPattern(action).length === 0) {
            writeErr(
              `note: ${fileName(o.access)}: the action ${action} matches no known action, so no policy grants it`,
            );
          }
        }
        const set = readSet(o, limit.deadline);
        if (set) {
          const whole = policy && type ? withPolicy(set, policy, type, fileName(o.policy)) : set;
          return checkSetAccessNotGranted(whole, access, {
            resourceType: o.resourceType,
            principal: o.principal,
            ...limit,
          });
        }
        return checkAccessNotGranted(policy!, access, {
          policyType: type!,
          resourceType: o.resourceType,
          ...limit,
        });
      });
      writeOut(
        fmt === 'json' ? renderCheckJson(result) : renderCheckText('check-access-not-granted', result),
      );
      state.exitCode = exitFor(result);
    });

  setOptions(
    program
      .command('check-no-public-access')
      .description(
        'prove that a resource policy grants no public access (or show a public request it allows)',
      )
      .option('--policy <file>', `the resource policy ("-" for stdin) ${SET_HELP}`)
      .requiredOption(
        '--resource-type <type>',
        'AWS::S3::Bucket, AWS::SQS::Queue, AWS::KMS::Key, AWS::IAM::AssumeRolePolicyDocument, ...',
      ),
  )
    .option('--timeout <ms>', TIMEOUT_HELP, '10000')
    .option('--format <format>', 'text or json', 'text')
    .addHelpText(
      'after',
      `
With a policy set, the resource policy (--policy, else the set's) is checked under the set's RCP
levels; the requester's identity policies, boundary and SCPs are not the resource owner's and are
taken to allow.${PROOF_EXIT_CODES}`,
    )
    .action(async (o: Record<string, string> & SetFlags) => {
      const fmt = format(o.format);
      // The time limit starts now: reading and parsing the policies count against it too.
      const limit = timeLimit(o.timeout, state);
      resourceType(o.resourceType);
      if (o.policy === undefined && !hasSet(o))
        throw new InputError("required option '--policy <file>' not specified");
      if (o.principal !== undefined)
        throw new InputError(
          '--principal does not apply to check-no-public-access: public means anyone outside',
        );
      const paths = [...(o.policy ? [o.policy] : []), ...setPaths(o)];
      const result = await proof('check-no-public-access', paths, () => {
        const policy = o.policy === undefined ? undefined : readPolicy(o.policy, limit.deadline);
        const set = readSet(o, limit.deadline);
        if (set) {
          const whole = policy ? withPolicy(set, policy, 'RESOURCE_POLICY', fileName(o.policy)) : set;
          if (!whole.policies.resource)
            throw new InputError(
              'check-no-public-access: the policy set has no resource policy; give one with --policy',
            );
          return checkSetNoPublicAccess(whole, { resourceType: o.resourceType, ...limit });
        }
        return checkNoPublicAccess(policy!, { resourceType: o.resourceType, ...limit });
      });
      writeOut(fmt === 'json' ? renderCheckJson(result) : renderCheckText('check-no-public-access', result));
      state.exitCode = exitFor(result);
    });

  setOptions(
    program
      .command('analyze')
      .description(
        'external access findings for a resource policy (or the resource of a policy set, RCPs applied), as IAM Access Analyzer reports them, each with a replayed example',
      )
      .option('--policy <file>', `the resource policy ("-" for stdin) ${SET_HELP}`)
      .option('--resource-type <type>', 'resource type, e.g. AWS::S3::Bucket')
      .option('--resource-arn <arn>', 'the resource the policy is attached to')
      .requiredOption(
        '--zone-of-trust <zone>',
        'account:111122223333[,...] and/or org:o-abc123 (repeatable)',
        (v: string, prev: string[]) => [...prev, v],
        [] as string[],
      ),
  )
    .option('--timeout <ms>', TIMEOUT_HELP, '10000')
    .option('--format <format>', 'text or json', 'text')
    .addHelpText(
      'after',
      `
With a policy set, the findings are Access Analyzer's for the resource policy (--policy, else the
set's), which leave RCPs out and say whether one applies (resourceControlPolicyRestriction); each
finding and the resource as a whole also say whether the access survives the resource owner's RCP
levels (effective: ALLOWED with a replayed request, or BLOCKED, proved). The exit code follows the
effective answer. Identity policies, boundaries and SCPs of the set do not govern principals of
other accounts and are not used. --principal limits the external principals considered.${PROOF_EXIT_CODES}`,
    )
    .action(async (o: Record<string, string> & SetFlags & { zoneOfTrust: string[] }) => {
      const fmt = format(o.format);
      // The time limit starts now: reading and parsing the policies count against it too.
      const limit = timeLimit(o.timeout, state);
      resourceType(o.resourceType);
      if (o.zoneOfTrust.length === 0) {
        throw new InputError("required option '--zone-of-trust <zone>' not specified");
      }
      const zone = parseZone(o.zoneOfTrust);
      if (o.resourceArn !== undefined && !parseArn(o.resourceArn)?.service) {
        throw new InputError(`--resource-arn: "${o.resourceArn}" is not an ARN (arn:partition:service:...)`);
      }
      if (o.policy === undefined && !hasSet(o))
        throw new InputError("required option '--policy <file>' not specified");
      const paths = [...(o.policy ? [o.policy] : []), ...setPaths(o)];
      let policy: PolicyDocument | undefined;
      let set: PolicySetScenario | undefined;
      try {
        policy = o.policy === undefined ? undefined : readPolicy(o.policy, limit.deadline);
        set = readSet(o, limit.deadline, true);
      } catch (error) {
        if (!(error instanceof DeadlineExceeded)) throw error;
        const unknown = { reason: error.message, query: QUERIES.analyze, policies: paths.map(fileName) };
        writeOut(
          fmt === 'json'
            ? renderCheckJson({ findings: [], unknown })
            : renderFindingsText({ findings: [], unknown }),
        );
        state.exitCode = 3;
        return;
      }
      const options = {
        resourceType: o.resourceType,
        resourceArn: o.resourceArn,
        zoneOfTrust: zone,
        ...(o.principal !== undefined ? { principal: o.principal } : {}),
        ...limit,
      };
      let result: Awaited<ReturnType<typeof analyzeExternalAccess>>;
      if (set) {
        const whole = policy ? withPolicy(set, policy, 'RESOURCE_POLICY', fileName(o.policy)) : set;
        if (!whole.policies.resource)
          throw new InputError('analyze: the policy set has no resource policy; give one with --policy');
        const p = whole.policies;
        if (p.identity?.length || p.permissionBoundary || p.sessionPolicy || p.scps?.length)
          writeErr(
            "note: analyze: the set's identity policies, boundary, session policy and SCPs govern principals of its own organization, not external ones; they are not used",
          );
        result = await finish(analyzeSetExternalAccess(whole, options));
      } else {
        result = await finish(analyzeExternalAccess(policy!, options));
      }
      writeOut(fmt === 'json' ? renderCheckJson(result) : renderFindingsText(result));
      const found = result.effective ? result.effective.result === 'ALLOWED' : result.findings.length > 0;
      state.exitCode = result.unknown ? 3 : found ? 1 : 0;
    });
}
