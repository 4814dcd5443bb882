/**
 * The import rules of .dependency-cruiser.cjs (no cycles, no upward or sideways imports between
 * rooms), checked through dependency-cruiser's API: its command line refuses Node 20.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseOptions, type IReporterOutput } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const config = createRequire(import.meta.url)('../../.dependency-cruiser.cjs') as {
  forbidden: NonNullable<ICruiseOptions['ruleSet']>['forbidden'];
  options: ICruiseOptions;
};

/** Cruises `paths` from `base` (rules match paths starting `src/`); TypeScript only for the real tree. */
async function check(base: URL, paths: string[], ts: boolean): Promise<IReporterOutput> {
  const cwd = process.cwd();
  process.chdir(fileURLToPath(base));
  try {
    return await cruise(
      paths,
      {
        ...config.options,
        ...(ts ? {} : { tsConfig: undefined, tsPreCompilationDeps: false }),
        validate: true,
        ruleSet: { forbidden: config.forbidden },
        outputType: 'err-long',
      },
      {},
      ts ? { tsConfig: extractTSConfig('tsconfig.json') } : {},
    );
  } finally {
    process.chdir(cwd);
  }
}

describe('imports between rooms (docs/architecture.md)', () => {
  it('src/ has no cycle and no import against the room order', async () => {
    const result = await check(root, ['src'], true);
    expect(result.output).not.toMatch(/error/);
    expect(result.output).toMatch(/no dependency violations found \(\d+ modules/);
    expect(result.exitCode).toBe(0);
  }, 120_000);

  it('the rules catch what they are for', async () => {
    const result = await check(new URL('test/fixtures/architecture/', root), ['src'], false);
    const text = String(result.output);
    for (const rule of [
      'no-circular',
      'catalog-imports-nothing',
      'policy-imports-catalog-only',
      'engines-import-down-only',
      'reason-may-replay-through-evaluate',
      'engines-read-no-files',
      'nothing-imports-the-cli',
    ])
      expect(text, rule).toContain(rule);
  }, 120_000);
});
