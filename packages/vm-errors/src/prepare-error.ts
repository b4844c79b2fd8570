/**
 * PrepareError: why nearcore refused to prepare (validate + instrument) a contract.
 * Variant order is near-vm-runner's borsh discriminant order (the compiled-contract cache's form).
 */
import { NearError } from './base.js';
import type { JsonValue } from './json.js';
import { type UnitEnumSpec } from './spec.js';

export const PREPARE_ERROR_MESSAGES = {
  Serialization: 'Error happened while serializing the module.',
  Deserialization: 'Error happened while deserializing the module.',
  InternalMemoryDeclared: 'Internal memory declaration has been found in the module.',
  GasInstrumentation: 'Gas instrumentation failed.',
  StackHeightInstrumentation: 'Stack instrumentation failed.',
  Instantiate: 'Error happened during instantiation.',
  Memory: 'Error creating memory.',
  TooManyFunctions: 'Too many functions in contract.',
  TooManyLocals: 'Too many locals declared in the contract.',
  TooManyTables: 'Too many tables declared in the contract.',
  TooManyTableElements: 'Too many table elements declared in the contract.',
  FunctionBodyTooLarge: 'A function body in the contract exceeds the size limit.',
  InstrumentedCodeTooLarge: 'The instrumented code exceeds the size limit.',
  TooManyBlocksPerFunction: 'Too many basic blocks in a function.',
  TooManyBlocksPerContract: 'Too many basic blocks in a contract.',
  TooManyTypes: 'Too many type-section entries declared in the contract.',
  // nearcore prints these two without a trailing period.
  TooManyParamsPerContract: 'Too many function parameters in the contract',
  TooManyParamsPerFunction: 'Too many parameters in a single function',
  OperandStackTooLarge: 'A function uses too much operand stack.',
} as const;

export type PrepareErrorKind = keyof typeof PREPARE_ERROR_MESSAGES;

export const PREPARE_ERROR_KINDS = Object.keys(PREPARE_ERROR_MESSAGES) as PrepareErrorKind[];

/** near-vm-runner's `PrepareError` (stored in the compiled-contract cache): discriminant = position. */
export const PREPARE_ERROR_SPEC: UnitEnumSpec<PrepareErrorKind> = {
  name: 'PrepareError',
  tags: Object.fromEntries(PREPARE_ERROR_KINDS.map((kind, index) => [kind, index])) as Record<PrepareErrorKind, number>,
};

/**
 * near-primitives' `PrepareError`, the form inside stored outcomes. Same names, but nearcore
 * numbers TooManyParamsPerFunction 16 and TooManyParamsPerContract 17 here — the reverse of the
 * vm-runner enum; runtime/src/conversions.rs maps them by name.
 */
export const ONCHAIN_PREPARE_ERROR_SPEC: UnitEnumSpec<PrepareErrorKind> = {
  name: 'PrepareError',
  tags: {
    Serialization: 0,
    Deserialization: 1,
    InternalMemoryDeclared: 2,
    GasInstrumentation: 3,
    StackHeightInstrumentation: 4,
    Instantiate: 5,
    Memory: 6,
    TooManyFunctions: 7,
    TooManyLocals: 8,
    TooManyTables: 9,
    TooManyTableElements: 10,
    FunctionBodyTooLarge: 11,
    InstrumentedCodeTooLarge: 12,
    TooManyBlocksPerFunction: 13,
    TooManyBlocksPerContract: 14,
    TooManyTypes: 15,
    TooManyParamsPerFunction: 16,
    TooManyParamsPerContract: 17,
    OperandStackTooLarge: 18,
  },
};

/** nearcore's Display of a PrepareError. */
export function displayPrepareError(kind: PrepareErrorKind): string {
  return PREPARE_ERROR_MESSAGES[kind];
}

/** serde JSON of a PrepareError: a unit variant, so just its name. */
export function prepareErrorToJson(kind: PrepareErrorKind): JsonValue {
  return kind;
}

/** Thrown by contract preparation; `message` is nearcore's Display text. */
export class PrepareError extends NearError {
  override readonly name = 'PrepareError';
  /**
   * @param kind nearcore's variant name
   * @param detail optional diagnostic (e.g. the decoder's reason); never part of `message`,
   *   which must stay byte-identical to nearcore's Display.
   */
  constructor(
    readonly kind: PrepareErrorKind,
    readonly detail?: string,
  ) {
    super(PREPARE_ERROR_MESSAGES[kind]);
  }
  get code(): string {
    return `PrepareError.${this.kind}`;
  }
  /** The vm-runner discriminant (the cache's form; see ONCHAIN_PREPARE_ERROR_SPEC for outcomes). */
  get discriminants(): readonly number[] {
    return [PREPARE_ERROR_KINDS.indexOf(this.kind)];
  }
  json(): JsonValue {
    return prepareErrorToJson(this.kind);
  }
}
