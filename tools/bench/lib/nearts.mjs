// The nearts side of the benchmarks: the built packages (dist, plain node — what users run), a
// call helper over vm-runner's runContract, and the unmetered V8 baseline host.
import { runtimeConfig } from '../../../packages/runtime-fees/dist/index.js';
import { MockedExternal, testContext } from '../../../packages/vm-logic/dist/index.js';
import { LruContractCache, runContract } from '../../../packages/vm-runner/dist/index.js';

export { LruContractCache, MockedExternal, runContract, testContext };

export const PROTOCOL_VERSION = 86;
export const CONFIG = runtimeConfig(PROTOCOL_VERSION, 'mainnet');
export const TGAS = 10n ** 12n;
export const MAX_GAS = 300n * TGAS;

const enc = new TextEncoder();
const dec = new TextDecoder();
export const utf8 = (s) => enc.encode(s);
export const text = (b) => dec.decode(b);

/** One function call through vm-runner, as the runtime makes it. */
export function callNearts({ code, codeHash, method, input = new Uint8Array(0), external = new MockedExternal(), cache, context = {} }) {
  return runContract({
    code,
    codeHash,
    method,
    context: testContext({ input: typeof input === 'string' ? utf8(input) : input, prepaidGas: MAX_GAS, attachedDeposit: 0n, ...context }),
    config: CONFIG,
    external,
    cache,
  });
}

/** The return value of an outcome as text, or a description of why there is none. */
export function returnText(outcome) {
  if (outcome.aborted) return `aborted: ${JSON.stringify(outcome.aborted, (_, v) => (typeof v === 'bigint' ? String(v) : v))}`;
  return outcome.returnData.kind === 'Value' ? text(outcome.returnData.value) : `<${outcome.returnData.kind}>`;
}

/**
 * The unmetered baseline: the original contract compiled once by V8 and instantiated per call
 * with a stub host — registers, `input` and `value_return` only, no gas, no limits. This is
 * what the contract costs with no NEAR runtime at all.
 */
export function rawContract(code) {
  const module = new WebAssembly.Module(code);
  const wanted = new Set(WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name}`));
  const supported = new Set(['env.input', 'env.register_len', 'env.read_register', 'env.value_return']);
  for (const w of wanted) if (!supported.has(w)) throw new Error(`the stub host has no ${w}`);
  return (method, input) => {
    const registers = new Map();
    let memory;
    let returned = null;
    const bytes = () => new Uint8Array(memory.buffer);
    const env = {
      input: (reg) => void registers.set(reg, input),
      register_len: (reg) => (registers.has(reg) ? BigInt(registers.get(reg).length) : 0xffff_ffff_ffff_ffffn),
      read_register: (reg, ptr) => void bytes().set(registers.get(reg), Number(ptr)),
      value_return: (len, ptr) => void (returned = bytes().slice(Number(ptr), Number(ptr) + Number(len))),
    };
    const instance = new WebAssembly.Instance(module, { env });
    memory = instance.exports.memory;
    instance.exports[method]();
    return returned;
  };
}
