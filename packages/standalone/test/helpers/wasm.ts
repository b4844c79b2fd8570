/**
 * Tiny contracts encoded by hand (the fixture contracts are strict MVP and call no
 * version-gated host function), for the protocol-version and chain-id tests:
 * - `bulkMemoryContract`: `fill` runs `memory.fill` — a bulk-memory instruction, rejected
 *   before protocol 84 (`reftypes_bulk_memory`).
 * - `chainIdContract`: `chain` returns `env::chain_id()` (host function from protocol 85).
 * - `sandboxDebugLogContract`: prints its input with `sandbox_debug_log` (sandbox nodes only).
 */

const I64 = 0x7e;

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const name = (s: string): number[] => [...uleb(s.length), ...Buffer.from(s, 'utf8')];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const funcType = (params: number[], results: number[]): number[] => [0x60, ...vec(params.map((p) => [p])), ...vec(results.map((r) => [r]))];

interface ModuleSpec {
  types: number[][];
  imports: Array<{ field: string; type: number }>;
  /** Defined functions: type index and body instructions (without locals and the final `end`). */
  functions: Array<{ type: number; body: number[]; export?: string }>;
}

function encodeModule(m: ModuleSpec): Uint8Array {
  const exports = m.functions
    .map((f, i) => ({ f, index: m.imports.length + i }))
    .filter(({ f }) => f.export !== undefined)
    .map(({ f, index }) => [...name(f.export!), 0x00, ...uleb(index)]);
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(m.types)),
    ...(m.imports.length > 0 ? section(2, vec(m.imports.map((i) => [...name('env'), ...name(i.field), 0x00, ...uleb(i.type)]))) : []),
    ...section(3, vec(m.functions.map((f) => uleb(f.type)))),
    ...section(5, vec([[0x00, 0x01]])), // one memory, 1 page minimum
    ...section(7, vec(exports)),
    ...section(10, vec(m.functions.map((f) => { const body = [0x00, ...f.body, 0x0b]; return [...uleb(body.length), ...body]; }))),
  ];
  return new Uint8Array(bytes);
}

const i32 = (n: number) => [0x41, n];
const i64 = (n: number) => [0x42, n];
const call = (index: number) => [0x10, ...uleb(index)];

export function bulkMemoryContract(): Uint8Array {
  return encodeModule({
    types: [funcType([], [])],
    imports: [],
    // memory.fill(dest 0, value 0, length 16): 0xfc 0x0b, memory index 0
    functions: [{ type: 0, export: 'fill', body: [...i32(0), ...i32(0), ...i32(16), 0xfc, 0x0b, 0x00] }],
  });
}

export function chainIdContract(): Uint8Array {
  return encodeModule({
    types: [funcType([I64], []), funcType([I64, I64], []), funcType([I64], [I64]), funcType([], [])],
    imports: [
      { field: 'chain_id', type: 0 },
      { field: 'read_register', type: 1 },
      { field: 'register_len', type: 2 },
      { field: 'value_return', type: 1 },
    ],
    functions: [
      {
        type: 3,
        export: 'chain',
        body: [
          ...i64(0), ...call(0), // chain_id(register 0)
          ...i64(0), ...i64(0), ...call(1), // read_register(0, ptr 0)
          ...i64(0), ...call(2), ...i64(0), ...call(3), // value_return(register_len(0), ptr 0)
        ],
      },
    ],
  });
}

/** `log_input`: `env::sandbox_debug_log` of the call input (a host function of sandbox nodes only). */
export function sandboxDebugLogContract(): Uint8Array {
  return encodeModule({
    types: [funcType([I64], []), funcType([I64, I64], []), funcType([I64], [I64]), funcType([], [])],
    imports: [
      { field: 'input', type: 0 },
      { field: 'read_register', type: 1 },
      { field: 'register_len', type: 2 },
      { field: 'sandbox_debug_log', type: 1 },
    ],
    functions: [
      {
        type: 3,
        export: 'log_input',
        body: [
          ...i64(0), ...call(0), // input(register 0)
          ...i64(0), ...i64(0), ...call(1), // read_register(0, ptr 0)
          ...i64(0), ...call(2), ...i64(0), ...call(3), // sandbox_debug_log(register_len(0), ptr 0)
        ],
      },
    ],
  });
}
