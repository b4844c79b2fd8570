import { encode, KeyPair, NEAR, SignedTransactionCodec, TGAS } from '@nearts/primitives';
import { beforeAll, describe, expect, it } from 'vitest';
import { Sandbox, SandboxError, TransactionFailedError } from '../../src/sandbox/index.js';
import { buildContracts, CLOCK_WASM, contract } from './helpers.js';

const le64 = (b: Uint8Array): bigint => Buffer.from(b).readBigUInt64LE(0);
const u64 = (n: bigint): Uint8Array => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(n);
  return new Uint8Array(b);
};

beforeAll(() => buildContracts());

describe('accounts, deploy, call, view', () => {
  it('creates sub-accounts funded by the root, with keys the sandbox holds', () => {
    const sandbox = Sandbox.create();
    const root = sandbox.root;
    expect(root.accountId).toBe('test.near');
    const before = root.accountView().amount;
    const alice = root.createSubAccount('alice', { initialBalance: '10 NEAR' });
    expect(alice.accountId).toBe('alice.test.near');
    expect(alice.accountView().amount).toBe(10n * NEAR);
    // 100 bytes + one ed25519 full-access key (40 + 33 + 9).
    expect(alice.accountView().storageUsage).toBe(182n);
    expect(alice.keyPair.publicKey.toString()).toBe(KeyPair.fromNearcoreTestSeed('alice.test.near').publicKey.toString());
    const spent = before - root.accountView().amount;
    // 10 NEAR plus the gas of create + transfer + add key at 1e8 (+ the account creation charge of protocol 86).
    expect(spent > 10n * NEAR).toBe(true);
    expect(spent < 10n * NEAR + NEAR / 10n).toBe(true);
    sandbox.checkSupply();
  });

  it('deploys, calls with a log, views; a contract panic is data in callRaw and an exception in call', () => {
    const sandbox = Sandbox.create();
    const counter = sandbox.root.createSubAccount('counter');
    const deployed = counter.deploy(contract('counter'));
    expect(deployed.succeeded).toBe(true);
    const alice = sandbox.root.createSubAccount('alice');

    const inc = alice.callRaw(counter, 'increment');
    expect(inc.succeeded).toBe(true);
    expect(inc.logs).toEqual(['counter is now 1']);
    // Conversion: receipt 108_059_500_000 + function call 200_000_000_000 + 47_683_715 × 9 bytes.
    expect(inc.transactionOutcome!.gasBurnt).toBe(308_488_653_435n);
    expect(inc.receipts.map((r) => r.executorId)).toEqual(['counter.test.near', 'alice.test.near']);
    expect(counter.view('get_num')).toBe(1);
    expect(alice.call(counter, 'increment')).toBeUndefined();
    expect(counter.view('get_num')).toBe(2);
    expect(counter.viewState().getRaw('c')).toEqual(u64(2n));

    alice.call(counter, 'reset');
    const dec = alice.callRaw(counter, 'decrement', '', { attachedDeposit: '1 NEAR', gas: 10n * TGAS });
    expect(dec.failed).toBe(true);
    expect(dec.errorKind).toBe('ActionError.FunctionCallError.ExecutionError');
    expect(dec.errorMessage).toBe('Smart contract panicked: counter is already zero');
    expect(dec.errorDisplay).toBe('Action #0: ExecutionError("Smart contract panicked: counter is already zero")');
    // The failed call, the deposit refund, the gas refund.
    expect(dec.receipts.map((r) => [r.executorId, r.status])).toEqual([
      ['counter.test.near', 'failure'],
      ['alice.test.near', 'success'],
      ['alice.test.near', 'success'],
    ]);
    expect(dec.failures).toHaveLength(1);
    expect(() => alice.call(counter, 'decrement')).toThrow(TransactionFailedError);
    try {
      alice.call(counter, 'decrement');
    } catch (e) {
      expect((e as TransactionFailedError).result.errorMessage).toBe('Smart contract panicked: counter is already zero');
    }
    sandbox.checkSupply();
  });

  it('follows a cross-contract call with its callback through every receipt', () => {
    const sandbox = Sandbox.create();
    const relay = sandbox.root.devDeploy(contract('cross-contract'));
    const counter = sandbox.root.devDeploy(contract('counter'));
    expect([relay.accountId, counter.accountId]).toEqual(['dev-1.test.near', 'dev-2.test.near']);
    const r = sandbox.root.callRaw(relay, 'relay', `${counter.accountId}:get_num`, { gas: '100 Tgas' });
    expect(r.succeeded).toBe(true);
    expect(r.logs).toEqual(['relaying to dev-2.test.near', 'callee returned 0']);
    expect(r.receipts.map((o) => o.executorId)).toEqual(['dev-1.test.near', 'dev-2.test.near', 'test.near', 'dev-1.test.near', 'test.near', 'test.near']);
    expect(new TextDecoder().decode(r.receipts[3].value)).toBe('0');
    expect(relay.viewState().get('last')).toBe('ok:0');
    // Refund receipts go to the signer and cost it no tokens.
    expect([2, 4, 5].map((i) => [r.receipts[i].executorId, r.receipts[i].tokensBurnt])).toEqual([
      ['test.near', 0n],
      ['test.near', 0n],
      ['test.near', 0n],
    ]);
  });

  it('batches actions in one transaction and learns added key pairs', () => {
    const sandbox = Sandbox.create();
    const owner = KeyPair.fromNearcoreTestSeed('status owner');
    const r = sandbox.root
      .batch('status.test.near')
      .createAccount()
      .transfer('5 NEAR')
      .addKey(owner)
      .deployContract(contract('status-message'))
      .functionCall('set_status', 'hello', { gas: '20 Tgas' })
      .transact();
    expect(r.succeeded).toBe(true);
    expect(r.logs).toEqual(['test.near set status: hello']);
    const status = sandbox.account('status.test.near');
    expect(status.keyPair.publicKey.toString()).toBe(owner.publicKey.toString());
    expect(status.call(status, 'set_status', 'mine')).toBeUndefined();
    expect(status.view('get_status', 'status.test.near')).toBe('mine');
    expect(status.view('get_status', 'test.near')).toBe('hello');
  });

  it('takes raw signed bytes like a client sends them, and returns a rejection as data', () => {
    const sandbox = Sandbox.create();
    const alice = sandbox.root.createSubAccount('alice');
    const tx = sandbox.signTransaction('alice.test.near', 'test.near', [{ type: 'Transfer', deposit: NEAR }]);
    const ok = sandbox.sendTransaction(encode(SignedTransactionCodec, tx));
    expect(ok.succeeded).toBe(true);
    const height = sandbox.height;
    // The same bytes again: the nonce is used up; the RPC check rejects it and no block is produced.
    const again = sandbox.sendTransaction(encode(SignedTransactionCodec, tx));
    expect(again.failed).toBe(true);
    expect(again.outcome).toBeUndefined();
    expect(again.errorKind).toBe('InvalidTxError.InvalidNonce');
    expect(sandbox.height).toBe(height);
    // A key the sandbox holds but the chain does not know.
    const stranger = KeyPair.fromNearcoreTestSeed('stranger');
    sandbox.keys.add('alice.test.near', stranger);
    const r = alice.callRaw('test.near', 'x', undefined, { signWith: stranger.publicKey });
    expect(r.errorKind).toBe('InvalidTxError.InvalidAccessKeyError.AccessKeyNotFound');
    expect(() => sandbox.transact('nobody.test.near', 'test.near', [])).toThrow(/no key held for account nobody.test.near/);
  });

  it('runs at another protocol version', () => {
    const sandbox = Sandbox.create({ protocolVersion: 83 });
    expect(sandbox.protocolVersion).toBe(83);
    expect(sandbox.chain.config.protocolVersion).toBe(83);
  });
});

describe('state patches', () => {
  it('patches balance, contract data, keys and code, keeping storage usage and the supply invariant right', () => {
    const sandbox = Sandbox.create();
    const counter = sandbox.root.devDeploy(contract('counter'));
    const usage = counter.accountView().storageUsage;
    counter.patchState('c', u64(41n));
    expect(counter.view('get_num')).toBe(41);
    // One record: 40 + key 1 + value 8.
    expect(counter.accountView().storageUsage).toBe(usage + 49n);
    sandbox.root.call(counter, 'increment');
    expect(counter.view('get_num')).toBe(42);

    const extra = KeyPair.fromNearcoreTestSeed('extra');
    counter.patch({ balance: '1 NEAR', keys: [extra] });
    expect(counter.accountView().amount).toBe(NEAR);
    expect(sandbox.viewAccessKeys(counter.accountId).map((k) => k.publicKey.toString()).sort()).toEqual(
      [counter.keyPair.publicKey.toString(), extra.publicKey.toString()].sort(),
    );
    expect(counter.callRaw(counter, 'increment', undefined, { signWith: extra.publicKey }).succeeded).toBe(true);

    // A new account with code, made entirely by a patch.
    sandbox.patchState({ 'clock.test.near': { balance: '2 NEAR', code: CLOCK_WASM, keys: ['seed:clock.test.near'] } });
    expect(sandbox.account('clock.test.near').accountView().storageUsage).toBe(100n + 82n + BigInt(CLOCK_WASM.length));
    expect(le64(sandbox.viewRaw('clock.test.near', 'now').result)).toBe(sandbox.timestamp);

    counter.patch({ data: { c: null } });
    expect(counter.view('get_num')).toBe(0);
    sandbox.patchState({ 'clock.test.near': { delete: true } });
    expect(sandbox.account('clock.test.near').exists()).toBe(false);
    sandbox.checkSupply();
  });

  it('names what is wrong with a patch', () => {
    const sandbox = Sandbox.create();
    expect(() => sandbox.patchState({ 'Bad Id': { balance: 1n } })).toThrow(/invalid account id "Bad Id"/);
    expect(() => sandbox.patchState({ 'a.test.near': { balance: '1 NAER' } })).toThrow(SandboxError);
  });
});

describe('time', () => {
  it('fast-forwards by exactly n blocks, small and large', () => {
    const sandbox = Sandbox.create();
    const h = sandbox.height;
    const t = sandbox.timestamp;
    sandbox.fastForward(5);
    expect(sandbox.height).toBe(h + 5n);
    expect(sandbox.timestamp).toBe(t + 5n * 1_000_000_000n);
    sandbox.fastForward(100_000);
    expect(sandbox.height).toBe(h + 100_005n);
    expect(sandbox.timestamp).toBe(t + 100_005n * 1_000_000_000n);
    // Transactions still work after the jump (signed against the new head).
    expect(sandbox.root.transfer('test.near', 1n).succeeded).toBe(true);
  });

  it('processes transactions in flight while fast-forwarding', () => {
    const sandbox = Sandbox.create();
    const { hash } = sandbox.submit(sandbox.signTransaction('test.near', 'bob.test.near', [{ type: 'CreateAccount' }, { type: 'Transfer', deposit: NEAR }]));
    expect(sandbox.result(hash)).toBeUndefined();
    sandbox.fastForward(10);
    expect(sandbox.result(hash)!.succeeded).toBe(true);
    expect(sandbox.account('bob.test.near').accountView().amount).toBe(NEAR);
  });

  it('sets the block timestamp contracts see', () => {
    const sandbox = Sandbox.create();
    const clock = sandbox.root.devDeploy(CLOCK_WASM);
    const at = 1_893_456_000_000_000_000n; // 2030-01-01T00:00:00Z
    sandbox.setTimestamp(new Date('2030-01-01T00:00:00Z'));
    expect(sandbox.timestamp).toBe(at);
    expect(le64(clock.viewRaw('now').result)).toBe(at);
    // The call's receipt runs two blocks later (conversion, then execution).
    const r = sandbox.root.callRaw(clock, 'now');
    expect(le64(r.value!)).toBe(at + 2_000_000_000n);
  });
});

describe('snapshots', () => {
  it('restores a set-up world any number of times, each copy isolated', () => {
    const base = Sandbox.create();
    const counter = base.root.devDeploy(contract('counter'));
    const setup = base.root.callRaw(counter, 'increment');
    const snap = base.snapshot();

    const a = Sandbox.fromSnapshot(snap);
    const b = Sandbox.fromSnapshot(snap);
    a.root.call(counter.accountId, 'increment');
    a.root.call(counter.accountId, 'increment');
    b.account(counter.accountId).patchState('c', u64(7n));
    expect(a.view(counter.accountId, 'get_num')).toBe(3);
    expect(b.view(counter.accountId, 'get_num')).toBe(7);
    expect(base.view(counter.accountId, 'get_num')).toBe(1);
    // Identical starting points give identical transactions.
    const c = Sandbox.fromSnapshot(snap);
    expect(c.root.callRaw(counter.accountId, 'increment').hash).toBe(Sandbox.fromSnapshot(snap).root.callRaw(counter.accountId, 'increment').hash);
    // Results from before the snapshot stay readable in every copy.
    expect(a.result(setup.hash)!.logs).toEqual(['counter is now 1']);

    base.root.call(counter, 'increment');
    base.restore(snap);
    expect(base.view(counter.accountId, 'get_num')).toBe(1);
    a.checkSupply();
    b.checkSupply();
  });

  it('refuses a snapshot while receipts are in flight', () => {
    const sandbox = Sandbox.create();
    sandbox.submit(sandbox.signTransaction('test.near', 'x.test.near', [{ type: 'CreateAccount' }]));
    sandbox.produceBlock();
    expect(() => sandbox.snapshot()).toThrow(expect.objectContaining({ code: 'busy' }));
    sandbox.runUntilIdle();
    expect(sandbox.snapshot().height).toBe(sandbox.height);
  });
});
