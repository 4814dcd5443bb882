/**
 * `leastpriv baseline audit|emit|controls`: the account baseline of seed 001 ("Hydrate an AWS
 * account"), seed 004 (aliases) and the CIS AWS Foundations Benchmark, offline. Exit codes: 0 no
 * FAIL, 1 a control FAILs, 2 unusable input or usage.
 */
import type { Command } from 'commander';
import { EmitError, emitTemplate, TAG_KEYS } from '../baseline/emit.js';
import { type BaselineInput, type BaselineReport, CONTROLS, runBaseline } from '../baseline/index.js';
import {
  engineOracle,
  escalationInput,
  inputFromSnapshot,
  inputFromTemplate,
} from '../pipelines/baseline/index.js';
import { externalAccessFindings, validateExtraction } from '../pipelines/cfn.js';
import { shutdownSolver } from '../reason/index.js';
import { BASELINE_FORMATS, type BaselineFormat, cisLabel, renderBaseline } from '../report/baseline.js';
import { classify, type LocatedCfnFinding } from '../report/cfn.js';
import { TOOL_VERSION } from '../report/sarif.js';
import { readSnapshot } from '../sources/account/index.js';
import { CfnTemplateError, loadTemplate, parseTemplate, Template } from '../sources/cfn/index.js';
import { extractionOptions } from './cfn.js';
import { InputError, oneOf } from './errors.js';
import { readText, writeErr, writeOut } from './io.js';
import type { CommandState } from './state.js';

const EXIT_FAIL = 1;

interface AuditOpts {
  snapshot?: string;
  template?: string;
  format: string;
  account?: string;
  region: string;
  accountId?: string;
  parameters?: string[];
  now?: string;
  only?: string;
}

function parseNow(v: string | undefined): Date | undefined {
  if (v === undefined) return undefined;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new InputError(`--now: "${v}" is not an ISO 8601 date-time`);
  return d;
}

function templateInput(opts: AuditOpts) {
  const file = opts.template!;
  const options = extractionOptions({
    templatePath: [file],
    region: opts.region,
    accountId: opts.accountId,
    parameters: opts.parameters,
  });
  const text = readText(file);
  try {
    const x = parseTemplate(text, options);
    const t = new Template(loadTemplate(text, file), options);
    return inputFromTemplate(t, x, engineOracle);
  } catch (e) {
    if (e instanceof CfnTemplateError) throw new InputError(e.message);
    throw e;
  }
}

function parseTags(list: string | undefined): Partial<Record<(typeof TAG_KEYS)[number], string>> {
  const out: Partial<Record<(typeof TAG_KEYS)[number], string>> = {};
  if (!list) return out;
  for (const part of list.split(',')) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq).trim();
    if (eq <= 0 || !(TAG_KEYS as readonly string[]).includes(key)) {
      throw new InputError(`--tags: expected k=v pairs with k one of ${TAG_KEYS.join(', ')}, got "${part}"`);
    }
    out[key as (typeof TAG_KEYS)[number]] = part.slice(eq + 1);
  }
  return out;
}

export function registerBaseline(program: Command, state: CommandState): void {
  const baseline = program
    .command('baseline')
    .description(
      'audit an account (or a template) against the account baseline every new account needs, and emit the stack that sets it up',
    );

  baseline
    .command('audit')
    .description(
      'decide every baseline control (PASS / FAIL / UNKNOWN) from an account snapshot or a CloudFormation template',
    )
    .option('--snapshot <path>', 'account snapshot directory or bundle (see leastpriv account collect)')
    .option('--template <file>', 'CloudFormation template: what it would create (design time)')
    .option('--format <format>', `output format: ${BASELINE_FORMATS.join(', ')}`, 'text')
    .option('--account <id>', 'the account of a multi-account snapshot to audit (default: the first)')
    .option('--region <region>', 'template: the Region it is deployed to', 'us-east-1')
    .option('--account-id <id>', 'template: the account it is deployed to (default 123456789012)')
    .option('--parameters <KEY=VALUE...>', 'template: parameter values')
    .option('--now <time>', 'the time ages are measured to (ISO 8601; default: now)')
    .option('--only <ids>', 'only these control ids, comma separated')
    .action(async (opts: AuditOpts) => {
      opts.format = oneOf('--format', opts.format, BASELINE_FORMATS);
      if ((opts.snapshot === undefined) === (opts.template === undefined)) {
        throw new InputError('give exactly one of --snapshot PATH or --template FILE');
      }
      const only = opts.only
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      for (const id of only ?? []) {
        if (!CONTROLS.some((c) => c.meta.id === id))
          throw new InputError(`--only: unknown control "${id}" (see leastpriv baseline controls)`);
      }
      const now = parseNow(opts.now);
      let input: BaselineInput;
      if (opts.snapshot !== undefined) {
        const s = readSnapshot(opts.snapshot);
        for (const w of s.warnings) writeErr(`leastpriv: warning: ${w}`);
        if (opts.account !== undefined && !s.accounts.some((a) => a.id === opts.account)) {
          throw new InputError(
            `--account: the snapshot has no account ${opts.account} (it has ${s.accounts.map((a) => a.id).join(', ')})`,
          );
        }
        const account = opts.account ?? s.accounts[0]?.id;
        input = inputFromSnapshot(s, {
          account: opts.account,
          now,
          oracle: engineOracle,
          escalation: escalationInput(s, account),
        });
      } else {
        input = templateInput(opts);
        if (now) input.now = now;
      }
      let report: BaselineReport;
      try {
        report = await runBaseline(input, { only });
      } finally {
        await shutdownSolver();
      }
      writeOut(renderBaseline(report, opts.format as BaselineFormat, TOOL_VERSION));
      state.exitCode = report.summary.FAIL > 0 ? EXIT_FAIL : 0;
    });

  baseline
    .command('emit')
    .description(
      'print a CloudFormation template (YAML) that sets up the baseline; it is validated with the cfn checks first',
    )
    .requiredOption('--profile <name>', 'the plan to emit: hydrate')
    .option('--email <address>', 'e-mail address for the alert topic (else a required parameter)')
    .option('--budget <usd>', 'monthly cost budget in USD (default 10)')
    .option('--tags <k=v,...>', `tag values: ${TAG_KEYS.join(', ')}`)
    .option('--alias <name>', 'account alias to set (seed 004: <org>-<stage>-<purpose>)')
    .option('--regions <list>', 'Regions the roles may use, comma separated (default us-east-1)')
    .action(
      async (opts: {
        profile: string;
        email?: string;
        budget?: string;
        tags?: string;
        alias?: string;
        regions?: string;
      }) => {
        const budget = opts.budget === undefined ? undefined : Number(opts.budget);
        if (opts.budget !== undefined && !/^\d+(\.\d+)?$/.test(opts.budget))
          throw new InputError(`--budget: "${opts.budget}" is not an amount in USD`);
        const regions = opts.regions
          ?.split(',')
          .map((r) => r.trim())
          .filter(Boolean);
        let text: string;
        try {
          text = emitTemplate({
            profile: opts.profile as 'hydrate',
            email: opts.email,
            budget,
            tags: parseTags(opts.tags),
            alias: opts.alias,
            regions,
          });
        } catch (e) {
          if (e instanceof EmitError) throw new InputError(e.message);
          throw e;
        }
        // The template must pass leastpriv's own cfn checks (exit 0 of `cfn validate`) before it is printed.
        const region = regions?.[0] ?? 'us-east-1';
        const options = extractionOptions({
          templatePath: ['<emitted template>'],
          region,
          parameters: opts.email ? undefined : ['AlertEmail=alerts@example.com'],
        });
        const x = parseTemplate(text, options);
        let findings: LocatedCfnFinding[];
        try {
          findings = [...validateExtraction(x), ...(await externalAccessFindings(x))];
        } finally {
          await shutdownSolver();
        }
        const c = classify(findings, { ignore: [], blocking: ['ERROR', 'SECURITY_WARNING'] });
        if (c.blocking.length > 0) {
          writeErr(
            `leastpriv: internal error: the emitted template has blocking findings: ${c.blocking.map((f) => `${f.code} (${f.resourceName})`).join(', ')}`,
          );
          state.exitCode = EXIT_FAIL;
          return;
        }
        writeOut(text);
        state.exitCode = 0;
      },
    );

  baseline
    .command('controls')
    .description('list the controls with their CIS ids and the exports they read')
    .action(() => {
      const lines = CONTROLS.map(
        (c) => `${c.meta.id.padEnd(22)} ${cisLabel(c.meta.cis).padEnd(22)} ${c.meta.title}`,
      );
      writeOut(`${lines.join('\n')}\n`);
      state.exitCode = 0;
    });
}
