/**
 * The CI integrations shipped at the repository root run what they say: the GitHub Action's
 * steps (action.yml) and the pre-commit hooks (.pre-commit-hooks.yaml), executed here with the
 * built CLI in place of the npm package. GitHub composite actions:
 * https://docs.github.com/en/actions/sharing-automations/creating-actions/creating-a-composite-action ;
 * pre-commit hooks: https://pre-commit.com/#new-hooks (the files a commit touches are appended to `entry`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const CLI = `${process.execPath} bin/leastpriv.js`;
const dir = mkdtempSync(join(tmpdir(), 'leastpriv-ci-'));

interface Step {
  id?: string;
  run?: string;
  env?: Record<string, string>;
}
const action = parse(readFileSync('action.yml', 'utf8')) as {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; steps: Step[] };
};
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

/** Runs a step's script with bash, the npm package call replaced by the built CLI. */
function runStep(step: Step, env: Record<string, string>) {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: ${LP_VERSION} is the script's shell variable
  const npx = 'npx --yes "leastpriv@${LP_VERSION}"';
  expect(step.run).toContain(npx);
  return spawnSync('bash', ['-c', step.run!.replace(npx, CLI)], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
}

describe('action.yml (composite GitHub Action)', () => {
  it('installs the version package.json declares', () => {
    expect(action.runs.using).toBe('composite');
    expect(action.inputs.version.default).toBe(pkg.version);
  });

  it.each([
    ['examples/cfn/blog-example.json', '2'],
    ['examples/cfn/sam-app.yaml', '0'],
  ])(
    'cfn validate on %s: SARIF written, exit code %s passed on, the last step fails only on non-zero',
    (template, code) => {
      const run = action.runs.steps.find((s) => s.id === 'run')!;
      const sarif = join(dir, `${code}.sarif`);
      const output = join(dir, `${code}.out`);
      writeFileSync(output, '');
      const r = runStep(run, {
        LP_COMMAND: action.inputs.command.default!,
        LP_ARGS: `--template-path ${template} --region us-east-1 --skip-external-access`,
        LP_VERSION: pkg.version,
        LP_SARIF: sarif,
        GITHUB_OUTPUT: output,
      });
      expect(r.status).toBe(0); // the step itself never fails: the SARIF upload comes first
      expect(readFileSync(output, 'utf8')).toBe(`exit-code=${code}\n`);
      const report = JSON.parse(readFileSync(sarif, 'utf8'));
      expect(report.version).toBe('2.1.0');
      expect(Array.isArray(report.runs[0].results)).toBe(true);
      if (code !== '0') expect(report.runs[0].results.length).toBeGreaterThan(0);
      const last = action.runs.steps.at(-1)!;
      const gate = spawnSync('bash', ['-c', last.run!], {
        env: { ...process.env, LP_CODE: code },
        encoding: 'utf8',
      });
      expect(String(gate.status)).toBe(code);
    },
  );
});

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parse(readFileSync('.pre-commit-hooks.yaml', 'utf8')) as Array<{
    id: string;
    entry: string;
    files: string;
  }>;
  const hook = (id: string) => hooks.find((h) => h.id === id)!;
  const commit = (id: string, files: string[]) => {
    const h = hook(id);
    for (const f of files) expect(f).toMatch(new RegExp(h.files));
    const [bin, ...args] = h.entry.split(' ');
    expect(bin).toBe('leastpriv');
    return spawnSync(process.execPath, ['bin/leastpriv.js', ...args, ...files], { encoding: 'utf8' }).status;
  };

  it('leastpriv-cfn passes clean templates and blocks a commit with a blocking finding (several files at once)', () => {
    expect(commit('leastpriv-cfn', ['examples/cfn/sam-app.yaml'])).toBe(0);
    expect(commit('leastpriv-cfn', ['examples/cfn/sam-app.yaml', 'examples/cfn/blog-example.json'])).toBe(2);
  });

  it('leastpriv-validate passes clean policies and blocks a policy with findings', () => {
    expect(
      commit('leastpriv-validate', [
        'examples/policies/sqs-queue-policy.json',
        'examples/policies/ci-deployer-identity-v2.json',
      ]),
    ).toBe(0);
    expect(
      commit('leastpriv-validate', [
        'examples/policies/sqs-queue-policy.json',
        'examples/policies/no-iam-write.json',
      ]),
    ).toBe(1);
  });
});
