#!/usr/bin/env node
// Regenerates the host-function table in README.md from the table in src/host-functions/table.ts.
// Uses the built package (dist/), so run it through `npm run docs`, which builds first.
// test/readme.test.ts fails when the README block is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { updateReadmeTable } from '../dist/index.js';

const path = new URL('../README.md', import.meta.url);
const before = readFileSync(path, 'utf8');
const after = updateReadmeTable(before);
if (after !== before) {
  writeFileSync(path, after);
  console.log('README.md: host-function table updated');
} else {
  console.log('README.md: host-function table already up to date');
}
