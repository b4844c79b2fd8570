/**
 * The conformance vectors the vm-runner tests check: nearcore's public set (shared/conformance,
 * copied into test/prepare/vectors) plus every file under test/conformance/mined/ — further cases
 * we extracted from nearcore's own test sources in the same format (each file says where from).
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface VectorFile<Case, PrepareCase> {
  readonly cases: Case[];
  readonly prepare_cases: PrepareCase[];
  readonly param_values_used: Record<string, number>;
}

const PUBLIC = new URL('../prepare/vectors/vm-vectors.public.json', import.meta.url);
const MINED = new URL('./mined/', import.meta.url);

function read(url: URL): Partial<VectorFile<unknown, unknown>> {
  return JSON.parse(readFileSync(url, 'utf8')) as Partial<VectorFile<unknown, unknown>>;
}

/** Public vectors first, then mined files in name order; ids must be unique across all of them. */
export function loadVectors<Case extends { id: string }, PrepareCase extends { id: string }>(): VectorFile<Case, PrepareCase> {
  const pub = read(PUBLIC) as VectorFile<Case, PrepareCase>;
  const cases = [...pub.cases];
  const prepareCases = [...pub.prepare_cases];
  const mined = readdirSync(MINED).filter((name) => name.endsWith('.json')).sort();
  for (const name of mined) {
    const file = read(new URL(name, MINED)) as Partial<VectorFile<Case, PrepareCase>>;
    cases.push(...(file.cases ?? []));
    prepareCases.push(...(file.prepare_cases ?? []));
  }
  const ids = new Set<string>();
  for (const c of [...cases, ...prepareCases]) {
    if (ids.has(c.id)) throw new Error(`conformance vector id ${c.id} appears twice`);
    ids.add(c.id);
  }
  return { cases, prepare_cases: prepareCases, param_values_used: pub.param_values_used };
}
