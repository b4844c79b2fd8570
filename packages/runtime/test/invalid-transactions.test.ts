/**
 * Rejected transactions: each gets nearcore's InvalidTxError and changes nothing — neither when the
 * chain checks it on submission (what the RPC does) nor when it reaches a block unchecked (a
 * failure outcome with gas_burnt 0 and tokens_burnt 0).
 */
import { BorshWriter, encode, hashToBase58, NEAR, PublicKeyCodec, ActionCodec, SignatureCodec, type Action } from '@nearts/primitives';
import { describe, expect, it } from 'vitest';
import { checkSupplyInvariant, InvalidTxError, type Chain, type InvalidTxErrorData } from '../src/index.js';
import { execute, keyOf, signTx, testChain, txBytes } from './helpers.js';

function rejection(fn: () => unknown): InvalidTxErrorData {
  try {
    fn();
  } catch (e) {
    if (e instanceof InvalidTxError) return e.data;
    throw e;
  }
  throw new Error('expected the transaction to be rejected');
}

function roots(chain: Chain): string[] {
  return chain.allStates.map((s) => hashToBase58(s.stateRoot()));
}

/** Submits unchecked, produces one block, and returns the transaction's failure. */
function failsInBlock(chain: Chain, bytes: Uint8Array): InvalidTxErrorData {
  const before = roots(chain);
  const hash = chain.submit(bytes, { check: false });
  chain.produceBlock();
  expect(roots(chain)).toEqual(before);
  const o = chain.outcome(hash)!.outcome.outcome;
  expect(o.gasBurnt).toBe(0n);
  expect(o.tokensBurnt).toBe(0n);
  expect(o.receiptIds).toEqual([]);
  if (o.status.kind !== 'Failure' || o.status.error.kind !== 'InvalidTxError') throw new Error('expected an InvalidTxError outcome');
  return o.status.error.error;
}

const transfer: Action[] = [{ type: 'Transfer', deposit: NEAR }];

describe('invalid transactions', () => {
  it('replayed nonce', () => {
    const chain = testChain();
    const tx = signTx('alice.near', keyOf('alice.near'), 'bob.near', 1n, transfer, chain.head.hash);
    chain.submit(tx);
    chain.runUntilIdle();
    const before = roots(chain);
    expect(rejection(() => chain.submit(tx))).toEqual({ kind: 'InvalidNonce', tx_nonce: 1n, ak_nonce: 1n });
    expect(roots(chain)).toEqual(before);
    // The same nonce twice in one block: the second one fails inside the block.
    const t2 = signTx('alice.near', keyOf('alice.near'), 'bob.near', 2n, transfer, chain.head.hash);
    const t3 = signTx('alice.near', keyOf('alice.near'), 'bob.near', 2n, [{ type: 'Transfer', deposit: 2n }], chain.head.hash);
    chain.submit(t2);
    const h3 = chain.submit(t3);
    chain.produceBlock();
    expect(chain.outcome(h3)!.outcome.outcome.status).toEqual({
      kind: 'Failure',
      error: { kind: 'InvalidTxError', error: { kind: 'InvalidNonce', tx_nonce: 2n, ak_nonce: 2n } },
    });
    chain.runUntilIdle();
    checkSupplyInvariant(chain);
  });

  it('nonce above the height-derived upper bound', () => {
    const chain = testChain();
    // The next block has height 1: nonces must stay below 1 × 1e6.
    const tx = signTx('alice.near', keyOf('alice.near'), 'bob.near', 1_000_000n, transfer, chain.head.hash);
    expect(rejection(() => chain.submit(tx))).toEqual({ kind: 'NonceTooLarge', tx_nonce: 1_000_000n, upper_bound: 1_000_000n });
    expect(failsInBlock(chain, txBytes(tx))).toEqual({ kind: 'NonceTooLarge', tx_nonce: 1_000_000n, upper_bound: 1_000_000n });
  });

  it('wrong signature', () => {
    const chain = testChain();
    const good = signTx('alice.near', keyOf('alice.near'), 'bob.near', 1n, transfer, chain.head.hash);
    const forged = { ...good, signature: keyOf('bob.near').sign(new Uint8Array(32)) };
    expect(rejection(() => chain.submit(forged))).toEqual({ kind: 'InvalidSignature' });
    expect(failsInBlock(chain, txBytes(forged))).toEqual({ kind: 'InvalidSignature' });
  });

  it('unknown or too old block hash is Expired', () => {
    const chain = testChain({ transactionValidityPeriod: 2n });
    const unknown = signTx('alice.near', keyOf('alice.near'), 'bob.near', 1n, transfer, new Uint8Array(32).fill(7));
    expect(rejection(() => chain.submit(unknown))).toEqual({ kind: 'Expired' });
    const old = signTx('alice.near', keyOf('alice.near'), 'bob.near', 1n, transfer, chain.genesis.hash);
    chain.produceBlock();
    chain.produceBlock();
    chain.submit(old); // head 2 ≤ genesis 0 + 2: still valid
    chain.runUntilIdle();
    const stale = signTx('alice.near', keyOf('alice.near'), 'bob.near', 2n, transfer, chain.genesis.hash);
    expect(rejection(() => chain.submit(stale))).toEqual({ kind: 'Expired' });
    expect(failsInBlock(chain, txBytes(stale))).toEqual({ kind: 'Expired' });
  });

  it('oversized transaction', () => {
    const chain = testChain();
    const code = new Uint8Array(1_600_000);
    const tx = signTx('alice.near', keyOf('alice.near'), 'alice.near', 1n, [{ type: 'DeployContract', code }], chain.head.hash);
    // Since protocol 85 the signature counts: body + 65 bytes.
    const size = BigInt(txBytes(tx).length);
    expect(rejection(() => chain.submit(tx))).toEqual({ kind: 'TransactionSizeExceeded', size, limit: 1_572_864n });
  });

  it('invalid receiver id in the bytes', () => {
    const chain = testChain();
    const key = keyOf('alice.near');
    const w = new BorshWriter();
    w.string('alice.near');
    PublicKeyCodec.write(w, key.publicKey);
    w.u64(1n);
    w.string('Not.A.Valid.Id');
    w.fixedBytes(chain.head.hash);
    w.u32(1);
    ActionCodec.write(w, transfer[0]);
    const body = w.finish();
    const bytes = new Uint8Array([...body, ...encode(SignatureCodec, key.sign(new Uint8Array(32)))]);
    expect(rejection(() => chain.submit(bytes))).toEqual({ kind: 'InvalidReceiverId', receiver_id: 'Not.A.Valid.Id' });
  });

  it('unknown signer and unknown key', () => {
    const chain = testChain();
    const ghost = signTx('ghost.near', keyOf('ghost.near'), 'bob.near', 1n, transfer, chain.head.hash);
    expect(rejection(() => chain.submit(ghost))).toEqual({ kind: 'SignerDoesNotExist', signer_id: 'ghost.near' });
    // Inside a block nearcore reports InvalidSignerId.
    expect(failsInBlock(chain, txBytes(ghost))).toEqual({ kind: 'InvalidSignerId', signer_id: 'ghost.near' });
    const wrongKey = signTx('alice.near', keyOf('bob.near'), 'bob.near', 1n, transfer, chain.head.hash);
    expect(rejection(() => chain.submit(wrongKey))).toEqual({
      kind: 'InvalidAccessKeyError',
      error: { kind: 'AccessKeyNotFound', account_id: 'alice.near', public_key: keyOf('bob.near').publicKey.toString() },
    });
  });

  it('insufficient balance', () => {
    const chain = testChain();
    const tx = signTx('alice.near', keyOf('alice.near'), 'bob.near', 1n, [{ type: 'Transfer', deposit: 100n * NEAR }], chain.head.hash);
    // cost = 100 NEAR + 223_182_562_500 × 1e8 (conversion) + 223_182_562_500 × 1e9 (receipt gas).
    const cost = 100n * NEAR + 22_318_256_250_000_000_000n + 223_182_562_500_000_000_000n;
    const expected = { kind: 'NotEnoughBalance', signer_id: 'alice.near', balance: 100n * NEAR, cost };
    expect(rejection(() => chain.submit(tx))).toEqual(expected);
    expect(failsInBlock(chain, txBytes(tx))).toEqual(expected);
  });

  it('balance left must cover storage', () => {
    // Account 100 + key 82 + one data entry (1 + 1000 + 40) = 1223 bytes > 770 (not a zero-balance
    // account): it must keep 1223 × 1e19 yN.
    const stake = 1141n * 10n ** 19n;
    const chain = testChain({
      accounts: [{ accountId: 'poor.near', amount: stake + NEAR, keys: [keyOf('poor.near').publicKey], data: [[Uint8Array.of(1), new Uint8Array(1000)]] }],
    });
    const usage = chain.viewAccount('poor.near')!.storageUsage;
    expect(usage).toBe(100n + 82n + 1041n);
    const required = usage * 10n ** 19n;
    const amount = chain.viewAccount('poor.near')!.amount;
    const tx = signTx('poor.near', keyOf('poor.near'), 'bob.near', 1n, [{ type: 'Transfer', deposit: NEAR }], chain.head.hash);
    const cost = NEAR + 22_318_256_250_000_000_000n + 223_182_562_500_000_000_000n;
    expect(rejection(() => chain.submit(tx))).toEqual({ kind: 'LackBalanceForState', signer_id: 'poor.near', amount: required - (amount - cost) });
  });
});

describe('function-call access keys', () => {
  const setup = () => {
    const chain = testChain();
    execute(chain, 'alice.near', 'alice.near', [
      {
        type: 'AddKey',
        publicKey: keyOf('fc').publicKey,
        accessKey: {
          nonce: 0n,
          permission: { type: 'FunctionCall', functionCall: { allowance: NEAR, receiverId: 'bob.near', methodNames: ['increment'] } },
        },
      },
    ]);
    const nonce = chain.viewAccessKey('alice.near', keyOf('fc').publicKey)!.nonce + 1n;
    const call = (receiver: string, actions: Action[]) => signTx('alice.near', keyOf('fc'), receiver, nonce, actions, chain.head.hash);
    const fc = (method: string, deposit = 0n, gas = 10n ** 13n): Action => ({ type: 'FunctionCall', methodName: method, args: new Uint8Array(0), gas, deposit });
    return { chain, call, fc };
  };

  it('only for its receiver and methods, one call without deposit', () => {
    const { chain, call, fc } = setup();
    const key = (error: object) => ({ kind: 'InvalidAccessKeyError', error });
    expect(rejection(() => chain.submit(call('near', [fc('increment')])))).toEqual(
      key({ kind: 'ReceiverMismatch', tx_receiver: 'near', ak_receiver: 'bob.near' }),
    );
    expect(rejection(() => chain.submit(call('bob.near', [fc('decrement')])))).toEqual(key({ kind: 'MethodNameMismatch', method_name: 'decrement' }));
    // Allowance is checked first: the transfer must fit into it to reach the permission check.
    expect(rejection(() => chain.submit(call('bob.near', [{ type: 'Transfer', deposit: 1n }])))).toEqual(key({ kind: 'RequiresFullAccess' }));
    expect(rejection(() => chain.submit(call('bob.near', [fc('increment'), fc('increment')])))).toEqual(key({ kind: 'RequiresFullAccess' }));
    expect(rejection(() => chain.submit(call('bob.near', [fc('increment', 1n)])))).toEqual(key({ kind: 'DepositWithFunctionCall' }));
  });

  it('allowance must cover the whole cost', () => {
    const { chain, call, fc } = setup();
    // 1 Pgas of attached gas bought at 1e9 yN/gas alone costs the whole 1 NEAR allowance.
    const tx = call('bob.near', [fc('increment', 0n, 10n ** 15n)]);
    const e = rejection(() => chain.submit(tx));
    // conversion: receipt + function_call send + 9 bytes × 47_683_715 = 308_488_653_435 gas × 1e8;
    // receipt gas: 1e15 + 108_059_500_000 + 780_000_000_000 + 9 × 2_235_934 = 1_000_888_079_623_406 gas × 1e9.
    const cost = 308_488_653_435n * 100_000_000n + 1_000_888_079_623_406n * 1_000_000_000n;
    expect(e).toEqual({
      kind: 'InvalidAccessKeyError',
      error: { kind: 'NotEnoughAllowance', account_id: 'alice.near', public_key: keyOf('fc').publicKey.toString(), allowance: NEAR, cost },
    });
  });
});
