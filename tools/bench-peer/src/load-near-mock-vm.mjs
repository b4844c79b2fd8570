// Loads near-mock-vm@3.2.2 without relying on how the package manager lays out node_modules.
//
// near-mock-vm's JS layer (vm/dist/*.js) `require`s three modules it never declares:
// `js-base64`, `bn.js` and `assemblyscript/lib/loader`. Under pnpm's strict layout they are not
// resolvable from inside the package (or resolve to whatever another workspace hoisted, e.g. an
// assemblyscript 0.28 without `lib/loader`). So instead of `require('near-mock-vm/...')` we read
// the package's CommonJS files ourselves and evaluate them with a `require` that hands out our own
// declared devDependencies for the undeclared names. Nothing in node_modules is modified.
//
// The wasm-bindgen glue (pkg/near_mock_vm.js) keeps a single Rust wasm instance in module scope.
// A Rust panic inside it (every host error in near-mock-vm is an `unwrap()`) leaves wasm-bindgen
// borrow flags set and the Rust heap in an unknown state, so we evaluate the glue anew whenever a
// fresh instance is wanted: the 611 KB VM module is compiled once, each "generation" only
// instantiates it. Each generation also gets its own `console`, so the Rust panic message
// (printed by console_error_panic_hook) can be captured instead of going to stderr.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { compileFunction } from 'node:vm';

const ownRequire = createRequire(import.meta.url);

/** The exact version this driver was written and tested against. */
export const NEAR_MOCK_VM_VERSION = '3.2.2';

/** Where the peer's undeclared dependencies come from: our own devDependencies. */
const INJECTED = {
  'js-base64': () => ownRequire('js-base64'),
  'bn.js': () => ownRequire('bn.js'),
  'assemblyscript/lib/loader': () => ownRequire('assemblyscript/lib/loader'),
};

const CJS_PARAMS = ['exports', 'require', 'module', '__filename', '__dirname', 'console', 'WebAssembly'];

let shared; // lazily filled: package paths, compiled VM module, compiled CJS wrappers

function loadShared() {
  if (shared) return shared;
  const packageJsonPath = ownRequire.resolve('near-mock-vm/package.json');
  const root = dirname(packageJsonPath);
  const { version } = JSON.parse(readFileSync(packageJsonPath, 'utf8'));
  if (version !== NEAR_MOCK_VM_VERSION) {
    throw new Error(`near-mock-vm ${version} found, this driver expects ${NEAR_MOCK_VM_VERSION} (patches are version specific)`);
  }
  const vmWasmPath = join(root, 'pkg', 'near_mock_vm_bg.wasm');
  shared = {
    root,
    vmWasmPath,
    vmModule: new WebAssembly.Module(readFileSync(vmWasmPath)),
    compiled: new Map(), // absolute file -> compiled CommonJS wrapper function
  };
  return shared;
}

function compiledCjs(file) {
  const s = loadShared();
  let fn = s.compiled.get(file);
  if (!fn) {
    fn = compileFunction(readFileSync(file, 'utf8'), CJS_PARAMS, { filename: file });
    s.compiled.set(file, fn);
  }
  return fn;
}

/** A WebAssembly namespace whose `Module` constructor returns the already compiled VM module. */
function webAssemblyWithCachedVm(vmModule) {
  function CachedModule() {
    return vmModule; // `new CachedModule(bytes)` yields this object
  }
  return { ...WebAssembly, Module: CachedModule, Instance: WebAssembly.Instance, Memory: WebAssembly.Memory };
}

/**
 * Evaluates one generation of near-mock-vm: a fresh Rust VM wasm instance plus the package's own
 * JS runner bound to it.
 * @returns {{ glue: any, runner: any, memory: any, panics: string[], stdout: string[] }}
 */
export function loadGeneration() {
  const s = loadShared();
  const panics = []; // console.error output of this generation (Rust panic messages)
  const stdout = [];
  const captureConsole = {
    ...console,
    error: (...args) => panics.push(args.join(' ')),
    log: (...args) => stdout.push(args.join(' ')),
    warn: (...args) => stdout.push(args.join(' ')),
  };
  const webAssembly = webAssemblyWithCachedVm(s.vmModule);
  const cache = new Map();

  function load(file) {
    const hit = cache.get(file);
    if (hit) return hit.exports;
    const module = { exports: {} };
    cache.set(file, module);
    const dir = dirname(file);
    const localRequire = (request) => {
      if (request in INJECTED) return INJECTED[request]();
      if (request.startsWith('.')) {
        const target = ownRequire.resolve(join(dir, request));
        if (target === s.vmWasmPath) throw new Error('unexpected require of the VM wasm');
        return load(target);
      }
      if (request === 'fs') {
        // The glue reads its wasm with fs.readFileSync; the bytes are unused because the
        // WebAssembly namespace we pass returns the module compiled once in loadShared().
        return { readFileSync: () => new Uint8Array(0) };
      }
      return ownRequire(request); // node builtins: util, path
    };
    compiledCjs(file).call(module.exports, module.exports, localRequire, module, file, dir, captureConsole, webAssembly);
    return module.exports;
  }

  const glue = load(join(s.root, 'pkg', 'near_mock_vm.js'));
  const runner = load(join(s.root, 'vm', 'dist', 'runner.js'));
  const memory = load(join(s.root, 'vm', 'dist', 'memory.js'));
  return { glue, runner, memory, panics, stdout };
}

/** Paths of the loaded package, for documentation and diagnostics. */
export function nearMockVmFiles() {
  const s = loadShared();
  return { root: s.root, vmWasm: s.vmWasmPath };
}
