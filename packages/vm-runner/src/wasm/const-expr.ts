/**
 * Constant expressions (global initialisers, element and data segment offsets, element items).
 *
 * With nearcore's feature set (no extended-const, no GC) the only constant instructions are
 * `t.const`, `ref.null`, `ref.func` and `global.get` of an imported immutable global, followed
 * by `end`. `ref.func` immediates are reported to the caller so that function indices can be
 * remapped when the module is re-encoded.
 */
import type { ByteReader } from './reader.js';
import { readHeapType, ValType } from './types.js';

export interface ConstExprContext {
  readonly referenceTypes: boolean;
  readonly numFunctions: number;
  readonly numImportedGlobals: number;
  globalType(index: number): { readonly type: ValType; readonly mutable: boolean } | undefined;
  /** Called for every `ref.func` with the byte range of its index immediate. */
  onRefFunc(index: number, immStart: number, immEnd: number): void;
}

/** Read and validate one constant expression of type `expected`; leaves `r` after its `end`. */
export function readConstExpr(r: ByteReader, expected: ValType, ctx: ConstExprContext): void {
  let produced: ValType | undefined;
  let count = 0;
  for (;;) {
    const at = r.pos;
    const op = r.u8();
    if (op === 0x0b) break;
    let t: ValType;
    switch (op) {
      case 0x41:
        r.varI32();
        t = ValType.I32;
        break;
      case 0x42:
        r.skipVarI64();
        t = ValType.I64;
        break;
      case 0x43:
        r.skip(4);
        t = ValType.F32;
        break;
      case 0x44:
        r.skip(8);
        t = ValType.F64;
        break;
      case 0xd0: {
        if (!ctx.referenceTypes) r.fail('reference types support is not enabled', at);
        const heap = readHeapType(r);
        if (heap !== 'func') r.fail('reference type not supported', at);
        t = ValType.FuncRef;
        break;
      }
      case 0xd2: {
        if (!ctx.referenceTypes) r.fail('reference types support is not enabled', at);
        const immStart = r.pos;
        const index = r.varU32();
        if (index >= ctx.numFunctions) r.fail(`unknown function ${index}`, at);
        ctx.onRefFunc(index, immStart, r.pos);
        t = ValType.FuncRef;
        break;
      }
      case 0x23: {
        const index = r.varU32();
        const g = ctx.globalType(index);
        if (g === undefined) r.fail(`unknown global ${index}`, at);
        if (index >= ctx.numImportedGlobals) r.fail('constant expression required: global.get of locally defined global', at);
        if (g.mutable) r.fail('constant expression required: global.get of mutable global', at);
        t = g.type;
        break;
      }
      default:
        return r.fail('constant expression required: non-constant operator', at);
    }
    produced = t;
    count++;
  }
  if (count !== 1 || produced !== expected) r.fail('type mismatch in constant expression');
}
