import type { Command } from 'commander';
import { AccountIndex, accountGraph, can, diffSnapshots, escalationEach, whoCan } from '../account/index.js';
import type { MatchedStatement } from '../evaluate/index.js';
import type { ContextInput } from '../policy/context.js';
import {
  diffJson,
  diffText,
  escalationJsonWriter,
  escalationTextWriter,
  whoCanJson,
  whoCanText,
} from '../report/account.js';
import { graphDot, graphHtml, graphJson, graphMermaid } from '../report/account-graph.js';
import { renderJson as simulateJson, renderText as simulateText } from '../report/simulate.js';
import {
  type AccountSnapshot,
  collectScript,
  locateInSnapshot,
  readSnapshot,
} from '../sources/account/index.js';
import { InputError, oneOf } from './errors.js';
import { writeErr, writeOut, writeOutRaw } from './io.js';
import { createProgress } from './progress.js';
import type { CommandState } from './state.js';

const collectList = (v: string, prev: string[] = []) => [...prev, v];

/** `--context key=value` (repeat a key for a multivalued key). */
function contextOf(pairs: string[] = []): ContextInput {
  const out: Record<string, string | string[]> = {};
  for (const p of pairs) {
    const i = p.indexOf('=');
    if (i <= 0) throw new InputError(`--context: "${p}" is not key=value`);
    const k = p.slice(0, i);
    const v = p.slice(i + 1);
    const had = out[k];
    out[k] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v];
  }
  return out;
}

function format(value: string, allowed: string[]): string {
  return oneOf('--format', value, allowed);
}

function load(path: string, context: ContextInput): { snapshot: AccountSnapshot; index: AccountIndex } {
  const snapshot = readSnapshot(path);
  for (const w of snapshot.warnings) writeErr(`warning: ${w}`);
  return { snapshot, index: new AccountIndex(snapshot, context) };
}

interface Common {
  snapshot: string;
  context?: string[];
  format: string;
  region: string;
}

export function registerAccount(program: Command, state: CommandState): void {
  const account = program
    .command('account')
    .description(
      'who can do what in an AWS account, and every privilege-escalation path (offline, from AWS CLI exports)',
    );

  account
    .command('collect')
    .description('print the read-only AWS CLI commands that produce a snapshot directory')
    .option('--dir <dir>', 'snapshot directory the commands write', 'snapshot')
    .action((opts: { dir: string }) => {
      writeOut(collectScript(opts.dir));
      state.exitCode = 0;
    });

  account
    .command('who-can')
    .description('every principal the snapshot allows to make a request, with the statements that allow it')
    .requiredOption('--snapshot <path>', 'snapshot directory or bundle file')
    .requiredOption('--action <action>', 'e.g. s3:PutObject')
    .requiredOption('--resource <arn>', 'resource ARN')
    .option('--context <key=value>', 'request context (repeatable)', collectList)
    .option('--resource-account <id>', 'account owning the resource when its ARN has none (S3)')
    .option('--format <format>', 'text or json', 'text')
    .action((opts: Common & { action: string; resource: string; resourceAccount?: string }) => {
      const f = format(opts.format, ['text', 'json']);
      const context = contextOf(opts.context);
      const { snapshot, index } = load(opts.snapshot, {});
      const r = whoCan(index, opts.action, opts.resource, { context, resourceAccount: opts.resourceAccount });
      writeOut(f === 'json' ? whoCanJson(r, snapshot.aliases) : whoCanText(r, snapshot.aliases));
      state.exitCode = 0;
    });

  account
    .command('can')
    .description('the explained decision for one principal of the snapshot, as simulate prints it')
    .requiredOption('--snapshot <path>', 'snapshot directory or bundle file')
    .requiredOption('--principal <arn>', 'user, role, role session or account root ARN')
    .requiredOption('--action <action>', 'e.g. s3:PutObject')
    .requiredOption('--resource <arn>', 'resource ARN')
    .option('--context <key=value>', 'request context (repeatable)', collectList)
    .option('--resource-account <id>', 'account owning the resource when its ARN has none (S3)')
    .option('--format <format>', 'text or json', 'text')
    .action(
      (opts: Common & { principal: string; action: string; resource: string; resourceAccount?: string }) => {
        const f = format(opts.format, ['text', 'json']);
        const context = contextOf(opts.context);
        const { snapshot, index } = load(opts.snapshot, {});
        const r = can(index, opts.principal, opts.action, opts.resource, {
          context,
          resourceAccount: opts.resourceAccount,
        });
        if (!r)
          throw new InputError(
            `--principal: ${opts.principal} is not a user, role or account root of the snapshot`,
          );
        // Explanations point at the snapshot file (line and column), not at the parsed copy.
        const matched = r.result.matchedStatements.map((m): MatchedStatement => {
          const origin = index.origins.get(m.policy);
          const location = origin ? locateInSnapshot(origin, m.location.path) : undefined;
          return origin ? { ...m, file: origin.file, location: location ?? m.location } : m;
        });
        const result = {
          decision: r.result.decision,
          ...(r.result.deniedBy ? { deniedBy: r.result.deniedBy } : {}),
          message: r.result.message,
          matchedStatements: matched,
          missingContextKeys: r.result.missingContextKeys,
        };
        const acct = index.principal(opts.principal)?.account ?? /:(\d{12}):/.exec(opts.principal)?.[1];
        const alias = acct ? snapshot.aliases.get(acct) : undefined;
        const scenario = {
          name: alias ? `account ${acct} (${alias})` : acct ? `account ${acct}` : undefined,
          request: r.request,
          policies: {},
        };
        let out =
          f === 'json' ? simulateJson([result], 'object') : simulateText([scenario], [result], opts.snapshot);
        if (f === 'text') for (const u of r.unknown) out += `  Unknown: ${u}\n`;
        writeOut(out);
        state.exitCode = 0;
      },
    );

  account
    .command('escalation')
    .description(
      'every privilege-escalation path of every principal (or one), each step decided by the evaluator',
    )
    .requiredOption('--snapshot <path>', 'snapshot directory or bundle file')
    .option('--principal <arn>', 'only this start')
    .option(
      '--context <key=value>',
      'request context for every check, e.g. aws:MultiFactorAuthPresent=true',
      collectList,
    )
    .option('--region <region>', 'Region of the probe resources', 'us-east-1')
    .option('--all-reaches', 'list every principal each start reaches, escalating or not')
    .option('--format <format>', 'text or json', 'text')
    .action((opts: Common & { principal?: string; allReaches?: boolean }) => {
      const f = format(opts.format, ['text', 'json']);
      const { snapshot, index } = load(opts.snapshot, contextOf(opts.context));
      if (opts.principal && !index.principal(opts.principal)) {
        throw new InputError(`--principal: ${opts.principal} is not a user or role of the snapshot`);
      }
      const progress = createProgress();
      // Each principal's answer is written as soon as it is known: with --all-reaches a large
      // account's report is gigabytes, more than one string (or the heap) can hold.
      const writer = (f === 'json' ? escalationJsonWriter : escalationTextWriter)(
        snapshot.aliases,
        writeOutRaw,
      );
      try {
        const { notes } = escalationEach(
          index,
          {
            principal: opts.principal,
            region: opts.region,
            allReaches: opts.allReaches,
            progress: (done, total) =>
              progress.update(
                `escalation paths: principal ${(done + 1).toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`,
              ),
          },
          (p) => writer.principal(p),
        );
        writer.end(notes);
      } finally {
        progress.done();
      }
      state.exitCode = 0;
    });

  account
    .command('graph')
    .description('principals and their assume, pass-role, modify and escalation edges')
    .requiredOption('--snapshot <path>', 'snapshot directory or bundle file')
    .option('--context <key=value>', 'request context for every check', collectList)
    .option('--region <region>', 'Region of the probe resources', 'us-east-1')
    .option('--format <format>', 'dot, mermaid, json or html', 'dot')
    .action((opts: Common) => {
      const f = format(opts.format, ['dot', 'mermaid', 'json', 'html']);
      const { snapshot, index } = load(opts.snapshot, contextOf(opts.context));
      const g = accountGraph(index, { region: opts.region });
      const a = snapshot.aliases;
      writeOut(
        f === 'dot'
          ? graphDot(g, a)
          : f === 'mermaid'
            ? graphMermaid(g, a)
            : f === 'json'
              ? graphJson(g, a)
              : graphHtml(g, a),
      );
      state.exitCode = 0;
    });

  account
    .command('diff')
    .description('principals that gained an action or an escalation path between two snapshots')
    .argument('<old>', 'the earlier snapshot')
    .argument('<new>', 'the later snapshot')
    .option('--context <key=value>', 'request context for every check', collectList)
    .option('--region <region>', 'Region of the probe resources', 'us-east-1')
    .option('--format <format>', 'text or json', 'text')
    .action((oldPath: string, newPath: string, opts: Omit<Common, 'snapshot'>) => {
      const f = format(opts.format, ['text', 'json']);
      const context = contextOf(opts.context);
      const before = load(oldPath, context);
      const after = load(newPath, context);
      const d = diffSnapshots(before.index, after.index, { region: opts.region });
      const aliases = new Map([...before.snapshot.aliases, ...after.snapshot.aliases]);
      writeOut(f === 'json' ? diffJson(d) : diffText(d, aliases));
      state.exitCode = 0;
    });
}
