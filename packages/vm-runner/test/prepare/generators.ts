/**
 * Module generators matching nearcore's `near-test-contracts` (wasm-encoder, minimal LEB128,
 * sections type, import, function, global, export, code; one type `() -> ()`).
 */
import { ByteWriter } from '../../src/wasm/index.js';

function module(build: (section: (id: number, write: (w: ByteWriter) => void) => void) => void): Uint8Array {
  const out = new ByteWriter(1024);
  out.bytes(Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00));
  build((id, write) => {
    const w = new ByteWriter(256);
    write(w);
    out.section(id, w);
  });
  return out.finish();
}

/** `LargeContract{functions, locals_per_function, panic_imports}`. */
export function largeContract(o: { functions: number; localsPerFunction?: number; panicImports?: number }): Uint8Array {
  const locals = o.localsPerFunction ?? 0;
  const imports = o.panicImports ?? 0;
  return module((section) => {
    section(1, (w) => w.u32(1).byte(0x60).u32(0).u32(0));
    if (imports > 0) {
      section(2, (w) => {
        w.u32(imports);
        for (let i = 0; i < imports; i++) w.name('env').name('panic').byte(0).u32(0);
      });
    }
    section(3, (w) => {
      w.u32(o.functions);
      for (let i = 0; i < o.functions; i++) w.u32(0);
    });
    section(7, (w) => w.u32(1).name('main').byte(0).u32(0));
    section(10, (w) => {
      w.u32(o.functions);
      const body = new ByteWriter(16).u32(1).u32(locals).byte(0x7e).byte(0x0b);
      for (let i = 0; i < o.functions; i++) w.u32(body.length).append(body);
    });
  });
}

/** n immutable i32 globals initialised with `i32.const 0`, and an exported empty `main`. */
export function contractWithGlobals(n: number): Uint8Array {
  return module((section) => {
    section(1, (w) => w.u32(1).byte(0x60).u32(0).u32(0));
    section(3, (w) => w.u32(1).u32(0));
    section(6, (w) => {
      w.u32(n);
      for (let i = 0; i < n; i++) w.byte(0x7f).byte(0).byte(0x41).byte(0).byte(0x0b);
    });
    section(7, (w) => w.u32(1).name('main').byte(0).u32(0));
    section(10, (w) => w.u32(1).u32(2).u32(0).byte(0x0b));
  });
}

/** One exported function whose body is `n` × `nop`. */
export function functionWithNops(n: number): Uint8Array {
  return module((section) => {
    section(1, (w) => w.u32(1).byte(0x60).u32(0).u32(0));
    section(3, (w) => w.u32(1).u32(0));
    section(7, (w) => w.u32(1).name('main').byte(0).u32(0));
    section(10, (w) => {
      const body = new ByteWriter(n + 8).u32(0);
      for (let i = 0; i < n; i++) body.byte(0x01);
      body.byte(0x0b);
      w.u32(1).u32(body.length).append(body);
    });
  });
}

/**
 * The module a conformance vector's `generator` names: `LargeContract{functions:…, locals_per_function:…,
 * panic_imports:…}`, `contract_with_num_globals(n)` or `function_with_a_lot_of_nop(n)`; undefined otherwise.
 */
export function generatedContract(spec: string): Uint8Array | undefined {
  const large = /LargeContract\{functions:(\d+)(?:, locals_per_function:(\d+))?(?:, panic_imports:(\d+))?\}/.exec(spec);
  if (large) return largeContract({ functions: +large[1]!, localsPerFunction: +(large[2] ?? 0), panicImports: +(large[3] ?? 0) });
  const globals = /^contract_with_num_globals\((\d+)\)$/.exec(spec);
  if (globals) return contractWithGlobals(+globals[1]!);
  const nops = /^function_with_a_lot_of_nop\((\d+)\)$/.exec(spec);
  if (nops) return functionWithNops(+nops[1]!);
  return undefined;
}
