#!/usr/bin/env node
import { statSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

// `cfn` runs many small templates once each: V8's optimising compiler (on by default after a
// short warm-up) spends more CPU compiling code that runs a few times than it saves. Eight times
// the default budget (67584) before a function is optimised costs the 120-template corpus about
// a fifth less CPU, and nothing on a 3 MB template (docs/cfn.md "## Speed").
if (process.argv[2] === 'cfn') setFlagsFromString('--interrupt-budget=540672');

// The bundled CLI (scripts/bundle.mjs, made by `npm run build`) starts in a fraction of the CPU
// time of the separate module files. Those serve when only tsc ran: when there is no bundle, or
// when tsc wrote the modules after the bundle was made (it would run the code before the edit).
const bundle = new URL('../dist/bundle/main.js', import.meta.url);
const modules = new URL('../dist/cli/main.js', import.meta.url);
const mtime = (url) => statSync(url, { throwIfNoEntry: false })?.mtimeMs;
const bundled = mtime(bundle);
const { main } = await import(
  bundled !== undefined && bundled >= (mtime(modules) ?? 0) ? bundle.href : modules.href
);

process.exitCode = await main(process.argv);
