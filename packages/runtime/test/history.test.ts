/**
 * The chain keeps finished blocks and outcomes encoded (chain/history.ts): what it hands back
 * after decoding must be strictly deep-equal to what `apply` produced. First every outcome shape
 * through the codec alone (each error family from vm-errors' own tables, profiles, values beyond
 * u64, strings no UTF-8 can hold), then real blocks of a chain against the blocks it returned.
 */
import { BorshReader, BorshWriter, KeyType, NEAR, PublicKey, ReceiptCodec, sha256, type Action, type Receipt } from '@nearts/primitives';
import { ACTION_ERROR_SPEC, INVALID_TX_ERROR_SPEC, type AnyUnionSpec, type FieldType } from '@nearts/vm-errors';
import { ProfileDataV3 } from '@nearts/vm-logic';
import { ACTION_COSTS, EXT_COSTS } from '@nearts/runtime-fees';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Block, ExecutionOutcomeWithId, ExecutionStatus, ExecutionMetadata, TxExecutionErrorData } from '../src/index.js';
import { readOutcome, writeOutcome } from '../src/chain/outcome-codec.js';
import { readReceiptRecord, writeReceiptRecord } from '../src/chain/receipt-record.js';
import { EMPTY_PROFILE } from '../src/actions/result.js';
import { IdIndex } from '../src/chain/id-index.js';
import { ByteLog } from '../src/chain/byte-log.js';
import { readVarBig, readVarNum, writeVarBig, writeVarNum } from '../src/chain/wire.js';
import { buildContracts, contract } from './contracts.js';
import { keyOf, signTx, testChain, txBytes } from './helpers.js';

const id = (b: number): Uint8Array => new Uint8Array(32).map((_, i) => (b * 31 + i * 7) & 255);

function roundTrip(o: ExecutionOutcomeWithId): ExecutionOutcomeWithId {
  const w = new BorshWriter();
  writeOutcome(w, o);
  const r = new BorshReader(w.finish());
  const back = readOutcome(r, o.id.slice());
  r.expectEnd();
  return back;
}

function outcome(status: ExecutionStatus, metadata: ExecutionMetadata = { version: 1 }, logs: string[] = []): ExecutionOutcomeWithId {
  return {
    id: id(1),
    outcome: { logs, receiptIds: [id(2), id(3)], gasBurnt: 2_428_000_000_000n, computeUsage: 3_000_000_000_000n, tokensBurnt: 242_800_000_000_000_000_000n, executorId: 'alice.near', status, metadata },
  };
}

/** Every variant of an error union, from vm-errors' spec tables (nested unions: each variant in turn). */
function samplesOf(spec: AnyUnionSpec): unknown[] {
  return Object.entries(spec.variants).flatMap(([kind, variant]) => {
    if ('unit' in variant) return [{ kind }];
    if ('newtype' in variant) return valuesOf(variant.type).map((value) => ({ kind, [variant.newtype]: value }));
    const fields = Object.entries(variant.fields as Record<string, FieldType>);
    const base = Object.fromEntries(fields.map(([f, t]) => [f, valuesOf(t)[0]]));
    const out: unknown[] = [{ kind, ...base }];
    for (const [f, t] of fields) for (const value of valuesOf(t).slice(1)) out.push({ kind, ...base, [f]: value });
    return out;
  });
}

function valuesOf(type: FieldType): unknown[] {
  if (typeof type === 'string') {
    switch (type) {
      case 'u64': return [42n, 2n ** 64n - 1n];
      case 'gas': return [300_000_000_000_000n];
      case 'balance': return [10n ** 24n, 2n ** 128n - 1n];
      case 'u32': case 'u16': return [3];
      case 'notNanF64': return [0.25];
      case 'string': return ['text', 'ünïcode \u{1F600}'];
      default: return ['alice.near'];
    }
  }
  if ('option' in type) return [...valuesOf(type.option), null];
  if ('names' in type) return Object.keys(type.names.tags);
  if ('struct' in type) {
    const fields = Object.entries(type.struct.fields);
    return [Object.fromEntries(fields.map(([f, t]) => [f, valuesOf(t)[0]])), Object.fromEntries(fields.map(([f, t]) => [f, valuesOf(t).at(-1)]))];
  }
  return samplesOf(type.union);
}

describe('the outcome codec', () => {
  it('keeps success values, receipt ids and the unknown status', () => {
    for (const status of [
      { kind: 'SuccessValue', value: new Uint8Array(0) },
      { kind: 'SuccessValue', value: new TextEncoder().encode('"42"') },
      { kind: 'SuccessReceiptId', receiptId: id(9) },
      { kind: 'Unknown' },
    ] as ExecutionStatus[]) {
      const o = outcome(status);
      expect(roundTrip(o)).toStrictEqual(o);
    }
  });

  it('keeps every failure of both error families, nested variants included', () => {
    const errors: TxExecutionErrorData[] = [
      ...samplesOf(INVALID_TX_ERROR_SPEC).map((error) => ({ kind: 'InvalidTxError', error }) as TxExecutionErrorData),
      ...valuesOf({ struct: ACTION_ERROR_SPEC }).map((error) => ({ kind: 'ActionError', error }) as TxExecutionErrorData),
      ...samplesOf((ACTION_ERROR_SPEC.fields.kind as { union: AnyUnionSpec }).union).map((kind) => ({ kind: 'ActionError', error: { index: 1n, kind } }) as TxExecutionErrorData),
      // An absent optional field stays absent; one set to undefined stays present.
      { kind: 'ActionError', error: { kind: { kind: 'DelegateActionExpired' } } } as TxExecutionErrorData,
      { kind: 'ActionError', error: { index: undefined, kind: { kind: 'DelegateActionExpired' } } } as TxExecutionErrorData,
    ];
    expect(errors.length).toBeGreaterThan(150);
    for (const error of errors) {
      const o = outcome({ kind: 'Failure', error });
      expect(roundTrip(o)).toStrictEqual(o);
    }
  });

  it('keeps logs, gas profiles (action, host and wasm gas, extension fees), contracts, tokens and compute', () => {
    const profile = new ProfileDataV3();
    profile.actionsProfile[0] = 1n;
    profile.actionsProfile[ACTION_COSTS.length - 1] = 2n ** 64n - 1n;
    profile.wasmExtProfile.forEach((_, i) => (profile.wasmExtProfile[i] = i % 3 === 0 ? BigInt(i) * 1_000_003n : 0n));
    profile.wasmGas = 123_456_789_012n;
    profile.addExtensionCost('submodule_call_base', 5n);
    profile.addExtensionCost('a', 7n);
    const logs = ['counter is now 1', '', 'ünïcode \u{1F600}', 'lone \uD800 surrogate', '\uDFFF'];
    for (const metadata of [
      { version: 3, profile },
      { version: 4, profile, contracts: [] },
      { version: 4, profile: new ProfileDataV3(), contracts: [{ type: 'None' }, { type: 'Local', hash: id(4) }, { type: 'Global', hash: id(5) }, { type: 'GlobalByAccount', accountId: 'g.near' }] },
    ] as ExecutionMetadata[]) {
      const o = outcome({ kind: 'SuccessValue', value: Uint8Array.of(1, 2) }, metadata, logs);
      o.outcome.tokensBurnt = 2n ** 128n + 5n;
      o.outcome.computeUsage = 0n;
      const back = roundTrip(o);
      expect(back).toStrictEqual(o);
      expect(back.outcome.metadata.version === 1 ? 0 : back.outcome.metadata.profile.wasmExtProfile.length).toBe(EXT_COSTS.length);
    }
  });
});

describe('the shared empty profile', () => {
  it('decodes to that same shared object; an own profile that is all zero to an own profile', () => {
    for (const metadata of [
      { version: 3, profile: EMPTY_PROFILE },
      { version: 4, profile: EMPTY_PROFILE, contracts: [{ type: 'Local', hash: id(4) }] },
    ] as ExecutionMetadata[]) {
      const back = roundTrip(outcome({ kind: 'SuccessValue', value: new Uint8Array(0) }, metadata));
      expect(back.outcome.metadata).toStrictEqual(metadata);
      expect(back.outcome.metadata.version === 1 ? undefined : back.outcome.metadata.profile).toBe(EMPTY_PROFILE);
    }
    const own = { version: 4, profile: new ProfileDataV3(), contracts: [] } as ExecutionMetadata;
    const back = roundTrip(outcome({ kind: 'SuccessValue', value: new Uint8Array(0) }, own)).outcome.metadata;
    expect(back).toStrictEqual(own);
    expect(back.version === 1 ? undefined : back.profile).not.toBe(EMPTY_PROFILE);
    expect(Object.isFrozen(back.version === 1 ? undefined : back.profile.wasmExtProfile)).toBe(false);
  });
});

describe('outgoing receipts', () => {
  const key = new PublicKey(KeyType.ED25519, id(6));
  const secp = new PublicKey(KeyType.SECP256K1, new Uint8Array(64).fill(7));
  const actionReceipt = (actions: Action[], more: { outputDataReceivers?: { dataId: Uint8Array; receiverId: string }[]; inputDataIds?: Uint8Array[] } = {}, signerPublicKey = key, gasPrice = 100_000_000n): Receipt => ({
    predecessorId: 'alice.near',
    receiverId: 'bob.near',
    receiptId: id(7),
    receipt: { type: 'Action', receipt: { signerId: 'alice.near', signerPublicKey, gasPrice, outputDataReceivers: more.outputDataReceivers ?? [], inputDataIds: more.inputDataIds ?? [], actions } },
  });
  const transfer = (deposit: bigint): Action => ({ type: 'Transfer', deposit });
  const encode = (receipt: Receipt): Uint8Array => {
    const w = new BorshWriter();
    writeReceiptRecord(w, receipt);
    return w.finish();
  };
  const decode = (bytes: Uint8Array): Receipt => {
    const r = new BorshReader(bytes);
    const back = readReceiptRecord(r);
    r.expectEnd();
    return back;
  };

  it('keep transfer receipts in the short form: one or more transfers, refunds, any key, amounts beyond u64', () => {
    const refund: Receipt = { ...actionReceipt([transfer(2n ** 128n - 1n)], {}, secp, 0n), predecessorId: 'system' };
    for (const receipt of [actionReceipt([transfer(1n)]), actionReceipt([transfer(0n), transfer(10n ** 24n), transfer(2n ** 64n)]), actionReceipt([]), refund]) {
      const bytes = encode(receipt);
      expect(bytes[0]).toBe(1);
      const borsh = new BorshWriter();
      ReceiptCodec.write(borsh, receipt);
      expect(bytes.length).toBeLessThan(borsh.length);
      expect(decode(bytes)).toStrictEqual(receipt);
    }
  });

  it('keep every other receipt as borsh', () => {
    const call: Action = { type: 'FunctionCall', methodName: 'go', args: Uint8Array.of(1), gas: 5n, deposit: 0n };
    const others: Receipt[] = [
      actionReceipt([call]),
      actionReceipt([transfer(1n), call]),
      actionReceipt([transfer(1n)], { outputDataReceivers: [{ dataId: id(8), receiverId: 'carol.near' }] }),
      actionReceipt([transfer(1n)], { inputDataIds: [id(9)] }),
      { predecessorId: 'alice.near', receiverId: 'bob.near', receiptId: id(10), receipt: { type: 'Data', receipt: { dataId: id(11), data: Uint8Array.of(3) } } },
      { ...actionReceipt([transfer(1n)]), receipt: { type: 'ActionV2', receipt: { ...actionReceipt([transfer(1n)]).receipt.receipt, refundTo: null } } } as Receipt,
    ];
    for (const receipt of others) {
      const bytes = encode(receipt);
      expect(bytes[0]).toBe(0);
      expect(decode(bytes)).toStrictEqual(receipt);
    }
  });
});

describe('varints', () => {
  it('keep every unsigned value, at the edges of each encoding path', () => {
    const values = [0n, 1n, 127n, 128n, 2n ** 28n - 1n, 2n ** 28n, 2n ** 28n + 1n, 2n ** 31n, 2n ** 32n - 1n, 2n ** 49n - 1n, 2n ** 49n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 56n - 1n, 2n ** 56n, 2n ** 64n - 1n, 2n ** 77n - 1n, 2n ** 77n, 2n ** 98n + 3n, 2n ** 102n, 2n ** 128n - 1n, 2n ** 200n + 12345n];
    for (let i = 0; i < 200; i++) values.push(BigInt.asUintN(8 * (1 + (i % 16)), BigInt(i) * 0x9e3779b97f4a7c15_1234567n));
    const w = new BorshWriter();
    for (const v of values) writeVarBig(w, v);
    const numbers = [0, 1, 127, 128, 2 ** 28 - 1, 2 ** 28, 2 ** 31, 2 ** 32, 2 ** 42 + 12345, 2 ** 52, Number.MAX_SAFE_INTEGER];
    for (const n of numbers) writeVarNum(w, n);
    const r = new BorshReader(w.finish());
    for (const v of values) expect(readVarBig(r)).toBe(v);
    for (const n of numbers) expect(readVarNum(r)).toBe(n);
    r.expectEnd();
    expect(() => writeVarBig(new BorshWriter(), -1n)).toThrow(RangeError);
    expect(() => writeVarNum(new BorshWriter(), 0.5)).toThrow(RangeError);
    // LEB128 byte for byte, whichever path wrote it: 7 bits per byte, low first, high bit = more.
    const leb = (v: bigint): number[] => {
      const out: number[] = [];
      for (; v >= 0x80n; v >>= 7n) out.push(Number(v & 0x7fn) | 0x80);
      return [...out, Number(v)];
    };
    for (const v of values) {
      const one = new BorshWriter();
      writeVarBig(one, v);
      expect([...one.finish()]).toStrictEqual(leb(v));
    }
  });
});

describe('IdIndex and ByteLog', () => {
  it('find every record by id, the newest when an id repeats, and none for unknown ids', () => {
    const index = new IdIndex();
    const log = new ByteLog();
    const ids: Uint8Array[] = [];
    for (let i = 0; i < 5000; i++) {
      const h = sha256(new TextEncoder().encode(`k${i}`));
      // Every 100th id shares its first four bytes with the previous one: a prefix collision.
      if (i % 100 === 1) h.set(ids[i - 1].subarray(0, 4));
      ids.push(h);
      expect(index.add(h)).toBe(i);
      expect(log.append(new Uint8Array(i % 40_000 === 3 ? 30_000 : i % 7).fill(i & 255))).toBe(i);
    }
    ids.forEach((h, i) => {
      expect(index.find(h)).toBe(i);
      expect(index.idAt(i)).toStrictEqual(h);
      const bytes = log.get(i);
      expect(bytes.length).toBe(i % 40_000 === 3 ? 30_000 : i % 7);
      expect(bytes.every((b) => b === (i & 255))).toBe(true);
    });
    expect(index.find(new Uint8Array(32).fill(0xee))).toBe(-1);
    expect(() => index.idAt(5000)).toThrow(RangeError);
    // A copy: changing it changes nothing in the index.
    index.idAt(3).fill(0);
    expect(index.idAt(3)).toStrictEqual(ids[3]);
    expect(index.find(new Uint8Array(31))).toBe(-1);
    expect(index.add(ids[7])).toBe(5000);
    expect(index.find(ids[7])).toBe(5000);
  });
});

const TGAS = 10n ** 12n;
const call = (method: string, args = '', gas = 30n * TGAS): Action => ({ type: 'FunctionCall', methodName: method, args: new TextEncoder().encode(args), gas, deposit: 0n });

describe('a chain keeps its history compactly', () => {
  beforeAll(() => buildContracts());

  it('returns every old block, outcome and final outcome deep-equal to what it produced', () => {
    const chain = testChain({
      accounts: [
        { accountId: 'counter.near', amount: 10n * NEAR, code: contract('counter') },
        { accountId: 'relay.near', amount: 10n * NEAR, code: contract('cross-contract') },
      ],
      shardBoundaries: ['carol.near'],
    });
    const produced: Block[] = [chain.genesis];
    const submitted: string[] = [];
    let nonce = 1n;
    const submit = (signer: string, receiver: string, actions: Action[], asBytes: boolean, check = true): void => {
      const tx = signTx(signer, keyOf(signer), receiver, nonce++, actions, chain.head.hash);
      submitted.push(chain.submit(asBytes ? txBytes(tx) : tx, { check }));
    };
    submit('alice.near', 'counter.near', [call('increment')], true);
    submit('bob.near', 'counter.near', [call('decrement')], false); // panics: ExecutionError
    submit('alice.near', 'counter.near', [call('no_such_method')], true); // MethodResolveError
    submit('bob.near', 'nobody.near', [{ type: 'Transfer', deposit: 1n }], true); // AccountDoesNotExist
    submit('alice.near', 'relay.near', [call('relay', 'counter.near:increment', 100n * TGAS)], true); // callback: SuccessReceiptId
    submit('bob.near', 'bob.near', [{ type: 'Transfer', deposit: 1000n * NEAR }], true, false); // NotEnoughBalance: InvalidTxError
    produced.push(chain.produceBlock());
    submit('alice.near', 'counter.near', [call('increment')], false);
    produced.push(...chain.runUntilIdle());
    expect(produced.length).toBeGreaterThan(3);

    const snapshot = produced.map((b) => chain.block(b.height));
    produced.forEach((b, i) => {
      expect(snapshot[i]).toStrictEqual(b);
      expect(chain.block(b.hash)).toStrictEqual(b);
    });
    expect(chain.head).toBe(produced.at(-1));
    expect(chain.block(chain.head.height + 1n)).toBeUndefined();
    expect(chain.block(new Uint8Array(32).fill(1))).toBeUndefined();

    const kinds = new Set<string>();
    for (const b of produced) {
      for (const c of b.chunks) {
        for (const o of c.result.outcomes) {
          kinds.add(o.outcome.status.kind === 'Failure' ? o.outcome.status.error.kind : `${o.outcome.status.kind}/${o.outcome.metadata.version}`);
          const record = { outcome: o, blockHash: b.hash, blockHeight: b.height };
          expect(chain.outcome(o.id)).toStrictEqual(record);
        }
      }
    }
    expect([...kinds].sort()).toStrictEqual(['ActionError', 'InvalidTxError', 'SuccessReceiptId/1', 'SuccessValue/4']);
    // finalOutcome gathers the same outcome objects the blocks held.
    const byId = new Map(produced.flatMap((b) => b.chunks.flatMap((c) => c.result.outcomes.map((o) => [o.id.join(), { outcome: o, blockHash: b.hash }] as const))));
    for (const h of submitted) {
      const final = chain.finalOutcome(h);
      expect(final.transactionOutcome).toStrictEqual(byId.get(final.transactionHash.join()));
      for (const r of final.receiptsOutcome) expect(r).toStrictEqual(byId.get(r.outcome.id.join()));
    }
  });
});
