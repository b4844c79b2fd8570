/**
 * The submodules extension inside vm-logic: `submodule_call` with a test engine that runs a JS
 * function as the submodule (the wasm engine is vm-runner's business), the gas frame, rollback,
 * the storage prefix, the receipt guard, depth, and the deploy/delete host functions.
 */
import { describe, expect, it } from 'vitest';
import { HostError, type FunctionCallErrorData } from '@nearts/vm-errors';
import { encode, SubmodulePolicyCodec, type SubmodulePolicy } from '@nearts/primitives';
import { runtimeConfig, withSubmodules } from '@nearts/runtime-fees';
import {
  GasCounter,
  MockMemory,
  MockedExternal,
  SubmoduleGasExhausted,
  SubmoduleStatus,
  VMLogic,
  availableHostFunctions,
  getHostFunction,
  invokeHostFunction,
  linkableHostFunctions,
  testContext,
  type SubmoduleEngine,
  type SubmoduleRun,
} from '../src/index.js';
import { C, MR, RC86, RW, U64_MAX, utf8 } from './helpers.js';

const ON = withSubmodules(runtimeConfig(86));
const S = ON.wasmConfig.submodules!;
const TGAS = 10n ** 12n;
const decoder = new TextDecoder();

type Body = (run: SubmoduleRun, host: (name: string, ...args: (bigint | number)[]) => bigint | number | undefined, mem: MockMemory) => FunctionCallErrorData | null;

/** Runs the JS function registered for a method as the "submodule"; host calls go through the table. */
class TestEngine implements SubmoduleEngine {
  readonly bodies = new Map<string, Body>();
  runs: SubmoduleRun[] = [];
  run(run: SubmoduleRun): FunctionCallErrorData | null {
    this.runs.push(run);
    const mem = new MockMemory();
    run.logic.setMemory(mem);
    const host = (name: string, ...args: (bigint | number)[]) => invokeHostFunction(run.logic, getHostFunction(name)!, args);
    const body = this.bodies.get(run.method);
    if (body === undefined) return { kind: 'MethodResolveError', error: 'MethodNotFound' };
    try {
      return body(run, host, mem);
    } catch (e) {
      if (e instanceof HostError) return { kind: 'HostError', error: e.data };
      throw e;
    }
  }
}

const WHOLE: SubmodulePolicy = { storage: { type: 'WholeAccount' }, parentExports: [], hostFunctions: ['storage_write', 'storage_read', 'log_utf8', 'value_return', 'input', 'read_register', 'submodule_call'] };

function setup(prepaidGas = 300n * TGAS) {
  const ext = new MockedExternal({ submodules: true });
  const mem = new MockMemory();
  const logic = new VMLogic({ ext, context: testContext({ prepaidGas }), config: ON.wasmConfig, fees: ON.fees, memory: mem });
  const engine = new TestEngine();
  logic.submoduleEngine = engine;
  let at = 0;
  const put = (data: Uint8Array | string): [bigint, bigint] => {
    const b = typeof data === 'string' ? utf8(data) : data;
    mem.write(BigInt(at), b);
    const ptr = BigInt(at);
    at += b.length + 8;
    return [BigInt(b.length), ptr];
  };
  const call = (key: string, method: string, input: string, gas = 100n * TGAS, register = 7n): bigint => {
    const [kl, kp] = put(key);
    const [ml, mp] = put(method);
    const [il, ip] = put(input);
    return invokeHostFunction(logic, getHostFunction('submodule_call')!, [kl, kp, ml, mp, il, ip, gas, register]) as bigint;
  };
  const register = (id = 7n) => decoder.decode(logic.registers.peek(id));
  return { ext, logic, engine, call, register, put, store: ext.submodules! };
}

/** A submodule host call writing key → value from the submodule's memory. */
function write(host: Parameters<Body>[1], mem: MockMemory, key: string, value: string): void {
  mem.write(0n, utf8(key));
  mem.write(100n, utf8(value));
  host('storage_write', BigInt(key.length), 0n, BigInt(value.length), 100n, 0n);
}

function ret(host: Parameters<Body>[1], mem: MockMemory, value: string): void {
  mem.write(200n, utf8(value));
  host('value_return', BigInt(value.length), 200n);
}

describe('with the extension off', () => {
  it('no submodule host function links (they are unknown imports, as at protocol 86)', () => {
    const linkable = linkableHostFunctions(RC86.wasmConfig);
    expect(linkable.size).toBe(89);
    for (const n of ['submodule_call', 'promise_batch_action_deploy_submodule', 'promise_batch_action_delete_submodule']) expect(linkable.has(n)).toBe(false);
    expect(availableHostFunctions(RC86.wasmConfig).some((e) => e.name.includes('submodule'))).toBe(false);
  });

  it('a plain MockedExternal has no submodule store', () => {
    expect(new MockedExternal().submodules).toBeUndefined();
  });
});

describe('with the extension on', () => {
  it('links the three host functions after nearcore’s, with their signatures', () => {
    const linkable = linkableHostFunctions(ON.wasmConfig);
    expect(linkable.size).toBe(92);
    expect(linkable.get('submodule_call')).toEqual({ params: Array(8).fill('i64'), results: ['i64'] });
    expect(linkable.get('promise_batch_action_deploy_submodule')).toEqual({ params: Array(11).fill('i64'), results: [] });
    expect(linkable.get('promise_batch_action_delete_submodule')).toEqual({ params: Array(3).fill('i64'), results: [] });
  });
});

describe('submodule_call', () => {
  it('NotFound: charges the caller base, reads, call base, the record lookup; message in the register', () => {
    const h = setup();
    expect(h.call('k', 'm', 'in')).toBe(SubmoduleStatus.NotFound);
    const message = 'no submodule under key 0x6b';
    expect(h.register()).toBe(message);
    const expected =
      C.base + MR(1n) + MR(1n) + C.utf8_decoding_base + C.utf8_decoding_byte + MR(2n) + S.callBase.gas + 2n * S.callByte.gas +
      C.storage_read_base + C.storage_read_key_byte + RW(BigInt(message.length));
    expect(h.logic.gas.burntGas()).toBe(expected);
    expect(h.logic.gas.profileData().extensionProfile).toEqual(new Map([['submodule_call_base', S.callBase.gas], ['submodule_call_byte', 2n * S.callByte.gas]]));
  });

  it('Ok: the submodule gets the input, its return value comes back; record read and loading fee charged', () => {
    const h = setup();
    const code = new Uint8Array(300);
    h.store.deploy(utf8('k'), code, WHOLE);
    h.engine.bodies.set('echo', (run, host, mem) => {
      host('input', 1n);
      host('read_register', 1n, 0n);
      const input = decoder.decode(mem.read(0n, BigInt(run.logic.context.input.length)));
      ret(host, mem, `echo:${input}`);
      return null;
    });
    const before = h.logic.gas.burntGas();
    expect(h.call('k', 'echo', 'hi')).toBe(SubmoduleStatus.Ok);
    expect(h.register()).toBe('echo:hi');
    const run = h.engine.runs[0];
    expect(run.scope.depth).toBe(1);
    expect([...run.scope.hostFunctions].sort()).toEqual([...WHOLE.hostFunctions].sort());
    expect(run.logic.context.input).toEqual(utf8('hi'));
    expect(run.logic.gas).toBe(h.logic.gas);
    // The record is 32 + 8 + borsh(policy) bytes.
    const recordLen = 40n + BigInt(encode(SubmodulePolicyCodec, WHOLE).length);
    const inFrame = h.logic.gas.burntGas() - before;
    const caller =
      C.base + MR(1n) + MR(4n) + C.utf8_decoding_base + 4n * C.utf8_decoding_byte + MR(2n) + S.callBase.gas + 2n * S.callByte.gas +
      C.storage_read_base + C.storage_read_key_byte + recordLen * C.storage_read_value_byte + 300n * C.contract_loading_bytes + C.contract_loading_base +
      7n * S.callByte.gas + RW(7n);
    const sub = C.base + C.write_register_base /* input: no per-byte fee */ + C.base + C.read_register_base + 2n * C.read_register_byte + C.write_memory_base + 2n * C.write_memory_byte + C.base + MR(7n);
    expect(inFrame).toBe(caller + sub);
    expect(h.store.codeReads).toBe(0); // the test engine never asks for the code
  });

  it('a failing submodule returns Failed with the error text; its storage, usage and logs are rolled back', () => {
    const h = setup();
    h.store.deploy(utf8('k'), new Uint8Array(10), WHOLE);
    h.engine.bodies.set('write_then_panic', (_run, host, mem) => {
      write(host, mem, 'a', 'xyz');
      mem.write(300n, utf8('log!'));
      host('log_utf8', 4n, 300n);
      host('panic');
      return null;
    });
    h.engine.bodies.set('write', (_run, host, mem) => {
      write(host, mem, 'b', 'uvw');
      return null;
    });
    const usage = h.logic.currentStorageUsage;
    expect(h.call('k', 'write_then_panic', '')).toBe(SubmoduleStatus.Failed);
    expect(h.register()).toBe('Smart contract panicked: explicit guest panic');
    expect(h.ext.storageEntries()).toEqual([]);
    expect(h.logic.currentStorageUsage).toBe(usage);
    expect(h.logic.logs).toEqual([]);
    expect(h.logic.totalLogLength).toBe(0n);
    expect(h.call('k', 'write', '')).toBe(SubmoduleStatus.Ok);
    expect(h.ext.storageEntries().map((e) => decoder.decode(e.key))).toEqual(['b']);
    expect(h.logic.currentStorageUsage).toBe(usage + 1n + 3n + 40n);
  });

  it('Unloadable for an unknown method; DepthExceeded past max_submodule_call_depth', () => {
    const h = setup();
    h.store.deploy(utf8('k'), new Uint8Array(10), WHOLE);
    expect(h.call('k', 'nope', '')).toBe(SubmoduleStatus.Unloadable);
    expect(h.register()).toBe('MethodNotFound');
    // A submodule that calls itself: depth 1..4 run, the 5th call is refused.
    const depths: number[] = [];
    h.engine.bodies.set('recurse', (run, host, mem) => {
      depths.push(run.scope.depth);
      mem.write(0n, utf8('krecurse'));
      const status = host('submodule_call', 1n, 0n, 7n, 1n, 0n, 0n, 50n * TGAS, 3n) as bigint;
      mem.write(500n, new TextEncoder().encode(String(status)));
      host('value_return', 1n, 500n);
      return null;
    });
    expect(h.call('k', 'recurse', '')).toBe(SubmoduleStatus.Ok);
    expect(depths).toEqual([1, 2, 3, 4]);
    expect(h.register()).toBe('0');
    expect(decoder.decode(h.engine.runs.at(-1)!.logic.registers.peek(3n))).toBe('submodule calls nested deeper than 4');
  });

  it('OutOfGas: the submodule stops at its budget; the caller keeps the rest and goes on', () => {
    const h = setup();
    h.store.deploy(utf8('k'), new Uint8Array(10), WHOLE);
    let spent = 0n;
    h.engine.bodies.set('spin', (run) => {
      const start = run.logic.gas.burntGas();
      try {
        for (;;) run.logic.burnWasmGas(1_000_000_000n);
      } finally {
        spent = run.logic.gas.burntGas() - start;
      }
    });
    expect(h.call('k', 'spin', '', 5n * TGAS)).toBe(SubmoduleStatus.OutOfGas);
    expect(spent).toBe(5n * TGAS);
    expect(h.register()).toBe(`Exceeded the gas budget of the submodule call (${5n * TGAS})`);
    expect(h.logic.gas.frameDepth).toBe(0);
    expect(h.logic.gas.gasLimit()).toBe(300n * TGAS);
    h.logic.burnWasmGas(100n * TGAS); // the caller still has its gas
  });

  it('a budget larger than what is left is clamped to it; then the caller itself runs out writing the result', () => {
    const h = setup(10n * TGAS);
    h.store.deploy(utf8('k'), new Uint8Array(10), WHOLE);
    h.engine.bodies.set('spin', (run) => {
      for (;;) run.logic.burnWasmGas(10n ** 9n);
    });
    expect(() => h.call('k', 'spin', '', U64_MAX)).toThrow(expect.objectContaining({ data: { kind: 'GasExceeded' } }));
    expect(h.logic.gas.burntGas()).toBe(10n * TGAS);
    expect(h.logic.gas.frameDepth).toBe(0);
  });

  it('Forbidden: storage outside the prefix, checked after the key was charged', () => {
    const h = setup();
    h.store.deploy(utf8('k'), new Uint8Array(10), { ...WHOLE, storage: { type: 'Prefix', prefix: utf8('p/') } });
    h.engine.bodies.set('inside', (_run, host, mem) => {
      write(host, mem, 'p/1', 'v');
      return null;
    });
    h.engine.bodies.set('outside', (_run, host, mem) => {
      write(host, mem, 'p/2', 'v');
      write(host, mem, 'q/1', 'v');
      return null;
    });
    expect(h.call('k', 'inside', '')).toBe(SubmoduleStatus.Ok);
    expect(h.call('k', 'outside', '')).toBe(SubmoduleStatus.Forbidden);
    expect(h.register()).toBe("storage key 0x712f31 is outside the submodule's prefix 0x702f");
    expect(h.ext.storageEntries().map((e) => decoder.decode(e.key))).toEqual(['p/1']);
  });

  it('a nested submodule is held to its caller’s prefix and host functions as well', () => {
    const h = setup();
    h.store.deploy(utf8('outer'), new Uint8Array(10), { storage: { type: 'Prefix', prefix: utf8('a') }, parentExports: [], hostFunctions: ['submodule_call', 'storage_write'] });
    h.store.deploy(utf8('inner'), new Uint8Array(10), WHOLE);
    h.engine.bodies.set('go', (run, host, mem) => {
      if (run.scope.depth === 1) {
        mem.write(0n, utf8('innergo'));
        const status = host('submodule_call', 5n, 0n, 2n, 5n, 0n, 0n, TGAS, 1n);
        return status === SubmoduleStatus.Forbidden ? { kind: 'HostError', error: { kind: 'GuestPanic', panic_msg: 'inner was forbidden' } } : null;
      }
      expect([...run.scope.hostFunctions].sort()).toEqual(['storage_write', 'submodule_call']);
      expect(run.scope.prefixes).toEqual([utf8('a')]);
      write(host, mem, 'b', 'v');
      return null;
    });
    expect(h.call('outer', 'go', '')).toBe(SubmoduleStatus.Failed);
    expect(h.register()).toBe('Smart contract panicked: inner was forbidden');
  });

  it('code the contract runs while a submodule call is active may not touch receipts', () => {
    const h = setup();
    h.store.deploy(utf8('k'), new Uint8Array(10), WHOLE);
    h.engine.bodies.set('callback', () => {
      // What a parent export called by the submodule would do through the contract's own imports.
      invokeHostFunction(h.logic, getHostFunction('promise_batch_create')!, [5n, 0n]);
      return null;
    });
    expect(h.call('k', 'callback', '')).toBe(SubmoduleStatus.Forbidden);
    expect(h.register()).toBe('promise_batch_create cannot be called while a submodule call is active');
    expect(h.ext.actionLog).toEqual([]);
  });

  it('key length is limited like a storage key (KeyLengthExceeded aborts the caller)', () => {
    const h = setup();
    expect(() => h.call('k'.repeat(1025), 'm', '')).toThrow(HostError);
  });

  it('without an engine the submodule is Unloadable', () => {
    const h = setup();
    h.store.deploy(utf8('k'), new Uint8Array(10), WHOLE);
    h.logic.submoduleEngine = null;
    expect(h.call('k', 'm', '')).toBe(SubmoduleStatus.Unloadable);
  });
});

describe('gas frames', () => {
  const counter = () => new GasCounter(RC86.wasmConfig.extCosts, 300n * TGAS, 1n, 100n * TGAS, false);

  it('cap used gas at entry + budget and restore the limit on exit', () => {
    const g = counter();
    g.burnGas(10n);
    expect(g.enterFrame(1000n)).toBe(1000n);
    expect(g.gasLimit()).toBe(1010n);
    g.burnGas(990n);
    expect(() => g.burnGas(11n)).toThrow(SubmoduleGasExhausted);
    expect(g.burntGas()).toBe(1010n);
    g.exitFrame();
    expect(g.gasLimit()).toBe(100n * TGAS);
    g.burnGas(TGAS);
  });

  it('nest, and grant no more than is available', () => {
    const g = counter();
    g.enterFrame(1000n);
    expect(g.enterFrame(5000n)).toBe(1000n);
    expect(g.frameDepth).toBe(2);
    g.exitFrame();
    g.exitFrame();
    expect(() => g.exitFrame()).toThrow();
    expect(g.enterFrame(U64_MAX)).toBe(100n * TGAS);
  });
});

describe('promise_batch_action_deploy_submodule / delete_submodule', () => {
  it('append the actions and charge their fees like other actions', () => {
    const h = setup();
    const [al, ap] = h.put('bob.near');
    const idx = invokeHostFunction(h.logic, getHostFunction('promise_batch_create')!, [al, ap]) as bigint;
    const [kl, kp] = h.put('k1');
    const [cl, cp] = h.put(new Uint8Array(50));
    const [pl, pp] = h.put('pre');
    const [el, ep] = h.put('a,b');
    const [fl, fp] = h.put('log_utf8');
    const before = h.logic.gas.usedGas();
    invokeHostFunction(h.logic, getHostFunction('promise_batch_action_deploy_submodule')!, [idx, kl, kp, cl, cp, pl, pp, el, ep, fl, fp]);
    const policy: SubmodulePolicy = { storage: { type: 'Prefix', prefix: utf8('pre') }, parentExports: ['a', 'b'], hostFunctions: ['log_utf8'] };
    expect(h.store.actionLog).toEqual([{ kind: 'DeploySubmodule', receiptIndex: 0, key: utf8('k1'), code: new Uint8Array(50), policy }]);
    const bytes = 2n + 50n + BigInt(encode(SubmodulePolicyCodec, policy).length);
    const reads = C.base + MR(2n) + MR(50n) + MR(3n) + MR(3n) + MR(8n);
    const fees = S.deployFee.sendNotSir + S.deployFee.execution + bytes * (S.deployPerByteFee.sendNotSir + S.deployPerByteFee.execution);
    expect(h.logic.gas.usedGas() - before).toBe(reads + fees);
    invokeHostFunction(h.logic, getHostFunction('promise_batch_action_delete_submodule')!, [idx, kl, kp]);
    expect(h.store.actionLog[1]).toEqual({ kind: 'DeleteSubmodule', receiptIndex: 0, key: utf8('k1') });
  });

  it('reject an empty name in a list (EmptyMethodName)', () => {
    const h = setup();
    const [al, ap] = h.put('bob.near');
    const idx = invokeHostFunction(h.logic, getHostFunction('promise_batch_create')!, [al, ap]) as bigint;
    const [el, ep] = h.put('a,,b');
    expect(() => invokeHostFunction(h.logic, getHostFunction('promise_batch_action_deploy_submodule')!, [idx, 1n, 0n, 0n, 0n, 0n, 0n, el, ep, 0n, 0n])).toThrow(
      expect.objectContaining({ data: { kind: 'EmptyMethodName' } }),
    );
  });
});
