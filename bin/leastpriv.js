#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

// `cfn` runs many small templates once each: V8's optimising compiler (on by default after a
// short warm-up) spends more CPU compiling code that runs a few times than it saves. Eight times
// the default budget (67584) before a function is optimised costs the 120-template corpus about
// a fifth less CPU, and nothing on a 3 MB template (docs/cfn.md "## Speed").
if (process.argv[2] === 'cfn') setFlagsFromString('--interrupt-budget=540672');

// The bundled CLI (scripts/bundle.mjs, made by `npm run build`) starts in a fraction of the CPU
// time of the separate module files; those serve when only tsc ran.
const bundle = new URL('../dist/bundle/main.js', import.meta.url);
const { main } = await import(existsSync(bundle) ? bundle.href : '../dist/cli/main.js');

process.exitCode = await main(process.argv);
