import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { parseJson } from '../policy/json.js';
import { parsePolicy } from '../policy/parse.js';
import { type FileFindings, renderJson, renderSarif, renderText } from '../report/findings.js';
import { TOOL_VERSION } from '../report/sarif.js';
import { ConfigError, parseConfig, settingsFor, type ValidateConfig } from '../validate/config.js';
import { detectPolicyType } from '../validate/detect.js';
import {
  checkCatalog,
  FINDING_TYPES,
  type FindingType,
  POLICY_TYPES,
  validatePolicy,
} from '../validate/index.js';
import { checkResourceType, InputError, oneOf } from './errors.js';
import { readText, writeNote, writeOut } from './io.js';
import { createProgress } from './progress.js';
import type { CommandState } from './state.js';

interface Options {
  policyType?: string;
  resourceType?: string;
  format: string;
  failOn?: string;
  ignore?: string;
  config?: string;
}

/** Inputs from this size (MB of text) take seconds to parse: the progress line says so at once. */
const LARGE_INPUT_MB = 5;

const DEFAULT_FAIL_ON: FindingType[] = ['ERROR', 'SECURITY_WARNING'];

function list(text: string | undefined): string[] | undefined {
  return text === undefined
    ? undefined
    : text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
}

/** True when a JSON file is a policy document: an object with a Statement member. */
function looksLikePolicy(text: string): boolean {
  try {
    const src = parseJson(text);
    return (
      src.root.type === 'object' &&
      (src.root.children ?? []).some((p) => p.children?.[0]?.value === 'Statement')
    );
  } catch {
    // Unparseable: a policy only if it says so (then its syntax error is worth reporting).
    return /"Statement"\s*:/.test(text);
  }
}

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) walk(p, out);
    else if (name.endsWith('.json')) out.push(p);
  }
}

function loadConfig(path: string | undefined): { config: ValidateConfig; base: string } {
  const file = path ?? (existsSync('.leastprivrc.json') ? '.leastprivrc.json' : undefined);
  if (!file) return { config: { overrides: [] }, base: process.cwd() };
  try {
    return { config: parseConfig(readText(file), file), base: dirname(resolve(file)) };
  } catch (e) {
    if (e instanceof ConfigError) throw new InputError(e.message);
    throw e;
  }
}

export function registerValidate(program: Command, state: CommandState): void {
  program
    .command('validate')
    .description("check IAM policies with IAM Access Analyzer's policy checks, offline")
    .argument('<path...>', 'policy files or folders (every *.json policy below them); "-" for stdin')
    .option('--policy-type <type>', `${POLICY_TYPES.join('|')} (default: detected, else IDENTITY_POLICY)`)
    .option(
      '--resource-type <type>',
      'resource type of a resource policy, e.g. AWS::S3::Bucket or AWS::IAM::AssumeRolePolicyDocument',
    )
    .option('--format <format>', 'text, json or sarif', 'text')
    .option('--fail-on <types>', `finding types that fail the run (default ${DEFAULT_FAIL_ON.join(',')})`)
    .option('--ignore <codes>', 'issue codes to leave out, comma-separated')
    .option('--config <file>', 'configuration file (default: ./.leastprivrc.json when present)')
    .hook('preAction', () => {
      state.usageExitCode = 2;
    })
    .action((paths: string[], opts: Options) => {
      const format = oneOf('--format', opts.format, ['text', 'json', 'sarif'] as const);
      const policyTypeFlag =
        opts.policyType === undefined ? undefined : oneOf('--policy-type', opts.policyType, POLICY_TYPES);
      checkResourceType(opts.resourceType);
      const { config, base } = loadConfig(opts.config);
      const failOn =
        list(opts.failOn)?.map((t) => oneOf('--fail-on', t, FINDING_TYPES)) ??
        config.failOn ??
        DEFAULT_FAIL_ON;
      const known = new Set(checkCatalog().map((m) => m.issueCode));
      // Issue codes are upper case; cfn's --ignore-finding compares them ignoring case, and so does this.
      const cliIgnore = (list(opts.ignore) ?? []).map((c) => c.toUpperCase());
      for (const code of [...cliIgnore, ...(config.ignore ?? [])]) {
        if (!known.has(code))
          throw new InputError(`unknown issue code "${code}" in ignore list (see docs/checks.md)`);
      }

      // Expand the paths: files as given, folders to the policy documents below them.
      const files: { path: string; explicit: boolean }[] = [];
      for (const p of paths) {
        if (p === '-') {
          files.push({ path: p, explicit: true });
          continue;
        }
        if (!existsSync(p)) throw new InputError(`${p}: no such file or directory`);
        if (statSync(p).isDirectory()) {
          const found: string[] = [];
          walk(p, found);
          for (const f of found) files.push({ path: f, explicit: false });
        } else files.push({ path: p, explicit: true });
      }

      const results: FileFindings[] = [];
      let unusable = false;
      const progress = createProgress();
      try {
        for (const [n, { path, explicit }] of files.entries()) {
          const display = path === '-' ? '<stdin>' : path;
          const of = files.length > 1 ? ` (file ${n + 1} of ${files.length})` : '';
          progress.update(`reading ${display}${of}`);
          const text = readText(path);
          // Parsing is one synchronous step: announce it when the input is large enough to take seconds.
          const mb = text.length / 1e6;
          progress.update(`parsing ${display}${of}: ${mb.toFixed(1)} MB`, mb >= LARGE_INPUT_MB);
          if (!explicit && !looksLikePolicy(text)) {
            progress.done();
            writeNote(`skipped ${display}: not a policy document`);
            continue;
          }
          const rel = path === '-' ? '-' : relative(base, resolve(path)).replace(/\\/g, '/');
          const settings = settingsFor(config, rel);
          const { policy, issues } = parsePolicy(text, { file: display });
          // Invalid JSON or JSON that is no policy object (null, [], "hello"): unusable input.
          if (!policy) unusable = true;
          const policyType = policyTypeFlag ?? settings.policyType;
          const options = policyType
            ? { policyType, resourceType: opts.resourceType ?? settings.resourceType }
            : opts.resourceType || settings.resourceType
              ? {
                  policyType: 'RESOURCE_POLICY' as const,
                  resourceType: opts.resourceType ?? settings.resourceType,
                }
              : detectPolicyType(policy);
          const ignore = new Set([...cliIgnore, ...settings.ignore]);
          const statements = policy?.statements.length ?? 0;
          const findings = validatePolicy(policy, issues, options, (done, total) =>
            progress.update(
              `checking ${display}${of}: ${statements.toLocaleString('en-US')} statements, check ${done + 1} of ${total}`,
            ),
          ).filter((f) => !ignore.has(f.issueCode));
          results.push({
            file: display,
            policyType: options.policyType,
            resourceType: options.resourceType,
            findings,
          });
        }
      } finally {
        // Erased on every way out, so that no message is written behind it.
        progress.done();
      }
      if (results.length === 0) {
        // A folder with no policy in it is almost always a wrong path: passing would hide it.
        throw new InputError(`no policy documents found in ${paths.join(', ')}`);
      }
      if (format === 'json') writeOut(renderJson(results));
      else if (format === 'sarif')
        writeOut(
          renderSarif(results, {
            toolVersion: TOOL_VERSION,
            rules: checkCatalog(),
            baseDir: process.cwd(),
            failOn,
          }),
        );
      else writeOut(renderText(results, { color: process.stdout.isTTY === true && !process.env.NO_COLOR }));

      const failing = results.some((r) => r.findings.some((f) => failOn.includes(f.findingType)));
      state.exitCode = unusable ? 2 : failing ? 1 : 0;
    });
}
