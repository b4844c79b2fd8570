/**
 * Function calls through vm-runner: gas accounting around the VM, state changes only on success,
 * promises becoming receipts, callbacks seeing a failed predecessor, refunds to the right accounts.
 *
 * The wasm part of a call's gas comes from the VM; everything around it is derived by hand:
 *   conversion  = receipt 108_059_500_000 + function_call send 200_000_000_000
 *               + 47_683_715 × (method name + args bytes)            (not sir)
 *   receipt     = receipt 108_059_500_000 + function_call exec 780_000_000_000
 *               + 2_235_934 × (method name + args bytes) + VM burnt gas
 *   reward      = ⌊VM burnt × 3/10⌋ × 1e8, paid to the contract account
 *   signer pays = (conversion + receipt gas burnt) × 1e8; the rest of the 1e9 purchase comes back.
 */
import { NEAR, type Action } from '@nearts/primitives';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSupplyInvariant, type ExecutionOutcome } from '../src/index.js';
import { buildContracts, contract } from './contracts.js';
import { balance, execute, testChain } from './helpers.js';

const PRICE = 100_000_000n;
const TGAS = 10n ** 12n;
const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

function call(method: string, args = '', gas = 30n * TGAS, deposit = 0n): Action {
  return { type: 'FunctionCall', methodName: method, args: utf8(args), gas, deposit };
}

function conversionGas(method: string, args: string): bigint {
  return 108_059_500_000n + 200_000_000_000n + 47_683_715n * BigInt(method.length + args.length);
}

function feesOfCall(method: string, args: string): bigint {
  return 108_059_500_000n + 780_000_000_000n + 2_235_934n * BigInt(method.length + args.length);
}

/** The VM's share of a function-call receipt, which its gas profile must account for entirely. */
function vmGas(o: ExecutionOutcome, method: string, args: string): bigint {
  const vm = o.gasBurnt - feesOfCall(method, args);
  if (o.metadata.version !== 4) throw new Error('expected ExecutionMetadata V4');
  const p = o.metadata.profile;
  const profiled = p.wasmGas + p.hostGas() + p.actionGas();
  expect(profiled).toBe(vm);
  return vm;
}

beforeAll(() => buildContracts());

describe('a contract call', () => {
  const setup = () =>
    testChain({ accounts: [{ accountId: 'counter.near', amount: 10n * NEAR, code: contract('counter') }] });

  it('burns fees + VM gas, pays the contract 30 % of the VM gas, refunds the signer', () => {
    const chain = setup();
    const bobBefore = balance(chain, 'bob.near');
    const contractBefore = balance(chain, 'counter.near');
    const { tx, receipts, final } = execute(chain, 'bob.near', 'counter.near', [call('increment')]);
    expect(final.status).toEqual({ kind: 'SuccessValue', value: new Uint8Array(0) });
    expect(tx.gasBurnt).toBe(conversionGas('increment', '')); // 308_488_653_435
    const r = receipts[0];
    expect(r.logs).toEqual(['counter is now 1']);
    const vm = vmGas(r, 'increment', '');
    const reward = ((vm * 3n) / 10n) * PRICE;
    expect(r.tokensBurnt).toBe(r.gasBurnt * PRICE);
    expect(balance(chain, 'counter.near')).toBe(contractBefore + reward);
    expect(balance(chain, 'bob.near')).toBe(bobBefore - (tx.gasBurnt + r.gasBurnt) * PRICE);
    // The refund receipt goes to the signer.
    expect(receipts[1].executorId).toBe('bob.near');
    expect(text(chain.view('counter.near', 'get_num').result)).toBe('1');
    expect(chain.totals.txBurntAmount).toBe((tx.gasBurnt + r.gasBurnt) * PRICE - reward);
  });

  it('changes state only on success and refunds the deposit of a failed call', () => {
    const chain = setup();
    const bobBefore = balance(chain, 'bob.near');
    const { tx, receipts, final } = execute(chain, 'bob.near', 'counter.near', [call('decrement', '', 30n * TGAS, NEAR)]);
    expect(final.status).toEqual({
      kind: 'Failure',
      error: {
        kind: 'ActionError',
        error: { index: 0n, kind: { kind: 'FunctionCallError', error: { kind: 'ExecutionError', msg: 'Smart contract panicked: counter is already zero' } } },
      },
    });
    expect(chain.viewState('counter.near')).toEqual([]);
    // Receipts: the failed call, the deposit refund (from system to the predecessor), the gas refund.
    expect(receipts.map((o) => o.executorId)).toEqual(['counter.near', 'bob.near', 'bob.near']);
    expect(balance(chain, 'bob.near')).toBe(bobBefore - (tx.gasBurnt + receipts[0].gasBurnt) * PRICE);
  });

  it('reports a missing method and missing code like nearcore', () => {
    const chain = setup();
    const missing = execute(chain, 'bob.near', 'counter.near', [call('nope')]);
    expect(missing.final.status).toMatchObject({ error: { error: { kind: { error: { kind: 'MethodResolveError', error: 'MethodNotFound' } } } } });
    const noCode = execute(chain, 'bob.near', 'alice.near', [call('anything')]);
    expect(noCode.final.status).toMatchObject({
      error: { error: { kind: { error: { kind: 'CompilationError', error: { kind: 'CodeDoesNotExist', account_id: 'alice.near' } } } } },
    });
    // CodeDoesNotExist is a nop outcome: only the fees are burnt.
    expect(noCode.receipts[0].gasBurnt).toBe(feesOfCall('anything', ''));
  });
});

describe('cross-contract call A → B with a callback to A', () => {
  const setup = () =>
    testChain({
      accounts: [
        { accountId: 'relay.near', amount: 10n * NEAR, code: contract('cross-contract') },
        { accountId: 'counter.near', amount: 10n * NEAR, code: contract('counter') },
      ],
    });

  it('B fails: the callback sees Failed, earlier receipts stay applied, refunds go to the signer', () => {
    const chain = setup();
    const before = { alice: balance(chain, 'alice.near'), relay: balance(chain, 'relay.near'), counter: balance(chain, 'counter.near') };
    const args = 'counter.near:decrement';
    const { tx, receipts, final } = execute(chain, 'alice.near', 'relay.near', [call('relay', args, 100n * TGAS)]);
    // Depth-first from the transaction: relay (creates call, callback, gas refund), the call on
    // B and its refund, the callback and its refund, relay's own refund.
    expect(receipts.map((o) => o.executorId)).toEqual(['relay.near', 'counter.near', 'alice.near', 'relay.near', 'alice.near', 'alice.near']);
    const [a, b, , cb] = receipts;
    expect(a.logs).toEqual(['relaying to counter.near']);
    expect(a.status).toEqual({ kind: 'SuccessValue', value: new Uint8Array(0) });
    expect(b.status).toMatchObject({ kind: 'Failure', error: { error: { kind: { error: { msg: 'Smart contract panicked: counter is already zero' } } } } });
    expect(cb.logs).toEqual(['callee failed']);
    expect(cb.status.kind).toBe('SuccessValue');
    // The transaction's status is its first receipt's value.
    expect(final.status).toEqual({ kind: 'SuccessValue', value: new Uint8Array(0) });
    expect(chain.viewState('relay.near').map(([k, v]) => [text(k), text(v)])).toEqual([['last', 'failed']]);
    // Every refund receipt goes to the signer, never to the contracts.
    for (const i of [2, 4, 5]) expect(receipts[i].tokensBurnt).toBe(0n);

    // Money: the contracts gain exactly their rewards, alice pays exactly what was burnt before rewards.
    const reward = (o: ExecutionOutcome, m: string, x: string) => ((vmGas(o, m, x) * 3n) / 10n) * PRICE;
    const relayReward = reward(a, 'relay', args) + reward(cb, 'on_value', '');
    const counterReward = reward(b, 'decrement', '');
    expect(balance(chain, 'relay.near')).toBe(before.relay + relayReward);
    expect(balance(chain, 'counter.near')).toBe(before.counter + counterReward);
    const burnt = tx.tokensBurnt + receipts.reduce((s, o) => s + o.tokensBurnt, 0n);
    expect(balance(chain, 'alice.near')).toBe(before.alice - burnt);
    checkSupplyInvariant(chain);
  });

  it('B succeeds: the callback gets its value', () => {
    const chain = setup();
    const { receipts } = execute(chain, 'alice.near', 'relay.near', [call('relay', 'counter.near:get_num', 100n * TGAS)]);
    const cb = receipts.find((o) => o.logs.includes('callee returned 0'))!;
    expect(cb.status).toEqual({ kind: 'SuccessValue', value: utf8('0') });
    expect(chain.viewState('relay.near').map(([k, v]) => [text(k), text(v)])).toEqual([['last', 'ok:0']]);
  });
});
