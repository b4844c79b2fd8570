// Every variant of every enum gets a Display text, a JSON value, a code and (where nearcore has
// one) a discriminant path. TypeScript already refuses a missing switch branch or table entry;
// this walks the tables at run time with data generated from them.
import { describe, expect, it } from 'vitest';
import * as lib from '../src/index.js';
import type { AnyUnionSpec, FieldType, JsonValue, NearError } from '../src/index.js';

interface Entry {
  spec: AnyUnionSpec;
  display: (data: never) => string;
  toJson: (data: never) => JsonValue;
  make?: (data: never) => NearError;
}

const entries: Entry[] = [
  { spec: lib.HOST_ERROR_SPEC, display: lib.displayHostError, toJson: lib.hostErrorToJson, make: (d) => new lib.HostError(d) },
  {
    spec: lib.FUNCTION_CALL_ERROR_SPEC,
    display: lib.displayFunctionCallError,
    toJson: lib.functionCallErrorToJson,
    make: (d) => new lib.FunctionCallError(d),
  },
  { spec: lib.COMPILATION_ERROR_SPEC, display: lib.displayCompilationError, toJson: (d) => lib.functionCallErrorToJson({ kind: 'CompilationError', error: d }) },
  {
    spec: lib.ONCHAIN_FUNCTION_CALL_ERROR_SPEC,
    display: lib.debugOnChainFunctionCallError,
    toJson: lib.onChainFunctionCallErrorToJson,
  },
  {
    spec: lib.VM_RUNNER_ERROR_SPEC,
    display: lib.displayVMRunnerError,
    toJson: lib.vmRunnerErrorToJson,
    make: (d) => new lib.VMRunnerError(d),
  },
  { spec: lib.CACHE_ERROR_SPEC, display: lib.displayCacheError, toJson: (d) => lib.vmRunnerErrorToJson({ kind: 'CacheError', error: d }) },
  { spec: lib.STORAGE_ERROR_SPEC, display: lib.displayStorageError, toJson: lib.storageErrorToJson, make: (d) => new lib.StorageError(d) },
  {
    spec: lib.ACTIONS_VALIDATION_ERROR_SPEC,
    display: lib.displayActionsValidationError,
    toJson: lib.actionsValidationErrorToJson,
    make: (d) => new lib.ActionsValidationError(d),
  },
  {
    spec: lib.RECEIPT_VALIDATION_ERROR_SPEC,
    display: lib.displayReceiptValidationError,
    toJson: lib.receiptValidationErrorToJson,
    make: (d) => new lib.ReceiptValidationError(d),
  },
  {
    spec: lib.INVALID_ACCESS_KEY_ERROR_SPEC,
    display: lib.displayInvalidAccessKeyError,
    toJson: lib.invalidAccessKeyErrorToJson,
    make: (d) => new lib.InvalidAccessKeyError(d),
  },
  { spec: lib.INVALID_TX_ERROR_SPEC, display: lib.displayInvalidTxError, toJson: lib.invalidTxErrorToJson, make: (d) => new lib.InvalidTxError(d) },
  { spec: lib.ACTION_ERROR_KIND_SPEC, display: lib.displayActionErrorKind, toJson: lib.actionErrorKindToJson },
  {
    spec: lib.TX_EXECUTION_ERROR_SPEC,
    display: lib.displayTxExecutionError,
    toJson: lib.txExecutionErrorToJson,
    make: (d) => new lib.TxExecutionError(d),
  },
  { spec: lib.RUNTIME_ERROR_SPEC, display: lib.displayRuntimeError, toJson: lib.runtimeErrorToJson, make: (d) => new lib.RuntimeError(d) },
];

/** Data for one variant, built from the table; nested enums take every variant in turn. */
function samplesOf(spec: AnyUnionSpec, kind: string): unknown[] {
  const variant = spec.variants[kind];
  if ('unit' in variant) return [{ kind }];
  if ('newtype' in variant) return valuesOf(variant.type).map((value) => ({ kind, [variant.newtype]: value }));
  const fields = Object.entries(variant.fields as Record<string, FieldType>);
  const base = Object.fromEntries(fields.map(([field, type]) => [field, valuesOf(type)[0]]));
  // Vary one field at a time through its alternatives (Options as None, every nested variant).
  const out: unknown[] = [{ kind, ...base }];
  for (const [field, type] of fields) for (const value of valuesOf(type).slice(1)) out.push({ kind, ...base, [field]: value });
  return out;
}

function valuesOf(type: FieldType): unknown[] {
  if (typeof type === 'string') {
    switch (type) {
      case 'u64': return [42n];
      case 'gas': return [300_000_000_000_000n];
      case 'balance': return [10n ** 24n];
      case 'u32': case 'u16': return [3];
      case 'notNanF64': return [0.25];
      case 'accountId': return ['alice.near'];
      case 'string': return ['text'];
      case 'publicKey': return ['ed25519:6E8sCci9badyRkXb3JoRpBj5p8C6Tw41ELDZoiihKEtp'];
      case 'cryptoHash': return ['11111111111111111111111111111111'];
      case 'debugText': return ['Debug'];
    }
  }
  if ('option' in type) return [...valuesOf(type.option), null];
  if ('names' in type) return Object.keys(type.names.tags);
  if ('struct' in type) {
    const fields = Object.entries(type.struct.fields);
    const combos: Record<string, unknown>[] = [{}];
    for (const [field, fieldType] of fields) {
      const values = valuesOf(fieldType);
      const next: Record<string, unknown>[] = [];
      for (const combo of combos) for (const value of values) next.push({ ...combo, [field]: value });
      combos.splice(0, combos.length, ...next);
    }
    return combos;
  }
  return Object.keys(type.union.variants).flatMap((kind) => samplesOf(type.union, kind));
}

describe.each(entries.map((e) => [e.spec.name, e] as const))('%s', (_name, entry) => {
  const kinds = Object.keys(entry.spec.variants);
  it.each(kinds)('%s has a Display, JSON, code and discriminants', (kind) => {
    const variant = entry.spec.variants[kind];
    for (const data of samplesOf(entry.spec, kind)) {
      const text = entry.display(data as never);
      expect(typeof text).toBe('string');
      expect(text.length).toBeGreaterThan(0);
      expect(text).not.toMatch(/undefined|\[object|NaN/);

      const json = entry.toJson(data as never);
      if (entry.spec !== lib.COMPILATION_ERROR_SPEC && entry.spec !== lib.CACHE_ERROR_SPEC && entry.spec !== lib.FUNCTION_CALL_ERROR_SPEC) {
        const name = variant.jsonName ?? kind;
        if ('unit' in variant) expect(json).toBe(name);
        else expect(Object.keys(json as object)).toEqual([name]);
      }
      expect(lib.stringifyJson(json)).not.toMatch(/undefined/);

      const code = lib.unionCode(entry.spec, data);
      expect(code.startsWith(`${entry.spec.name}.${kind}`)).toBe(true);
      const tags = lib.unionDiscriminants(entry.spec, data);
      if (variant.tag !== null) expect(tags?.[0]).toBe(variant.tag);
      else expect(tags).toBeNull();

      if (entry.make) {
        const error = entry.make(data as never);
        expect(error).toBeInstanceOf(lib.NearError);
        expect(error.message).toBe(text);
        expect(error.code).toBe(code);
        expect(JSON.parse(JSON.stringify(error))).toEqual(lib.toPlainJson(error.json()));
      }
    }
  });

  it('numbers its variants 0, 1, 2… in declaration order where nearcore does', () => {
    const tags = kinds.map((kind) => entry.spec.variants[kind].tag);
    if (tags.every((tag) => tag === null)) return;
    expect(tags).toEqual(kinds.map((_, index) => index));
  });
});

describe('unit-only enums', () => {
  it.each([
    [lib.PREPARE_ERROR_SPEC, 19],
    [lib.ONCHAIN_PREPARE_ERROR_SPEC, 19],
    [lib.WASM_TRAP_SPEC, 9],
    [lib.METHOD_RESOLVE_ERROR_SPEC, 3],
    [lib.MISSING_TRIE_VALUE_CONTEXT_SPEC, 4],
    [lib.DEPOSIT_COST_FAILURE_REASON_SPEC, 2],
  ] as const)('%o has distinct discriminants 0..n-1', (spec, count) => {
    const tags = Object.values(spec.tags as Record<string, number>);
    expect(tags).toHaveLength(count);
    expect([...tags].sort((a, b) => a - b)).toEqual(tags.map((_, index) => index));
  });
  it('prints every PrepareError and WasmTrap', () => {
    for (const kind of lib.PREPARE_ERROR_KINDS) expect(lib.displayPrepareError(kind).length).toBeGreaterThan(10);
    for (const trap of lib.unitEnumKinds(lib.WASM_TRAP_SPEC)) expect(lib.WASM_TRAP_MESSAGES[trap]).toMatch(/\.$/);
  });
});
