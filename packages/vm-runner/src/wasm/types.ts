/**
 * Value types, function types and the feature set the decoder and validator honour.
 */
import type { ByteReader } from './reader.js';

/** Value types by their binary encoding. */
export const ValType = {
  I32: 0x7f,
  I64: 0x7e,
  F32: 0x7d,
  F64: 0x7c,
  V128: 0x7b,
  FuncRef: 0x70,
  ExternRef: 0x6f,
  /**
   * A reference type from a proposal we never enable (GC, typed function references,
   * exceptions). It parses, so reading locals does not fail on it, but it never validates.
   */
  OtherRef: 0x01,
  /** The validator's "unknown" operand type on an unreachable stack. */
  Bottom: 0x00,
} as const;
export type ValType = number;

export function valTypeName(t: ValType): string {
  switch (t) {
    case ValType.I32:
      return 'i32';
    case ValType.I64:
      return 'i64';
    case ValType.F32:
      return 'f32';
    case ValType.F64:
      return 'f64';
    case ValType.V128:
      return 'v128';
    case ValType.FuncRef:
      return 'funcref';
    case ValType.ExternRef:
      return 'externref';
    case ValType.Bottom:
      return 'unknown';
    default:
      return 'ref';
  }
}

export function isRefType(t: ValType): boolean {
  return t === ValType.FuncRef || t === ValType.ExternRef || t === ValType.OtherRef;
}

export interface FuncType {
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
}

/** WebAssembly proposals the validator accepts. Everything not listed is always rejected. */
export interface WasmFeatures {
  readonly referenceTypes: boolean;
  readonly bulkMemory: boolean;
  readonly multiValue: boolean;
  readonly signExtension: boolean;
  readonly saturatingFloatToInt: boolean;
  readonly mutableGlobal: boolean;
}

/**
 * nearcore's feature set (`runtime/near-vm-runner/src/features.rs`): MVP with floats, mutable
 * globals, sign extension and saturating conversions; reference types and bulk memory only
 * when `reftypes_bulk_memory` is on; multi-value, SIMD, threads, tail calls, multi-memory,
 * memory64, exceptions, GC and the rest never.
 */
export function nearcoreFeatures(reftypesBulkMemory: boolean): WasmFeatures {
  return {
    referenceTypes: reftypesBulkMemory,
    bulkMemory: reftypesBulkMemory,
    multiValue: false,
    signExtension: true,
    saturatingFloatToInt: true,
    mutableGlobal: true,
  };
}

/**
 * Read a value type the way wasmparser's reader does: every encoding of every proposal
 * parses (so the error, if any, comes from validation); bytes that encode no type fail.
 */
export function readValType(r: ByteReader): ValType {
  const b = r.peek();
  switch (b) {
    case 0x7f:
    case 0x7e:
    case 0x7d:
    case 0x7c:
    case 0x7b:
    case 0x70:
    case 0x6f:
      r.pos++;
      return b;
    case 0x63:
    case 0x64:
      r.pos++;
      readHeapType(r);
      return ValType.OtherRef;
    default:
      // Anything else is read as a heap type (abstract, shared or even a bare type index),
      // exactly as wasmparser does; only validation rejects those.
      readHeapType(r);
      return ValType.OtherRef;
  }
}

function isAbstractHeapTypeByte(b: number): boolean {
  // any, eq, i31, struct, array, exn, cont and the bottom types of the GC proposals.
  return (b >= 0x68 && b <= 0x6e) || (b >= 0x71 && b <= 0x75);
}

/** A heap type: a non-negative type index, an abstract type, or `shared` + abstract type. */
export function readHeapType(r: ByteReader): 'func' | 'extern' | 'other' {
  const at = r.pos;
  const first = r.peek();
  if ((first & 0xc0) === 0x40 && first < 0x80) {
    // A negative single-byte s33: an abstract heap type.
    r.pos++;
    if (first === 0x70) return 'func';
    if (first === 0x6f) return 'extern';
    if (first === 0x65) {
      const inner = r.u8();
      if (inner !== 0x70 && inner !== 0x6f && !isAbstractHeapTypeByte(inner)) r.fail('invalid heap type', at);
      return 'other';
    }
    if (isAbstractHeapTypeByte(first)) return 'other';
    return r.fail('invalid heap type', at);
  }
  const idx = r.varS33();
  if (idx < 0) r.fail('invalid heap type', at);
  if (idx >= 1 << 20) r.fail('type index greater than implementation limits', at);
  return 'other';
}

/** Bytes of operand stack a value occupies in nearcore's stack model (`SimpleMaxStackCfg`). */
export function stackSizeOf(t: ValType): number {
  switch (t) {
    case ValType.I32:
    case ValType.F32:
      return 4;
    case ValType.V128:
      return 16;
    default:
      return 8;
  }
}
