/**
 * Runs every check's case table (test/validate/checks/<group>/<code>.cases.ts), each titled with
 * the check's section of the IAM Access Analyzer policy check reference (the learnMoreLink):
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type CheckMeta, checkCatalog, validatePolicyText } from '../../src/validate/index.js';
import { CHECKS } from '../../src/validate/registry.js';
import type { CheckCases, Doc } from './checks/helpers.js';

const HERE = new URL('./checks/', import.meta.url);
const SRC = new URL('../../src/validate/checks/', import.meta.url);
const kebab = (code: string) => code.toLowerCase().replace(/_/g, '-');

const TABLES: Array<{ group: string; file: string; cases: CheckCases }> = [];
for (const group of readdirSync(HERE, { withFileTypes: true }).filter((d) => d.isDirectory())) {
  for (const file of readdirSync(new URL(`${group.name}/`, HERE)).filter((f) => f.endsWith('.cases.ts'))) {
    const mod = (await import(new URL(`${group.name}/${file}`, HERE).href)) as { default: CheckCases };
    TABLES.push({ group: group.name, file, cases: mod.default });
  }
}

const META = new Map<string, CheckMeta>(checkCatalog().map((m) => [m.issueCode, m]));

/**
 * The message templates of the codes whose modules report only by message id (ESLint's
 * `meta.messages`), as patterns: a `{{name}}` placeholder matches any text.
 */
const TEMPLATES = new Map<string, RegExp[]>();
for (const { group, cases } of TABLES) {
  const src = readFileSync(new URL(`${group}/${kebab(cases.code)}.ts`, SRC), 'utf8');
  if (!src.includes('ctx.report(') || /ctx\.report\(\s*(?!\{)/.test(src)) continue;
  const templates = CHECKS.filter((c) => c.meta.issueCode === cases.code).flatMap((c) =>
    Object.values(c.meta.messages ?? {}),
  );
  TEMPLATES.set(
    cases.code,
    templates.map(
      (t) =>
        new RegExp(
          `^${t
            .split(/\{\{\w+\}\}/)
            .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
            .join('[\\s\\S]*')}$`,
        ),
    ),
  );
}

function text(doc: Doc): string {
  return typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2);
}

function run(c: CheckCases, doc: Doc) {
  const t = text(doc);
  const findings = validatePolicyText(t, { policyType: c.type ?? 'IDENTITY_POLICY', resourceType: c.rt });
  return { t, findings, mine: findings.filter((f) => f.issueCode === c.code) };
}

describe('every check has its module and its case table', () => {
  it('covers each issue code of the registry', () => {
    const tested = new Set(TABLES.map((t) => t.cases.code));
    expect([...META.keys()].filter((k) => !tested.has(k))).toEqual([]);
  });
  it('most checks word their findings through message ids', () => {
    expect(TEMPLATES.size).toBeGreaterThanOrEqual(80);
    for (const [code, templates] of TEMPLATES) expect(templates.length, code).toBeGreaterThan(0);
  });
  it('each table sits beside its check: same group, named after the code', () => {
    for (const { group, file, cases } of TABLES) {
      expect(file).toBe(`${kebab(cases.code)}.cases.ts`);
      const src = new URL(`${group}/${kebab(cases.code)}.ts`, SRC);
      expect(existsSync(src), src.pathname).toBe(true);
      expect(readFileSync(src, 'utf8')).toContain(`'${cases.code}'`);
    }
  });
});

for (const { cases: c } of TABLES) {
  const meta = META.get(c.code);
  describe(`${c.code} (${meta?.learnMoreLink ?? 'unregistered'})`, () => {
    it.each(c.invalid.map((x, i) => [i, x] as const))('invalid #%i: reports the problem, located', (_, x) => {
      expect(meta).toBeDefined();
      const { t, mine } = run(c, x.doc);
      expect(mine.length).toBeGreaterThan(0);
      const f = mine[0];
      expect(f.findingType).toBe(meta!.findingType);
      expect(f.learnMoreLink).toBe(meta!.learnMoreLink);
      const loc = f.locations[0];
      expect(loc.span.start.offset).toBeLessThanOrEqual(loc.span.end.offset);
      expect(loc.span.start.line).toBeGreaterThanOrEqual(1);
      if (x.at !== undefined) expect(t.slice(loc.span.start.offset, loc.span.end.offset)).toBe(x.at);
      if (x.says !== undefined) expect(f.findingDetails).toContain(x.says);
      const templates = TEMPLATES.get(c.code);
      if (templates)
        expect(
          templates.some((t) => t.test(f.findingDetails)),
          f.findingDetails,
        ).toBe(true);
    });
    it.each(c.valid.map((x, i) => [i, x] as const))('valid #%i: stays quiet', (_, x) => {
      expect(run(c, x).mine).toEqual([]);
    });
  });
}
