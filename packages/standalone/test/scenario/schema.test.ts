/**
 * docs/scenario.schema.json agrees with the reader: the same fields everywhere, and every example
 * validates against it (with a small validator for the JSON Schema keywords the file uses).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonValue } from '@nearts/primitives';
import { describe, expect, it } from 'vitest';
import { parseJsonText } from '../../src/scenario/index.js';
import * as F from '../../src/scenario/fields.js';
import { examplesDir, repoRoot } from './helpers.js';

type Schema = Record<string, unknown>;
const schema = JSON.parse(readFileSync(join(repoRoot, 'docs', 'scenario.schema.json'), 'utf8')) as Schema;
const defs = schema.$defs as Record<string, Schema>;

function resolve(s: Schema): Schema {
  if (typeof s.$ref === 'string') return resolve(defs[(s.$ref as string).replace('#/$defs/', '')]);
  return s;
}

function typeOk(t: string, v: JsonValue): boolean {
  switch (t) {
    case 'object':
      return v !== null && typeof v === 'object' && !Array.isArray(v);
    case 'array':
      return Array.isArray(v);
    case 'string':
      return typeof v === 'string';
    case 'integer':
      return typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v));
    case 'number':
      return typeof v === 'number' || typeof v === 'bigint';
    case 'boolean':
      return typeof v === 'boolean';
    case 'null':
      return v === null;
  }
  throw new Error(`schema type ${t}`);
}

/** Errors of `v` against `s` (empty = valid). Supports the keywords docs/scenario.schema.json uses. */
function validate(s0: Schema, v: JsonValue, path = '$'): string[] {
  const s = resolve(s0);
  const errors: string[] = [];
  const known = ['$ref', 'description', 'title', '$schema', '$defs', 'type', 'properties', 'required', 'additionalProperties', 'propertyNames', 'items', 'anyOf', 'oneOf', 'allOf', 'const', 'enum', 'pattern', 'minimum', 'minLength', 'maxLength', 'minProperties'];
  for (const k of Object.keys(s)) if (!known.includes(k)) throw new Error(`validator does not know keyword ${k}`);
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
    if (!types.some((t) => typeOk(t, v))) return [`${path}: expected ${types.join('|')}`];
  }
  if ('const' in s && s.const !== v) errors.push(`${path}: expected ${JSON.stringify(s.const)}`);
  if (s.enum && !(s.enum as JsonValue[]).includes(v)) errors.push(`${path}: not one of ${JSON.stringify(s.enum)}`);
  if (typeof v === 'string') {
    if (s.pattern && !new RegExp(s.pattern as string).test(v)) errors.push(`${path}: does not match ${s.pattern}`);
    if (s.minLength !== undefined && v.length < (s.minLength as number)) errors.push(`${path}: too short`);
    if (s.maxLength !== undefined && v.length > (s.maxLength as number)) errors.push(`${path}: too long`);
  }
  if (s.minimum !== undefined && (typeof v === 'number' || typeof v === 'bigint') && v < (s.minimum as number)) errors.push(`${path}: below minimum`);
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const props = (s.properties ?? {}) as Record<string, Schema>;
    for (const r of (s.required ?? []) as string[]) if (!(r in v)) errors.push(`${path}: missing ${r}`);
    if (s.minProperties !== undefined && Object.keys(v).length < (s.minProperties as number)) errors.push(`${path}: too few properties`);
    for (const [k, x] of Object.entries(v)) {
      if (s.propertyNames) errors.push(...validate(s.propertyNames as Schema, k, `${path}[key ${k}]`));
      if (k in props) errors.push(...validate(props[k], x, `${path}.${k}`));
      else if (s.additionalProperties === false) errors.push(`${path}: unexpected ${k}`);
      else if (typeof s.additionalProperties === 'object') errors.push(...validate(s.additionalProperties as Schema, x, `${path}.${k}`));
    }
  }
  if (Array.isArray(v) && s.items) v.forEach((x, i) => errors.push(...validate(s.items as Schema, x, `${path}[${i}]`)));
  if (s.anyOf && !(s.anyOf as Schema[]).some((a) => validate(a, v, path).length === 0)) errors.push(`${path}: matches none of anyOf`);
  if (s.oneOf) {
    const n = (s.oneOf as Schema[]).filter((a) => validate(a, v, path).length === 0).length;
    if (n !== 1) errors.push(`${path}: matches ${n} of oneOf`);
  }
  for (const a of (s.allOf ?? []) as Schema[]) errors.push(...validate(a, v, path));
  return errors;
}

const propsOf = (s: Schema): string[] => Object.keys((resolve(s).properties ?? {}) as object).sort();
const objectBranch = (s: Schema): Schema => (resolve(s).anyOf as Schema[]).map(resolve).find((b) => b.type === 'object')!;
const sorted = (xs: readonly string[]) => [...xs].sort();

describe('docs/scenario.schema.json', () => {
  it('names the same fields as the reader', () => {
    expect(propsOf(schema)).toEqual(sorted(F.SCENARIO_FIELDS));
    expect(propsOf(defs.genesis)).toEqual(sorted(F.GENESIS_FIELDS));
    expect(propsOf(defs.genesisAccount)).toEqual(sorted(F.GENESIS_ACCOUNT_FIELDS));
    expect(propsOf(objectBranch(defs.keySpec))).toEqual(sorted(F.KEY_FIELDS));
    expect(propsOf(objectBranch(defs.permission))).toEqual(sorted(F.PERMISSION_FIELDS));
    const steps = (defs.step.oneOf as Schema[]).map(resolve);
    expect(steps.map((s) => ((s.properties as Record<string, Schema>).step as { const: string }).const)).toEqual(F.STEP_KINDS);
    for (const s of steps) {
      const kind = ((s.properties as Record<string, Schema>).step as { const: keyof typeof F.STEP_FIELDS }).const;
      expect(propsOf(s), kind).toEqual(sorted(F.STEP_FIELDS[kind]));
    }
    const actions = (defs.action.oneOf as Schema[]).map((a) => Object.keys(a.properties as object)[0]);
    expect(actions).toEqual([...F.ACTION_NAMES]);
    const actionBody = (name: string) => ((defs.action.oneOf as Schema[]).find((a) => name in (a.properties as object))!.properties as Record<string, Schema>)[name];
    expect(propsOf(actionBody('functionCall'))).toEqual(sorted(F.FUNCTION_CALL_FIELDS));
    expect(propsOf(actionBody('addKey'))).toEqual(sorted(F.ADD_KEY_FIELDS));
    expect(propsOf(actionBody('stake'))).toEqual(sorted(F.STAKE_FIELDS));
    expect(propsOf(defs.accountPatch)).toEqual(sorted(F.ACCOUNT_PATCH_FIELDS));
    expect(propsOf(objectBranch(defs.receiptExpect))).toEqual(sorted(F.RECEIPT_EXPECT_FIELDS));
    expect(propsOf(defs.txExpect)).toEqual(sorted(F.TX_EXPECT_FIELDS));
    expect(propsOf(defs.viewExpect)).toEqual(sorted(F.VIEW_EXPECT_FIELDS));
    expect(propsOf(objectBranch(defs.failureMatch))).toEqual(sorted(F.FAILURE_FIELDS));
    expect(propsOf(defs.accountCheck)).toEqual(sorted(F.ACCOUNT_CHECK_FIELDS));
    expect(propsOf(objectBranch(defs.keyCheck))).toEqual(sorted(F.KEY_CHECK_FIELDS));
    const check = steps.find((s) => ((s.properties as Record<string, { const: string }>).step.const === 'checkState'))!;
    expect(propsOf((check.properties as Record<string, Schema>).block)).toEqual(sorted(F.BLOCK_CHECK_FIELDS));
  });

  it('every example validates against it', () => {
    for (const f of readdirSync(examplesDir).filter((x) => x.endsWith('.scen.json'))) {
      const v = parseJsonText(readFileSync(join(examplesDir, f), 'utf8'));
      expect(validate(schema, v), f).toEqual([]);
    }
  });

  it('rejects what the reader rejects', () => {
    expect(validate(schema, { steps: [{ step: 'call', from: 'a.near', to: 'b.near', method: 'm', deposti: '1' }] }).length).toBeGreaterThan(0);
    expect(validate(schema, { steps: [{ step: 'view', contract: 'b.near', method: 'm', args: 'hello' }] }).length).toBeGreaterThan(0);
    expect(validate(schema, { steps: [{ step: 'view', contract: 'b.near', method: 'm', args: 'str:hello' }] })).toEqual([]);
  });
});
