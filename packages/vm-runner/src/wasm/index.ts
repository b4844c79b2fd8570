/** A WebAssembly binary decoder, validator and encoder with nearcore's feature set. */
export { ByteReader, WasmDecodeError, MAX_WASM_STRING_SIZE } from './reader.js';
export { ByteWriter, encodeI64, u32Size } from './encoder.js';
export { OperatorReader, decodeInstructions, type Instruction } from './operators.js';
export { Op, opcodeName } from './opcodes.js';
export { ValType, nearcoreFeatures, type FuncType, type WasmFeatures } from './types.js';
export { ModuleValidator, SectionId, ExternalKind, type Import, type Export } from './module-validator.js';
export { FunctionValidator, MAX_FUNCTION_LOCALS } from './func-validator.js';
export { readHeader, nextSection, type SectionHeader } from './sections.js';
