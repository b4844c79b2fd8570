/**
 * Plain data of any shape (the error unions of a failed outcome: nested objects of strings,
 * bigints, numbers, booleans, null), kept exactly: every own property in its order, `undefined`
 * values included, so the value decodes deep-equal (strictly) to what was written. Failures are
 * rare, so generality beats compactness here.
 */
import { BorshReader, BorshWriter } from '@nearts/primitives';
import { readText, readVarBig, readVarNum, writeText, writeVarBig, writeVarNum } from './wire.js';

const enum Tag {
  Undefined = 0,
  Null = 1,
  False = 2,
  True = 3,
  Number = 4,
  BigIntNonNegative = 5,
  BigIntNegative = 6,
  String = 7,
  Array = 8,
  Object = 9,
  Bytes = 10,
}

const numberView = new DataView(new ArrayBuffer(8));

export function writeTaggedValue(w: BorshWriter, v: unknown): void {
  if (v === undefined) w.u8(Tag.Undefined);
  else if (v === null) w.u8(Tag.Null);
  else if (v === false) w.u8(Tag.False);
  else if (v === true) w.u8(Tag.True);
  else if (typeof v === 'number') {
    w.u8(Tag.Number);
    numberView.setFloat64(0, v, true);
    for (let i = 0; i < 8; i++) w.u8(numberView.getUint8(i));
  } else if (typeof v === 'bigint') {
    w.u8(v < 0n ? Tag.BigIntNegative : Tag.BigIntNonNegative);
    writeVarBig(w, v < 0n ? -v : v);
  } else if (typeof v === 'string') {
    w.u8(Tag.String);
    writeText(w, v);
  } else if (v instanceof Uint8Array) {
    w.u8(Tag.Bytes);
    w.bytes(v);
  } else if (Array.isArray(v)) {
    w.u8(Tag.Array);
    writeVarNum(w, v.length);
    for (const x of v) writeTaggedValue(w, x);
  } else if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const entries = Object.entries(v);
    w.u8(Tag.Object);
    writeVarNum(w, entries.length);
    for (const [k, x] of entries) {
      writeText(w, k);
      writeTaggedValue(w, x);
    }
  } else {
    throw new TypeError(`history: cannot keep a value of type ${typeof v} (${Object.prototype.toString.call(v)})`);
  }
}

export function readTaggedValue(r: BorshReader): unknown {
  const tag = r.u8() as Tag;
  switch (tag) {
    case Tag.Undefined:
      return undefined;
    case Tag.Null:
      return null;
    case Tag.False:
      return false;
    case Tag.True:
      return true;
    case Tag.Number: {
      for (let i = 0; i < 8; i++) numberView.setUint8(i, r.u8());
      return numberView.getFloat64(0, true);
    }
    case Tag.BigIntNonNegative:
      return readVarBig(r);
    case Tag.BigIntNegative:
      return -readVarBig(r);
    case Tag.String:
      return readText(r);
    case Tag.Bytes:
      return r.bytesVec();
    case Tag.Array: {
      const n = readVarNum(r);
      const out: unknown[] = [];
      for (let i = 0; i < n; i++) out.push(readTaggedValue(r));
      return out;
    }
    case Tag.Object: {
      const n = readVarNum(r);
      const out: Record<string, unknown> = {};
      for (let i = 0; i < n; i++) {
        const k = readText(r);
        // defineProperty: a key such as `__proto__` stays an own property, as it was written.
        Object.defineProperty(out, k, { value: readTaggedValue(r), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    default:
      throw new RangeError(`history: unknown value tag ${tag as number}`);
  }
}
