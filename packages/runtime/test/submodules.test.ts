/**
 * The submodules extension through the chain: DeploySubmodule / DeleteSubmodule actions (fees,
 * storage usage, permissions, validation), a contract calling its submodules, a contract deploying
 * one through a promise, rollback in the trie, DeleteAccount, and protocol 86 with the extension off.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import wabtInit from 'wabt';
import {
  BorshError,
  encode,
  NEAR,
  SignedTransactionCodec,
  submoduleTrieKeys,
  SubmodulePolicyCodec,
  type Action,
  type SubmodulePolicy,
} from '@nearts/primitives';
import { runtimeConfig, withSubmodules } from '@nearts/runtime-fees';
import { checkSupplyInvariant, gasProfileView, submoduleStorageUsage, type Chain } from '../src/index.js';
import { transactionHash, type KeyPair, type SignedTransaction } from '@nearts/primitives';
import { keyOf, testChain } from './helpers.js';
import { COUNTER, ECHO, ENGINE } from './submodule-contracts.js';

const ON = withSubmodules(runtimeConfig(86));
const S = ON.wasmConfig.submodules!;
const TGAS = 10n ** 12n;
const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

const EXT = { submodules: true } as const;

/** Like the helpers' signTx, but hashing with the submodules extension (the chain runs with it). */
function signTx(signer: string, key: KeyPair, receiver: string, nonce: bigint, actions: Action[], blockHash: Uint8Array, ext = true): SignedTransaction {
  const transaction = { version: 'V0' as const, signerId: signer, publicKey: key.publicKey, nonce, receiverId: receiver, blockHash, actions };
  return { transaction, signature: key.sign(transactionHash(transaction, ext ? EXT : undefined)) };
}

/** The helpers' execute, signing with `signTx` above. */
function execute(chain: Chain, signer: string, receiver: string, actions: Action[]) {
  const key = keyOf(signer);
  const nonce = (chain.viewAccessKey(signer, key.publicKey)?.nonce ?? 0n) + 1n;
  const hash = chain.submit(signTx(signer, key, receiver, nonce, actions, chain.head.hash));
  chain.runUntilIdle();
  checkSupplyInvariant(chain);
  const final = chain.finalOutcome(hash);
  return { hash, final, tx: final.transactionOutcome.outcome.outcome, receipts: final.receiptsOutcome.map((r) => r.outcome.outcome) };
}

const wasm: Record<string, Uint8Array> = {};
beforeAll(async () => {
  const wabt = await wabtInit();
  for (const [name, src] of Object.entries({ ENGINE, ECHO, COUNTER, UNKNOWN_IMPORT: '(module (import "env" "no_such_function" (func)) (func (export "call")))' })) {
    const m = wabt.parseWat(`${name}.wat`, src);
    try {
      wasm[name] = new Uint8Array(m.toBinary({}).buffer);
    } finally {
      m.destroy();
    }
  }
});

const POLICY: SubmodulePolicy = {
  storage: { type: 'Prefix', prefix: utf8('c/') },
  parentExports: [],
  hostFunctions: ['input', 'register_len', 'read_register', 'value_return', 'storage_read', 'storage_write'],
};

function deploy(key: string, code: Uint8Array, policy: SubmodulePolicy = POLICY): Action {
  return { type: 'DeploySubmodule', key: utf8(key), code, policy };
}

function callArgs(key: string, method: string, input = '', gas = 20n * TGAS): Uint8Array {
  const k = utf8(key);
  const m = utf8(method);
  const i = utf8(input);
  const out = new Uint8Array(2 + k.length + 1 + m.length + 8 + i.length);
  out[0] = 1;
  out[1] = k.length;
  out.set(k, 2);
  out[2 + k.length] = m.length;
  out.set(m, 3 + k.length);
  new DataView(out.buffer).setBigUint64(3 + k.length + m.length, gas, true);
  out.set(i, 11 + k.length + m.length);
  return out;
}

function fc(method: string, args: Uint8Array, gas = 100n * TGAS): Action {
  return { type: 'FunctionCall', methodName: method, args, gas, deposit: 0n };
}

/** Calls the engine's `call`; returns the submodule status and the result register as text. */
function callSub(chain: Chain, key: string, method: string, input = '', gas?: bigint): { status: bigint; result: string } {
  const { final } = execute(chain, 'bob.near', 'engine.near', [fc('call', callArgs(key, method, input, gas))]);
  if (final.status.kind !== 'SuccessValue') throw new Error(`call failed: ${JSON.stringify(final.status)}`);
  const v = final.status.value;
  return { status: Buffer.from(v).readBigUInt64LE(0), result: text(v.subarray(8)) };
}

const engineChain = () =>
  testChain({ runtimeConfig: ON, accounts: [{ accountId: 'engine.near', amount: 50n * NEAR, code: wasm.ENGINE, keys: [keyOf('engine.near').publicKey] }] });

describe('DeploySubmodule / DeleteSubmodule', () => {
  it('store code + record, charge the extension fees, and count storage usage', () => {
    const chain = engineChain();
    const before = chain.viewAccount('engine.near')!;
    const action = deploy('counter', wasm.COUNTER);
    const { final, tx, receipts } = execute(chain, 'engine.near', 'engine.near', [action]);
    expect(final.status).toEqual({ kind: 'SuccessValue', value: new Uint8Array(0) });
    const bytes = BigInt(7 + wasm.COUNTER.length + encode(SubmodulePolicyCodec, POLICY).length);
    const receiptFee = ON.fees.actionFees.new_action_receipt;
    expect(tx.gasBurnt).toBe(receiptFee.sendSir + S.deployFee.sendSir + bytes * S.deployPerByteFee.sendSir);
    expect(receipts[0].gasBurnt).toBe(receiptFee.execution + S.deployFee.execution + bytes * S.deployPerByteFee.execution);
    const state = chain.stateOf('engine.near');
    expect(state.get(submoduleTrieKeys.code('engine.near', utf8('counter')))).toEqual(wasm.COUNTER);
    const record = state.get(submoduleTrieKeys.record('engine.near', utf8('counter')))!;
    expect(record.length).toBe(32 + 8 + encode(SubmodulePolicyCodec, POLICY).length);
    const usage = submoduleStorageUsage(ON, utf8('counter'), BigInt(wasm.COUNTER.length), BigInt(record.length));
    expect(usage).toBe(2n * (7n + 40n) + BigInt(wasm.COUNTER.length) + BigInt(record.length));
    expect(chain.viewAccount('engine.near')!.storageUsage).toBe(before.storageUsage + usage);

    const del = execute(chain, 'engine.near', 'engine.near', [{ type: 'DeleteSubmodule', key: utf8('counter') }]);
    expect(del.final.status.kind).toBe('SuccessValue');
    expect(del.tx.gasBurnt).toBe(receiptFee.sendSir + S.deleteFee.sendSir + 7n * S.deletePerByteFee.sendSir);
    expect(chain.viewAccount('engine.near')!.storageUsage).toBe(before.storageUsage);
    expect(state.get(submoduleTrieKeys.code('engine.near', utf8('counter')))).toBeUndefined();
    // Deleting again is a no-op.
    expect(execute(chain, 'engine.near', 'engine.near', [{ type: 'DeleteSubmodule', key: utf8('counter') }]).final.status.kind).toBe('SuccessValue');
  });

  it('only the account itself may deploy or delete', () => {
    const chain = engineChain();
    const { final } = execute(chain, 'bob.near', 'engine.near', [deploy('x', wasm.ECHO)]);
    expect(final.status).toMatchObject({ kind: 'Failure', error: { kind: 'ActionError', error: { kind: { kind: 'ActorNoPermission', account_id: 'engine.near', actor_id: 'bob.near' } } } });
  });

  it('validation: key length and code size', () => {
    const chain = engineChain();
    const tooLong = deploy('k'.repeat(Number(S.maxKeyLength) + 1), wasm.ECHO);
    const tx = signTx('engine.near', keyOf('engine.near'), 'engine.near', 1n, [tooLong], chain.head.hash);
    expect(() => chain.submit(tx)).toThrow(expect.objectContaining({ data: { kind: 'ActionsValidation', error: { kind: 'UnsupportedProtocolFeature', protocol_feature: 'SubmoduleKeyLength', version: 86 } } }));
    const big = deploy('k', new Uint8Array(Number(ON.wasmConfig.limitConfig.maxContractSize) + 1));
    const tx2 = signTx('engine.near', keyOf('engine.near'), 'engine.near', 1n, [big], chain.head.hash);
    expect(() => chain.submit(tx2)).toThrow(expect.objectContaining({ data: expect.objectContaining({ kind: 'ActionsValidation' }) }));
  });
});

describe('a contract calling its submodules', () => {
  it('deploy (as bytes, the way a wallet sends it), call, change storage, roll back a failure, delete', () => {
    const chain = engineChain();
    const t = signTx('engine.near', keyOf('engine.near'), 'engine.near', 1n, [deploy('counter', wasm.COUNTER), deploy('echo', wasm.ECHO, { ...POLICY, storage: { type: 'WholeAccount' } })], chain.head.hash);
    chain.submit(encode(SignedTransactionCodec, t, { submodules: true }));
    chain.runUntilIdle();
    checkSupplyInvariant(chain);

    expect(callSub(chain, 'echo', 'echo', 'hi')).toEqual({ status: 0n, result: 'sub:hi' });
    expect(callSub(chain, 'counter', 'inc').status).toBe(0n);
    expect(callSub(chain, 'counter', 'inc').status).toBe(0n);
    const state = chain.stateOf('engine.near');
    const counterKey = new Uint8Array([9, ...utf8('engine.near'), 0x2c, ...utf8('c/n')]);
    expect(Buffer.from(state.get(counterKey)!).readBigUInt64LE(0)).toBe(2n);
    const usage = chain.viewAccount('engine.near')!.storageUsage;

    expect(callSub(chain, 'counter', 'inc_then_trap')).toEqual({ status: 3n, result: 'WebAssembly trap: An `unreachable` opcode was executed.' });
    expect(Buffer.from(state.get(counterKey)!).readBigUInt64LE(0)).toBe(2n);
    expect(callSub(chain, 'counter', 'outside').status).toBe(5n);
    expect(state.get(new Uint8Array([9, ...utf8('engine.near'), 0x2c, ...utf8('x')]))).toBeUndefined();
    expect(callSub(chain, 'counter', 'spin', '', 2n * TGAS).status).toBe(4n);
    expect(chain.viewAccount('engine.near')!.storageUsage).toBe(usage);

    execute(chain, 'engine.near', 'engine.near', [{ type: 'DeleteSubmodule', key: utf8('echo') }]);
    expect(callSub(chain, 'echo', 'echo', 'hi').status).toBe(1n);
  });

  it('the gas profile view lists the extension fees, and accounts for every gas unit', () => {
    const chain = engineChain();
    execute(chain, 'engine.near', 'engine.near', [deploy('echo', wasm.ECHO, { ...POLICY, storage: { type: 'WholeAccount' } })]);
    const { receipts } = execute(chain, 'bob.near', 'engine.near', [fc('call', callArgs('echo', 'echo', 'hi'))]);
    const meta = receipts[0].metadata;
    if (meta.version !== 4) throw new Error('expected ExecutionMetadata V4');
    const view = gasProfileView(meta.profile) as Array<{ cost_category: string; cost: string; gas_used: string }>;
    expect(view.find((e) => e.cost === 'SUBMODULE_CALL_BASE')).toEqual({ cost_category: 'WASM_HOST_COST', cost: 'SUBMODULE_CALL_BASE', gas_used: String(S.callBase.gas) });
    const p = meta.profile;
    const fees = ON.fees.actionFees;
    const vm = receipts[0].gasBurnt - fees.new_action_receipt.execution - fees.function_call_base.execution - BigInt(4 + callArgs('echo', 'echo', 'hi').length) * fees.function_call_byte.execution;
    expect(p.wasmGas + p.hostGas() + p.actionGas() + p.extensionGas()).toBe(vm);
  });

  it('the contract deploys a submodule through promise_batch_action_deploy_submodule', () => {
    const chain = engineChain();
    const args = new Uint8Array([3, ...utf8('dyn'), ...wasm.ECHO]);
    const { final, receipts } = execute(chain, 'bob.near', 'engine.near', [fc('deploy_sub', args)]);
    expect(final.status.kind).toBe('SuccessValue');
    // the call, the DeploySubmodule receipt it created, and refunds
    expect(receipts[1].status).toEqual({ kind: 'SuccessValue', value: new Uint8Array(0) });
    expect(callSub(chain, 'dyn', 'echo', 'x')).toEqual({ status: 0n, result: 'sub:x' });
  });

  it('DeleteAccount removes the submodules', () => {
    const chain = engineChain();
    execute(chain, 'engine.near', 'engine.near', [deploy('echo', wasm.ECHO)]);
    const { final } = execute(chain, 'engine.near', 'engine.near', [{ type: 'DeleteAccount', beneficiaryId: 'bob.near' }]);
    expect(final.status.kind).toBe('SuccessValue');
    const state = chain.stateOf('engine.near');
    expect([...state.iter(submoduleTrieKeys.codePrefix('engine.near'))]).toEqual([]);
    expect([...state.iter(submoduleTrieKeys.recordPrefix('engine.near'))]).toEqual([]);
  });
});

describe('with the extension off (protocol 86)', () => {
  const chain86 = () =>
    testChain({
      accounts: [
        { accountId: 'engine.near', amount: 50n * NEAR, code: wasm.ENGINE, keys: [keyOf('engine.near').publicKey] },
        { accountId: 'other.near', amount: 50n * NEAR, code: wasm.UNKNOWN_IMPORT },
      ],
    });

  it('a transaction carrying DeploySubmodule is rejected as any unknown action is', () => {
    const chain = chain86();
    const t = signTx('engine.near', keyOf('engine.near'), 'engine.near', 1n, [deploy('k', wasm.ECHO)], chain.head.hash);
    const bytes = encode(SignedTransactionCodec, t, EXT);
    const caught = (f: () => unknown): BorshError => {
      try {
        f();
      } catch (e) {
        return e as BorshError;
      }
      throw new Error('accepted');
    };
    const viaBytes = caught(() => chain.submit(bytes));
    // The same transaction with the action's tag replaced by 15, the next tag nearcore has not assigned.
    const unknown = bytes.slice();
    unknown[unknown.indexOf(200, 4 + 'engine.near'.length * 2 + 33 + 8 + 32)] = 15;
    const viaUnknownTag = caught(() => chain.submit(unknown));
    expect(viaBytes).toBeInstanceOf(BorshError);
    expect(viaBytes.reason).toBe('bad_enum_tag');
    expect(viaBytes.message).toBe(viaUnknownTag.message.replace('tag 15', 'tag 200'));
    const viaObject = caught(() => chain.submit(t));
    expect(viaObject.reason).toBe('unencodable');
    expect(viaObject.detail).toBe('unknown action type "DeploySubmodule"');
  });

  it('a contract importing submodule_call fails to link like one importing an unknown function', () => {
    const chain = chain86();
    const engine = execute(chain, 'bob.near', 'engine.near', [fc('call', callArgs('echo', 'echo'))]);
    const other = execute(chain, 'bob.near', 'other.near', [fc('call', callArgs('echo', 'echo'))]);
    expect(engine.final.status).toMatchObject({
      kind: 'Failure',
      error: { kind: 'ActionError', error: { kind: { kind: 'FunctionCallError', error: { kind: 'ExecutionError', msg: 'Link Error: unknown or invalid import' } } } },
    });
    expect(engine.final.status).toEqual(other.final.status);
  });
});
