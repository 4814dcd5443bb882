#!/usr/bin/env node
import { existsSync } from 'node:fs';

// The bundled CLI (scripts/bundle.mjs, made by `npm run build`) starts in a fraction of the CPU
// time of the separate module files; those serve when only tsc ran.
const bundle = new URL('../dist/bundle/main.js', import.meta.url);
const { main } = await import(existsSync(bundle) ? bundle.href : '../dist/cli/main.js');

process.exitCode = await main(process.argv);
