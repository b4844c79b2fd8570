/**
 * The part of nearcore's `vm::Config` that preparation reads, and its normalisation into
 * plain numbers (limits that nearcore leaves unset become `Infinity`).
 */
import type { LimitConfig, VMConfig } from '@nearts/runtime-fees';
import type { Gas } from './gas-points.js';

export type PrepareLimitConfig = Pick<
  LimitConfig,
  | 'maxStackHeight'
  | 'initialMemoryPages'
  | 'maxMemoryPages'
  | 'maxFunctionsNumberPerContract'
  | 'maxLocalsPerContract'
  | 'maxParamsPerContract'
  | 'maxParamsPerFunction'
  | 'maxOperandStackBytesPerFunction'
  | 'maxTablesPerContract'
  | 'maxElementsPerContractTable'
  | 'maxFunctionBodySize'
  | 'maxInstrumentedCodeSize'
  | 'maxBlocksPerFunction'
  | 'maxBlocksPerContract'
  | 'maxTypesPerContract'
>;

/** What `prepareContract` needs from a `VMConfig` (a whole `VMConfig` will do). */
export type PrepareConfig = Pick<
  VMConfig,
  'regularOpCost' | 'linearOpBaseCost' | 'linearOpUnitCost' | 'reftypesBulkMemory' | 'discardCustomSections'
> & {
  readonly limitConfig: PrepareLimitConfig;
  /**
   * Modules imports may come from. nearcore allows only `env` (the default); a submodule
   * (submodules extension) is prepared with `env` and `parent` (the account contract's exports).
   */
  readonly importModules?: readonly string[];
};

export interface Limits {
  readonly functions: number;
  readonly locals: number;
  readonly paramsPerContract: number;
  readonly paramsPerFunction: number;
  readonly operandStackBytes: number;
  readonly tables: number;
  readonly tableElements: number;
  readonly functionBodySize: number;
  readonly instrumentedCodeSize: number;
  readonly blocksPerFunction: number;
  readonly blocksPerContract: number;
  readonly types: number;
  readonly maxStackHeight: number;
  readonly initialMemoryPages: number;
  readonly maxMemoryPages: number;
}

function limit(value: bigint | number | undefined): number {
  if (value === undefined) return Infinity;
  // Every count compared against these fits in a u32, so anything past 2^53 is "no limit".
  return Number(value) > Number.MAX_SAFE_INTEGER ? Infinity : Number(value);
}

export function normaliseLimits(l: PrepareLimitConfig): Limits {
  return {
    functions: limit(l.maxFunctionsNumberPerContract),
    locals: limit(l.maxLocalsPerContract),
    paramsPerContract: limit(l.maxParamsPerContract),
    paramsPerFunction: limit(l.maxParamsPerFunction),
    operandStackBytes: limit(l.maxOperandStackBytesPerFunction),
    tables: limit(l.maxTablesPerContract),
    tableElements: limit(l.maxElementsPerContractTable),
    functionBodySize: limit(l.maxFunctionBodySize),
    instrumentedCodeSize: limit(l.maxInstrumentedCodeSize),
    blocksPerFunction: limit(l.maxBlocksPerFunction),
    blocksPerContract: limit(l.maxBlocksPerContract),
    types: limit(l.maxTypesPerContract),
    maxStackHeight: l.maxStackHeight,
    initialMemoryPages: l.initialMemoryPages,
    maxMemoryPages: l.maxMemoryPages,
  };
}

/** A fee as the analysis keeps it: a number while exact, else a bigint. */
export function gasValue(value: bigint): Gas {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}
