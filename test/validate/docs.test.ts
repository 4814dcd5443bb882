/**
 * docs/checks.md and the code agree: `grep -r CODE src` finds the check of every issue code the
 * docs name (its module, src/validate/checks/<group>/<code>.ts), or its entry among the codes
 * that cannot have one (src/validate/checks/unimplemented.ts), with the same status.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UNIMPLEMENTED_CODES } from '../../src/validate/checks/unimplemented.js';
import { checkCatalog } from '../../src/validate/index.js';

const docs = readFileSync(new URL('../../docs/checks.md', import.meta.url), 'utf8');
const SRC = new URL('../../src/validate/checks/', import.meta.url);
const kebab = (code: string) => code.toLowerCase().replace(/_/g, '-');

/** Every table row whose first cell names an issue code, and every heading naming one: [code, the line]. */
const rows: Array<[string, string]> = [];
for (const line of docs.split('\n')) {
  const m = /^(?:\| \[?|#+ )`([A-Z][A-Z0-9_]+)`/.exec(line);
  if (m) rows.push([m[1], line]);
}

/** The module files of each group, by name. */
const modules = new Map<string, string>();
for (const group of readdirSync(SRC, { withFileTypes: true }).filter((d) => d.isDirectory()))
  for (const f of readdirSync(new URL(`${group.name}/`, SRC)))
    modules.set(f.replace(/\.ts$/, ''), new URL(`${group.name}/${f}`, SRC).pathname);

describe('docs/checks.md names no code the source does not have', () => {
  it('reads the tables', () => {
    expect(rows.length).toBeGreaterThan(150);
  });
  it('every implemented code in the docs has its check module, and the module names the code', () => {
    const registered = new Set(checkCatalog().map((m) => m.issueCode));
    for (const [code, row] of rows) {
      if (UNIMPLEMENTED_CODES[code]) {
        expect(row, code).toContain(UNIMPLEMENTED_CODES[code]);
        continue;
      }
      expect(registered.has(code), `${code} is in the docs but not in the registry`).toBe(true);
      const file = modules.get(kebab(code));
      expect(file, `${code}: no src/validate/checks/*/${kebab(code)}.ts`).toBeDefined();
      expect(readFileSync(file!, 'utf8')).toContain(`'${code}'`);
    }
  });
  it('every registered code is documented', () => {
    const documented = new Set(rows.map(([code]) => code));
    expect(
      checkCatalog()
        .filter((m) => !documented.has(m.issueCode))
        .map((m) => m.issueCode),
    ).toEqual([]);
  });
});
