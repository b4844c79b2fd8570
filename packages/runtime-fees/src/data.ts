/**
 * Reads the parameter files shipped in `data/` (verbatim copies of nearcore's
 * core/parameters/res/runtime_configs). Paths are resolved relative to this module, so the same
 * code works from `src/` (tests) and from `dist/` (published package).
 */
import { readFileSync } from 'node:fs';
import { ParameterFileError } from './errors.js';

export function readParameterFile(fileName: string): string {
  const url = new URL(`../data/${fileName}`, import.meta.url);
  try {
    return readFileSync(url, 'utf8');
  } catch (err) {
    throw new ParameterFileError(fileName, `cannot read ${url.pathname}: ${(err as Error).message}`);
  }
}
