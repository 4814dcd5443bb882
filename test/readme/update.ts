/** Rewrites the outputs of the README's examples: `node --import tsx test/readme/update.ts`. */
import { readFileSync, writeFileSync } from 'node:fs';
import { refresh } from './blocks.js';

const path = new URL('../../README.md', import.meta.url);
const before = readFileSync(path, 'utf8');
const after = await refresh(before);
writeFileSync(path, after);
console.log(before === after ? 'README.md examples were current' : 'README.md examples updated');
