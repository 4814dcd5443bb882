/**
 * The SARIF of `validate` and `cfn validate` conforms to the SARIF 2.1.0 JSON schema (OASIS,
 * bundled in test/fixtures/sarif with its notice), maps finding types to levels the same way in
 * both commands, and links every rule to the page that documents it.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import {
  CONFIG_SCHEMA_ID,
  INFORMATION_URI,
  REPOSITORY_URL,
  ruleHelpUri,
  sarifRule,
} from '../../src/report/sarif.js';
import { checkCatalog } from '../../src/validate/index.js';
import { captureOutput } from '../helpers/output.js';

const io = captureOutput();
const run = (...args: string[]) => main(['node', 'leastpriv', ...args]);

interface Rule {
  id: string;
  helpUri: string;
  defaultConfiguration: { level: string };
  properties: { findingType: string; tags: string[]; 'security-severity'?: string };
}
interface Loc {
  physicalLocation: { region: { startLine: number } };
}
interface Sarif {
  runs: Array<{
    tool: { driver: { informationUri: string; rules: Rule[] } };
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      locations: Loc[];
      relatedLocations?: Loc[];
    }>;
  }>;
}

function schemaValidator(): ValidateFunction {
  const schema = JSON.parse(readFileSync('test/fixtures/sarif/sarif-schema-2.1.0.json', 'utf8'));
  // The schema is draft-04; Ajv speaks draft-07. The two differ in `id`/`$id` (used only at the
  // top here) and boolean exclusiveMinimum/Maximum (not used): check that, then drop `$schema`.
  expect(JSON.stringify(schema)).not.toMatch(/"exclusive(Minimum|Maximum)"\s*:\s*(true|false)/);
  delete schema.$schema;
  delete schema.id;
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///base/'));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  return ajv.compile(schema);
}
const validateSarif = schemaValidator();

function expectValidSarif(text: string): Sarif {
  const sarif = JSON.parse(text);
  const ok = validateSarif(sarif);
  expect(validateSarif.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
  return sarif;
}

const CFN = ['cfn', 'validate', '--template-path', 'examples/cfn/blog-example.json', '--region', 'us-east-1'];

// The cfn run takes seconds (the external-access proofs): run it once for every test here.
let cfnRun: Promise<{ code: number; out: string }> | undefined;
function cfnSarif(): Promise<{ code: number; out: string }> {
  cfnRun ??= (async () => {
    const before = io.out.length;
    const code = await run(...CFN, '--format', 'sarif');
    const out = io.out.slice(before);
    io.out = io.out.slice(0, before);
    return { code, out };
  })();
  return cfnRun;
}

describe('SARIF output conforms to the SARIF 2.1.0 schema', () => {
  it('the schema catches a broken log (the check can fail)', () => {
    expect(validateSarif({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
    expect(
      validateSarif({
        version: '2.1.0',
        runs: [{ tool: { driver: { name: 'x' } }, results: [{ level: 'severe', message: { text: 'm' } }] }],
      }),
    ).toBe(false);
  });

  it('validate', async () => {
    expect(await run('validate', 'examples/policies', '--format', 'sarif')).toBe(1);
    const sarif = expectValidSarif(io.out);
    expect(sarif.runs[0].results.length).toBeGreaterThan(3);
  });

  it('validate, with a finding that has two locations (a duplicate key)', async () => {
    expect(await run('validate', 'test/fixtures/sarif/duplicate-key.json', '--format', 'sarif')).toBe(1);
    const sarif = expectValidSarif(io.out);
    const r = sarif.runs[0].results.find((x) => x.ruleId === 'LP_DUPLICATE_KEY')!;
    expect(r.locations).toHaveLength(1);
    expect(r.relatedLocations![0].physicalLocation.region.startLine).toBeLessThan(
      r.locations[0].physicalLocation.region.startLine,
    );
  });

  it('cfn validate', async () => {
    const { code, out } = await cfnSarif();
    expect(code).toBe(2);
    const sarif = expectValidSarif(out);
    expect(sarif.runs[0].results.length).toBeGreaterThan(0);
  });
});

describe('one severity mapping for both commands', () => {
  const EXPECTED: Record<string, string> = {
    ERROR: 'error',
    SECURITY_WARNING: 'error',
    WARNING: 'warning',
    SUGGESTION: 'note',
  };

  function levels(sarif: Sarif): Map<string, string> {
    const out = new Map<string, string>();
    const { rules } = sarif.runs[0].tool.driver;
    for (const r of sarif.runs[0].results) {
      const rule = rules[r.ruleIndex];
      expect(rule.id).toBe(r.ruleId);
      const type = rule.properties.findingType;
      expect(r.level).toBe(EXPECTED[type]);
      expect(rule.defaultConfiguration.level).toBe(EXPECTED[type]);
      out.set(type, r.level);
    }
    return out;
  }

  it('validate and cfn validate give each finding type the same level', async () => {
    await run('validate', 'examples/policies', '--format', 'sarif');
    const v = levels(JSON.parse(io.out));
    const c = levels(JSON.parse((await cfnSarif()).out));
    // both runs include security warnings, which used to differ (warning vs error)
    expect(v.get('SECURITY_WARNING')).toBe('error');
    expect(c.get('SECURITY_WARNING')).toBe('error');
  });

  it('security warnings carry GitHub security-severity and the security tag in both', async () => {
    const rule = (JSON.parse((await cfnSarif()).out) as Sarif).runs[0].tool.driver.rules.find(
      (r) => r.properties.findingType === 'SECURITY_WARNING',
    )!;
    expect(rule.properties['security-severity']).toBe('7.0');
    expect(rule.properties.tags).toContain('security');
  });
});

describe('a result is `error` exactly when it fails the run', () => {
  // The result level overrides the rule's default (GitHub's SARIF support, result object:
  // https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning#result-object),
  // and code scanning fails a check on `error`: a finding the exit code lets through must not.
  const SAM = ['cfn', 'validate', '--template-path', 'examples/cfn/sam-app.yaml', '--region', 'us-east-1'];
  type Result = Sarif['runs'][0]['results'][0] & {
    properties: { findingType: string; blocking: boolean; origin?: string };
  };
  async function cfnResults(...extra: string[]): Promise<{ code: number; results: Result[] }> {
    const before = io.out.length;
    const code = await run(...SAM, '--format', 'sarif', ...extra);
    const out = io.out.slice(before);
    io.out = io.out.slice(0, before);
    return { code, results: expectValidSarif(out).runs[0].results as Result[] };
  }

  it('SAM-generated errors do not block and are warnings, with their origin', async () => {
    const { code, results } = await cfnResults();
    expect(code).toBe(0);
    const invalid = results.filter((r) => r.ruleId === 'INVALID_ACTION');
    // SQSPollerPolicy's sqs:ChangeMessageVisibilityBatch and sqs:DeleteMessageBatch
    expect(invalid).toHaveLength(2);
    for (const r of invalid) {
      expect(r.properties.findingType).toBe('ERROR');
      expect(r.properties.blocking).toBe(false);
      expect(r.properties.origin).toBe('SAM policy template SQSPollerPolicy');
      expect(r.level).toBe('warning');
    }
    expect(results.filter((r) => r.level === 'error')).toEqual([]);
  });

  it('with --block-sam-generated the same findings block (exit 2) and are errors', async () => {
    const { code, results } = await cfnResults('--block-sam-generated');
    expect(code).toBe(2);
    const invalid = results.filter((r) => r.ruleId === 'INVALID_ACTION');
    expect(invalid.map((r) => [r.level, r.properties.blocking])).toEqual([
      ['error', true],
      ['error', true],
    ]);
    for (const r of results) expect(r.level === 'error').toBe(r.properties.blocking);
  });

  it('a blocking WARNING (--treat-finding-type-as-blocking WARNING) is an error', async () => {
    const { code, results } = await cfnResults('--treat-finding-type-as-blocking', 'WARNING', '--strict');
    expect(code).toBe(2);
    const warnings = results.filter((r) => r.properties.findingType === 'WARNING');
    expect(warnings.some((r) => r.properties.blocking)).toBe(true);
    for (const r of results) expect(r.level === 'error').toBe(r.properties.blocking);
    // SAM-generated ones (other than UNRESOLVED, a value the user must pass) stay non-blocking: warnings
    const generated = warnings.filter((r) => r.properties.origin && r.ruleId !== 'UNRESOLVED');
    expect(generated.map((r) => r.ruleId)).toContain('MISSING_VERSION');
    expect(generated.length).toBeGreaterThan(0);
    for (const r of generated) expect(r.level).toBe('warning');
  });

  it('cfn check-*: with --treat-findings-as-non-blocking the same finding is a warning and the run passes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lp-sarif-'));
    const tpl = join(dir, 'public.yaml');
    writeFileSync(
      tpl,
      'Transform: AWS::Serverless-2016-10-31\nResources:\n  Web:\n    Type: AWS::Serverless::Function\n    Properties: { Runtime: python3.12, Handler: a.b, CodeUri: ., FunctionUrlConfig: { AuthType: NONE } }\n',
    );
    const check = async (...extra: string[]) => {
      const before = io.out.length;
      const code = await run(
        'cfn',
        'check-no-public-access',
        '--template-path',
        tpl,
        '--region',
        'us-east-1',
        '--format',
        'sarif',
        ...extra,
      );
      const out = io.out.slice(before);
      io.out = io.out.slice(0, before);
      return { code, levels: expectValidSarif(out).runs[0].results.map((r) => r.level) };
    };
    const blocking = await check();
    expect(blocking.code).toBe(2);
    expect(blocking.levels.length).toBeGreaterThan(0);
    expect(new Set(blocking.levels)).toEqual(new Set(['error']));
    const relaxed = await check('--treat-findings-as-non-blocking');
    expect(relaxed.code).toBe(0);
    expect(relaxed.levels.length).toBe(blocking.levels.length);
    expect(new Set(relaxed.levels)).toEqual(new Set(['warning']));
  }, 60_000);

  it('validate: a type not in --fail-on is at most a warning', async () => {
    expect(await run('validate', 'examples/policies', '--format', 'sarif', '--fail-on', 'ERROR')).toBe(1);
    const sarif = expectValidSarif(io.out);
    const { rules } = sarif.runs[0].tool.driver;
    const byType = new Map<string, Set<string>>();
    for (const r of sarif.runs[0].results) {
      const type = rules[r.ruleIndex].properties.findingType;
      byType.set(type, (byType.get(type) ?? new Set()).add(r.level));
    }
    expect([...(byType.get('SECURITY_WARNING') ?? [])]).toEqual(['warning']);
    expect([...(byType.get('ERROR') ?? [])]).toEqual(['error']);
    // the rule's default stays the finding type's level
    const sw = rules.find((r) => r.properties.findingType === 'SECURITY_WARNING')!;
    expect(sw.defaultConfiguration.level).toBe('error');
  });
});

describe('help links and tool identity', () => {
  const checksDoc = readFileSync('docs/checks.md', 'utf8');
  // GitHub's heading anchors: lower case, punctuation other than - and _ dropped, spaces to -.
  const anchors = new Set(
    [...checksDoc.matchAll(/^#+ (.*)$/gm)].map((m) =>
      m[1]
        .toLowerCase()
        .replace(/[^\w\- ]/g, '')
        .replace(/ /g, '-'),
    ),
  );

  it("every leastpriv (LP_) rule links to its heading in this repository's docs/checks.md", () => {
    const lp = checkCatalog().filter((m) => m.issueCode.startsWith('LP_'));
    expect(lp.length).toBeGreaterThanOrEqual(7);
    for (const m of lp) {
      const uri = ruleHelpUri(m.issueCode, m.learnMoreLink);
      expect(uri).toBe(`${REPOSITORY_URL}/blob/main/docs/checks.md#${m.issueCode.toLowerCase()}`);
      expect(anchors).toContain(m.issueCode.toLowerCase());
    }
  });

  it("every Access Analyzer rule links to its section of AWS's policy check reference", () => {
    for (const m of checkCatalog().filter((x) => !x.issueCode.startsWith('LP_'))) {
      const uri = sarifRule({ id: m.issueCode, ...m }).helpUri as string;
      expect(uri).toMatch(
        /^https:\/\/docs\.aws\.amazon\.com\/(IAM\/latest\/UserGuide\/access-analyzer-reference-policy-checks\.html#access-analyzer-reference-policy-checks-(error|security-warning|general-warning|suggestion)-[a-z0-9-]+|service-authorization\/)/,
      );
    }
  });

  it('a cfn-only code (no Access Analyzer page) links to docs/cfn.md, which exists', () => {
    expect(ruleHelpUri('EXTERNAL_PRINCIPAL', undefined)).toBe(`${REPOSITORY_URL}/blob/main/docs/cfn.md`);
    expect(readFileSync('docs/cfn.md', 'utf8').length).toBeGreaterThan(0);
  });

  it("informationUri is the README of package.json's repository, in both commands", async () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(INFORMATION_URI).toBe(pkg.homepage);
    expect(pkg.homepage.startsWith(`${REPOSITORY_URL}#`)).toBe(true);
    await run('validate', 'examples/policies/ci-deployer-identity.json', '--format', 'sarif');
    expect((JSON.parse(io.out) as Sarif).runs[0].tool.driver.informationUri).toBe(pkg.homepage);
    expect((JSON.parse((await cfnSarif()).out) as Sarif).runs[0].tool.driver.informationUri).toBe(
      pkg.homepage,
    );
  });
});

describe('version and homepage come from package.json only', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string; homepage: string };

  it('`leastpriv --version` and the SARIF of validate, cfn validate and baseline audit print its version', async () => {
    expect(await run('--version')).toBe(0);
    expect(io.out.trim()).toBe(pkg.version);
    io.out = '';
    await run('validate', 'examples/policies/ci-deployer-identity.json', '--format', 'sarif');
    expect(JSON.parse(io.out).runs[0].tool.driver.version).toBe(pkg.version);
    expect(JSON.parse((await cfnSarif()).out).runs[0].tool.driver.version).toBe(pkg.version);
  });

  it('baseline audit SARIF conforms to the schema and names the same tool', async () => {
    await run('baseline', 'audit', '--template', 'examples/baseline/hydrate.yaml', '--format', 'sarif');
    const driver = expectValidSarif(io.out).runs[0].tool.driver as {
      informationUri: string;
      version?: string;
    };
    expect(driver.informationUri).toBe(pkg.homepage);
    expect(driver.version).toBe(pkg.version);
  });

  it("docs/config-schema.json's $id is served from package.json's repository", () => {
    const schema = JSON.parse(readFileSync('docs/config-schema.json', 'utf8'));
    expect(schema.$id).toBe(CONFIG_SCHEMA_ID);
    expect(CONFIG_SCHEMA_ID).toBe(
      `${REPOSITORY_URL.replace('https://github.com/', 'https://raw.githubusercontent.com/')}/main/docs/config-schema.json`,
    );
  });

  it('no source file spells the version or the homepage itself', () => {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const n of readdirSync(d)) {
        const p = join(d, n);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts')) files.push(p);
      }
    };
    walk('src');
    expect(files.length).toBeGreaterThan(50);
    const spelled = files.filter((f) => {
      const text = readFileSync(f, 'utf8');
      return (
        text.includes(`'${pkg.version}'`) ||
        text.includes(`'${REPOSITORY_URL}'`) ||
        text.includes(`'${pkg.homepage}'`)
      );
    });
    expect(spelled).toEqual([]);
  });
});
