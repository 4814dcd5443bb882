/**
 * The rooms under src/ and what each may import (docs/architecture.md explains them).
 * Dependencies point down this list, never up and never sideways between engines, except
 * reason -> evaluate (counterexample replay) and account -> evaluate (its batch path):
 *
 *   catalog  <-  policy  <-  engines (evaluate, validate, reason, account, generate, baseline)
 *            <-  sources, report, pipelines  <-  cli (and src/index.ts, the library's API)
 *
 * Rules match folders by pattern, so they hold for rooms that do not exist yet.
 * Checked by test/architecture/imports.test.ts (part of `npm test`).
 */
const ENGINES = 'evaluate|validate|reason|account|generate|baseline';
const inSrc = (rooms) => ({ path: '^src/', pathNot: `^src/(${rooms})/` });

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import cycle is a design bug: move the shared piece into a leaf module.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'catalog-imports-nothing',
      comment: 'catalog/ is the floor: service reference lookups and resource-type records only.',
      severity: 'error',
      from: { path: '^src/catalog/' },
      to: inSrc('catalog'),
    },
    {
      name: 'policy-imports-catalog-only',
      severity: 'error',
      from: { path: '^src/policy/' },
      to: inSrc('policy|catalog'),
    },
    {
      name: 'engines-import-down-only',
      comment:
        'An engine uses policy/ and catalog/, never another engine (exceptions below) nor a reader: the types an engine takes belong to the engine (or policy/), and the reader in sources/ imports them.',
      severity: 'error',
      from: { path: '^src/(evaluate|validate|generate|baseline)/' },
      to: inSrc('$1|policy|catalog'),
    },
    {
      name: 'reason-may-replay-through-evaluate',
      severity: 'error',
      from: { path: '^src/reason/' },
      to: inSrc('reason|evaluate|policy|catalog'),
    },
    {
      name: 'account-runs-on-evaluate',
      comment:
        'account/ may use the evaluator; the snapshot types it takes belong to account/ (or policy/), and sources/account imports them.',
      severity: 'error',
      from: { path: '^src/account/' },
      to: inSrc('account|evaluate|policy|catalog'),
    },
    {
      name: 'engines-read-no-files',
      comment: 'Engines read no files and print nothing: readers live in sources/, output in report/.',
      severity: 'error',
      from: { path: `^src/(${ENGINES})/` },
      to: { dependencyTypes: ['core'], path: '^(node:)?(fs|fs/promises|readline|child_process)$' },
    },
    {
      name: 'sources-read-into-the-model',
      comment: 'Readers produce policy-model (and engine input) values; they do not render or run pipelines.',
      severity: 'error',
      from: { path: '^src/sources/' },
      to: inSrc(`sources|${ENGINES}|policy|catalog`),
    },
    {
      name: 'report-renders-results',
      severity: 'error',
      from: { path: '^src/report/' },
      to: inSrc(`report|sources|${ENGINES}|policy|catalog`),
    },
    {
      name: 'pipelines-combine-readers-and-engines',
      severity: 'error',
      from: { path: '^src/pipelines/' },
      to: inSrc(`pipelines|report|sources|${ENGINES}|policy|catalog`),
    },
    {
      name: 'nothing-imports-the-cli',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'nothing-imports-the-public-api',
      comment: 'src/index.ts is the library API for users; inside src/, import the room itself.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^src/index\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
