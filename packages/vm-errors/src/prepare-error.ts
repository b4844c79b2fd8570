/**
 * PrepareError: why nearcore refused to prepare (validate + instrument) a contract.
 * Variant order is nearcore's borsh discriminant order.
 */

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

/** Thrown by contract preparation; `message` is nearcore's Display text. */
export class PrepareError extends Error {
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
}
