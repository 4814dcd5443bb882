/**
 * What every SARIF report of leastpriv shares (`validate --format sarif`, `cfn validate --format
 * sarif`): one severity mapping, one rule shape with a help link that fits the rule, and the tool's
 * identity. SARIF 2.1.0: https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 * GitHub code scanning (levels, security-severity):
 * https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
 */
import { createRequire } from 'node:module';
import type { FindingType } from '../validate/types.js';

const pkg = createRequire(import.meta.url)('../../package.json') as {
  version: string;
  homepage: string;
  repository: { url: string };
};

/** The repository on the web (package.json's `repository`), without `git+` and `.git`. */
export const REPOSITORY_URL = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');

/** `tool.driver.informationUri`: the README (package.json's `homepage`). */
export const INFORMATION_URI = pkg.homepage;

/** The version every output and `--version` print: package.json's, nowhere else. */
export const TOOL_VERSION = pkg.version;

/** Where the JSON schema of `.leastprivrc.json` (docs/config-schema.json) is served: its `$id`. */
export const CONFIG_SCHEMA_ID = `${REPOSITORY_URL.replace('https://github.com/', 'https://raw.githubusercontent.com/')}/main/docs/config-schema.json`;

export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/**
 * The level of a finding type. SECURITY_WARNING is `error`: both `validate` (default `--fail-on`)
 * and `cfn` (default blocking types) fail the run on it, so a SARIF consumer gating on errors
 * (GitHub's default for code scanning checks) gates as the exit code does.
 */
export const SARIF_LEVEL: Record<FindingType, 'error' | 'warning' | 'note'> = {
  ERROR: 'error',
  SECURITY_WARNING: 'error',
  WARNING: 'warning',
  SUGGESTION: 'note',
};

/**
 * The level of one result: `error` exactly when the finding fails the run (its type is blocking
 * and nothing demotes it), so a consumer gating on errors agrees with the exit code. A finding
 * that does not fail the run is at most `warning` (a non-blocking ERROR or SECURITY_WARNING, e.g.
 * on a statement SAM generated, is `warning`; SUGGESTION stays `note`). A result's `level`
 * overrides its rule's `defaultConfiguration.level` (SARIF 2.1.0 §3.27.10; GitHub:
 * https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning#result-object).
 */
export function sarifResultLevel(type: FindingType, blocks: boolean): 'error' | 'warning' | 'note' {
  if (blocks) return 'error';
  const level = SARIF_LEVEL[type];
  return level === 'error' ? 'warning' : level;
}

/** GitHub shows security-severity (0-10; 7.0 to 8.9 is "high") for rules tagged "security". */
const SECURITY_SEVERITY: Partial<Record<FindingType, string>> = { SECURITY_WARNING: '7.0' };

/** The page documenting a rule: leastpriv's own (`LP_`) codes in docs/checks.md, others their AWS page. */
export function ruleHelpUri(code: string, learnMoreLink: string | undefined): string {
  if (code.startsWith('LP_')) return `${REPOSITORY_URL}/blob/main/docs/checks.md#${code.toLowerCase()}`;
  return learnMoreLink ?? `${REPOSITORY_URL}/blob/main/docs/cfn.md`;
}

export interface RuleInfo {
  id: string;
  findingType: FindingType;
  title?: string;
  description?: string;
  learnMoreLink?: string;
}

function ruleName(title: string): string {
  return title
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

/** A `reportingDescriptor` for one issue code. */
export function sarifRule(r: RuleInfo): Record<string, unknown> {
  const helpUri = ruleHelpUri(r.id, r.learnMoreLink);
  const title = r.title ?? r.id;
  const description = r.description ?? title;
  const severity = SECURITY_SEVERITY[r.findingType];
  const where = r.id.startsWith('LP_')
    ? "leastpriv's checks"
    : helpUri.includes('access-analyzer-reference-policy-checks')
      ? 'the IAM Access Analyzer policy check reference'
      : 'the documentation';
  return {
    id: r.id,
    name: ruleName(title),
    shortDescription: { text: title },
    fullDescription: { text: description },
    helpUri,
    help: {
      text: `${description} See ${helpUri}`,
      markdown: `${description}\n\n[${title} in ${where}](${helpUri})`,
    },
    defaultConfiguration: { level: SARIF_LEVEL[r.findingType] },
    properties: {
      tags: r.findingType === 'SECURITY_WARNING' ? ['security', 'iam'] : ['iam'],
      ...(severity ? { 'security-severity': severity } : {}),
      findingType: r.findingType,
    },
  };
}

/** The whole log: one run of leastpriv with these rules and results. */
export function sarifLog(
  rules: readonly Record<string, unknown>[],
  results: readonly unknown[],
  version = TOOL_VERSION,
): string {
  return JSON.stringify(
    {
      $schema: SARIF_SCHEMA_URI,
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: { name: 'leastpriv', informationUri: INFORMATION_URI, version, rules },
          },
          results,
        },
      ],
    },
    null,
    2,
  );
}
