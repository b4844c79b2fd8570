/**
 * Submodules on the wasm executor: real instances, the engine contract calling them, callbacks
 * into the contract, gas budgets, rollback, storage prefix, policy linking, and protocol 86 with
 * the extension off.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runtimeConfig, withSubmodules, type RuntimeConfig } from '@nearts/runtime-fees';
import { MockedExternal, SubmoduleStatus, testContext, type VMOutcome } from '@nearts/vm-logic';
import type { SubmodulePolicy } from '@nearts/primitives';
import { LruContractCache, runContract, type LoadResult } from '../../src/index.js';
import { wat } from '../prepare/harness.js';
import { sharedMemoryPressure } from '../../src/executor/shared-memory-pressure.js';
import { CALLBACK, COUNTER, ECHO, ENGINE, LOCAL_ADD, NESTED, RECEIPT_MAKER } from './fixtures.js';

const ON = withSubmodules(runtimeConfig(86));
const TGAS = 10n ** 12n;
const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

const code: Record<string, Uint8Array> = {};
beforeAll(async () => {
  for (const [name, src] of Object.entries({ ENGINE, ECHO, COUNTER, CALLBACK, NESTED, RECEIPT_MAKER, LOCAL_ADD })) code[name] = await wat(src);
});

const policy = (p: Partial<SubmodulePolicy> = {}): SubmodulePolicy => ({
  storage: { type: 'WholeAccount' },
  parentExports: [],
  hostFunctions: ['input', 'register_len', 'read_register', 'value_return'],
  ...p,
});

const STORAGE_FNS = ['input', 'register_len', 'read_register', 'value_return', 'storage_read', 'storage_write'];

function callInput(key: string, method: string, input: Uint8Array | string = '', gas = 100n * TGAS, repeat = 1): Uint8Array {
  const k = utf8(key);
  const m = utf8(method);
  const i = typeof input === 'string' ? utf8(input) : input;
  const out = new Uint8Array(2 + k.length + 1 + m.length + 8 + i.length);
  out[0] = repeat;
  out[1] = k.length;
  out.set(k, 2);
  out[2 + k.length] = m.length;
  out.set(m, 3 + k.length);
  new DataView(out.buffer).setBigUint64(3 + k.length + m.length, gas, true);
  out.set(i, 11 + k.length + m.length);
  return out;
}

interface CallResult {
  outcome: VMOutcome;
  statuses: bigint[];
  result: string;
}

class Engine {
  readonly ext = new MockedExternal({ submodules: true });
  readonly cache = new LruContractCache<LoadResult<unknown>>();
  storageUsage = 1000n;

  constructor(readonly config: RuntimeConfig = ON) {}

  deploy(key: string, wasm: Uint8Array, p: SubmodulePolicy = policy()): void {
    this.ext.submodules!.deploy(utf8(key), wasm, p);
  }

  run(method: string, input: Uint8Array, contract = code.ENGINE): VMOutcome {
    return runContract({
      code: contract,
      method,
      context: testContext({ input, prepaidGas: 300n * TGAS, storageUsage: this.storageUsage }),
      config: this.config,
      external: this.ext,
      cache: this.cache,
    });
  }

  call(key: string, method: string, input: Uint8Array | string = '', gas = 100n * TGAS, repeat = 1): CallResult {
    const outcome = this.run('call', callInput(key, method, input, gas, repeat));
    if (outcome.aborted !== null) throw new Error(`engine aborted: ${JSON.stringify(outcome.aborted)}`);
    const value = outcome.returnData.kind === 'Value' ? outcome.returnData.value : new Uint8Array(0);
    const view = new DataView(value.buffer, value.byteOffset, value.byteLength);
    const statuses = Array.from({ length: repeat }, (_, n) => view.getBigUint64(8 * n, true));
    return { outcome, statuses, result: text(value.subarray(8 * repeat)) };
  }

  storage(): Record<string, string> {
    return Object.fromEntries(this.ext.storageEntries().map((e) => [text(e.key), Buffer.from(e.value).toString('hex')]));
  }
}

describe('calling submodules from the engine contract', () => {
  it('returns the submodule’s result; several calls per execution; compiled once, code read once', () => {
    const e = new Engine();
    e.deploy('echo', code.ECHO);
    const r = e.call('echo', 'echo', 'hello', 10n * TGAS, 3);
    expect(r.statuses).toEqual([0n, 0n, 0n]);
    expect(r.result).toBe('sub:hello');
    expect(e.ext.submodules!.codeReads).toBe(1);
    expect(r.outcome.profile.extensionProfile.get('submodule_call_base')).toBe(3n * ON.wasmConfig.submodules!.callBase.gas);
    expect(e.call('echo', 'echo', 'again').result).toBe('sub:again');
    expect(e.ext.submodules!.codeReads).toBe(1);
  });

  it('each submodule call’s fresh shared memory is counted for V8’s per-grow bookkeeping', () => {
    const e = new Engine();
    e.deploy('echo', code.ECHO);
    const before = sharedMemoryPressure.created;
    e.call('echo', 'echo', 'hello', 10n * TGAS, 3);
    // The engine contract's memory and one per submodule call (no collection runs this soon).
    expect(sharedMemoryPressure.created - before).toBe(4);
  });

  it('reports NotFound, Unloadable (no such method, bad wasm, forbidden import, import outside the policy)', () => {
    const e = new Engine();
    e.deploy('echo', code.ECHO, policy({ hostFunctions: ['input', 'read_register', 'value_return'] }));
    e.deploy('junk', utf8('not wasm'));
    e.deploy('receipts', code.RECEIPT_MAKER, policy({ hostFunctions: ['promise_batch_create'] }));
    expect(e.call('nope', 'echo')).toMatchObject({ statuses: [SubmoduleStatus.NotFound], result: 'no submodule under key 0x6e6f7065' });
    e.deploy('echo2', code.ECHO);
    expect(e.call('echo2', 'missing')).toMatchObject({ statuses: [SubmoduleStatus.Unloadable], result: 'MethodNotFound' });
    expect(e.call('junk', 'x').statuses).toEqual([SubmoduleStatus.Unloadable]);
    expect(e.call('junk', 'x').result).toContain('PrepareError');
    expect(e.call('receipts', 'go')).toMatchObject({
      statuses: [SubmoduleStatus.Unloadable],
      result: 'unknown or invalid import `env::promise_batch_create` for a submodule',
    });
    expect(e.call('echo', 'echo')).toMatchObject({ statuses: [SubmoduleStatus.Unloadable], result: "`env::register_len` is not in the submodule's policy" });
  });

  it('a trap comes back as Failed and the caller goes on', () => {
    const e = new Engine();
    e.deploy('c', code.COUNTER, policy({ hostFunctions: STORAGE_FNS }));
    expect(e.call('c', 'trap')).toMatchObject({ statuses: [SubmoduleStatus.Failed], result: 'WebAssembly trap: An `unreachable` opcode was executed.' });
  });

  it('storage: kept on success, rolled back on failure, refused outside the prefix', () => {
    const e = new Engine();
    e.deploy('c', code.COUNTER, policy({ storage: { type: 'Prefix', prefix: utf8('c/') }, hostFunctions: STORAGE_FNS }));
    const one = e.call('c', 'inc', '', 10n * TGAS, 2);
    expect(one.statuses).toEqual([0n, 0n]);
    expect(e.storage()).toEqual({ 'c/n': '0200000000000000' });
    // storage usage grew by one record (key 3 + value 8 + 40), only once
    expect(one.outcome.storageUsage).toBe(1000n + 3n + 8n + 40n);
    const failed = e.call('c', 'inc_then_trap');
    expect(failed.statuses).toEqual([SubmoduleStatus.Failed]);
    expect(e.storage()).toEqual({ 'c/n': '0200000000000000' });
    const outside = e.call('c', 'outside');
    expect(outside).toMatchObject({ statuses: [SubmoduleStatus.Forbidden], result: "storage key 0x78 is outside the submodule's prefix 0x632f" });
    expect(e.storage()).toEqual({ 'c/n': '0200000000000000' });
  });

  it('out of gas: the submodule burns exactly its budget', () => {
    const e = new Engine();
    e.deploy('c', code.COUNTER, policy({ hostFunctions: STORAGE_FNS }));
    const a = e.call('c', 'spin', '', 3n * TGAS);
    const b = e.call('c', 'spin', '', 5n * TGAS);
    expect(a.statuses).toEqual([SubmoduleStatus.OutOfGas]);
    expect(a.result).toBe(`Exceeded the gas budget of the submodule call (${3n * TGAS})`);
    expect(b.outcome.burntGas - a.outcome.burntGas).toBe(2n * TGAS);
    // Linear in the number of calls: each costs the same caller-side charges plus its budget.
    const [one, two, three] = [1, 2, 3].map((n) => e.call('c', 'spin', '', 3n * TGAS, n).outcome.burntGas);
    expect(three - two).toBe(two - one);
    expect(three - two - 3n * TGAS).toBeGreaterThan(0n);
    expect(three - two - 3n * TGAS).toBeLessThan(TGAS / 10n);
  });

  it('calls back into the contract’s exports at the submodule’s expense', () => {
    const e = new Engine();
    e.deploy('cb', code.CALLBACK, policy({ parentExports: ['double', 'bump', 'boom', 'spin', 'make_receipt'] }));
    const d = e.call('cb', 'double');
    expect(d.statuses).toEqual([0n]);
    expect(Buffer.from(d.result, 'latin1').readBigUInt64LE(0)).toBe(42n);
    expect(e.call('cb', 'boom')).toMatchObject({ statuses: [SubmoduleStatus.Failed], result: 'WebAssembly trap: An `unreachable` opcode was executed.' });
    const s3 = e.call('cb', 'spin', '', 3n * TGAS);
    const s5 = e.call('cb', 'spin', '', 5n * TGAS);
    expect(s3.statuses).toEqual([SubmoduleStatus.OutOfGas]);
    expect(s5.outcome.burntGas - s3.outcome.burntGas).toBe(2n * TGAS);
    expect(e.call('cb', 'make_receipt')).toMatchObject({
      statuses: [SubmoduleStatus.Forbidden],
      result: 'promise_batch_create cannot be called while a submodule call is active',
    });
    expect(e.ext.actionLog).toEqual([]);
  });

  it('callbacks run in the contract instance (its globals persist within the call)', () => {
    const e = new Engine();
    e.deploy('cb', code.CALLBACK, policy({ parentExports: ['double', 'bump', 'boom', 'spin', 'make_receipt'] }));
    // `call` runs bump3 twice in one execution; the contract's counter global sees all 6 bumps.
    const r = e.call('cb', 'bump3', '', 10n * TGAS, 2);
    expect(r.statuses).toEqual([0n, 0n]);
    expect(Buffer.from(r.result, 'latin1').readBigUInt64LE(0)).toBe(6n);
    // A new execution is a new contract instance.
    expect(Buffer.from(e.call('cb', 'bump3').result, 'latin1').readBigUInt64LE(0)).toBe(3n);
  });

  it('a parent export outside the policy does not link', () => {
    const e = new Engine();
    e.deploy('cb', code.CALLBACK, policy({ parentExports: ['double'] }));
    expect(e.call('cb', 'double')).toMatchObject({ statuses: [SubmoduleStatus.Unloadable], result: "`parent::bump` is not in the submodule's policy" });
  });

  it('a submodule calls another submodule (nested)', () => {
    const e = new Engine();
    e.deploy('echo', code.ECHO);
    e.deploy('nested', code.NESTED, policy({ hostFunctions: ['input', 'register_len', 'read_register', 'value_return', 'submodule_call'] }));
    expect(e.call('nested', 'go', 'deep')).toMatchObject({ statuses: [0n], result: 'sub:deep' });
  });

  it('computes what the same code computes as a function of the contract', () => {
    const e = new Engine();
    e.deploy('echo', code.ECHO);
    const args = new Uint8Array(16);
    new DataView(args.buffer).setBigUint64(0, 40n, true);
    new DataView(args.buffer).setBigUint64(8, 2n, true);
    const viaSub = e.call('echo', 'add', args);
    expect(viaSub.statuses).toEqual([0n]);
    const local = e.run('call', args, code.LOCAL_ADD);
    expect(local.returnData).toEqual(viaSub.outcome.returnData.kind === 'Value' ? { kind: 'Value', value: viaSub.outcome.returnData.value.subarray(8) } : null);
  });
});

describe('with the extension off (protocol 86)', () => {
  it('a contract importing submodule_call fails to link exactly like one importing an unknown function', async () => {
    const e = new Engine(runtimeConfig(86));
    const unknown = await wat('(module (import "env" "no_such_function" (func)) (func (export "call")))');
    const a = e.run('call', new Uint8Array(0));
    const b = e.run('call', new Uint8Array(0), unknown);
    expect(a.aborted).toEqual({ kind: 'LinkError', msg: 'unknown or invalid import' });
    expect(b.aborted).toEqual(a.aborted);
    expect(a.burntGas).toBe(b.burntGas + (BigInt(code.ENGINE.length - unknown.length) * runtimeConfig(86).wasmConfig.extCosts.contract_loading_bytes.gas));
  });

  it('a module importing from `parent` is refused by preparation, as at protocol 86', () => {
    const e = new Engine(runtimeConfig(86));
    const o = e.run('double', new Uint8Array(0), code.CALLBACK);
    expect(o.aborted).toEqual({ kind: 'CompilationError', error: { kind: 'PrepareError', error: 'Instantiate' } });
  });
});
