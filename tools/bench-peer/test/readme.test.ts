// Runs the README's API example as written (imports the package by its own name).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it, vi } from 'vitest';

it('the README example prints the value and the state it documents', async () => {
  const root = join(import.meta.dirname, '..');
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const example = /```js\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(example).toBeDefined();
  const file = join(root, `.readme-example-${process.pid}.mjs`); // inside the package: self-import resolves
  writeFileSync(file, example!);
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    await import(pathToFileURL(file).href);
    expect(log.mock.calls).toEqual([['"42"'], [{ 'bmFtZQ==': 'NDI=' }]]);
  } finally {
    log.mockRestore();
    rmSync(file, { force: true });
  }
});
