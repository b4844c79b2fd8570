import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  AccessKeyCodec,
  AccountCodec,
  ActionCodec,
  BorshError,
  DelegateActionCodec,
  DeterministicAccountStateInitCodec,
  ReceiptCodec,
  ReceiptOrStateStoredReceiptCodec,
  SignedTransactionCodec,
  TransactionCodec,
  decode,
  encode,
  fromHex,
  newAccount,
  parseTrieKey,
  sha256,
  toHex,
  encodeTrieKey,
  type Action,
  type Codec,
  type Receipt,
} from '@nearts/primitives';

/** xorshift32: deterministic test randomness. */
function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}

const sample = JSON.parse(readFileSync(new URL('./vectors/sample-signed-tx.json', import.meta.url), 'utf8'));
const nearJs = JSON.parse(readFileSync(new URL('./vectors/near-js-actions.json', import.meta.url), 'utf8'));
const signedSeeds: Uint8Array[] = [fromHex(sample.signedTxHex), ...nearJs.vectors.map((v: { signedTxHex: string }) => fromHex(v.signedTxHex))];
const txSeeds = signedSeeds.map((b) => decode(SignedTransactionCodec, b).transaction).map((t) => encode(TransactionCodec, t));
const actionSeeds = signedSeeds.flatMap((b) => decode(SignedTransactionCodec, b).transaction.actions).map((a) => encode(ActionCodec, a));

const receipt: Receipt = {
  predecessorId: 'alice.near',
  receiverId: 'bob.near',
  receiptId: sha256(new Uint8Array([1])),
  receipt: {
    type: 'ActionV2',
    receipt: {
      signerId: 'alice.near',
      refundTo: 'carol.near',
      signerPublicKey: decode(SignedTransactionCodec, signedSeeds[0]).transaction.publicKey,
      gasPrice: 100_000_000n,
      outputDataReceivers: [{ dataId: sha256(new Uint8Array([2])), receiverId: 'dave.near' }],
      inputDataIds: [sha256(new Uint8Array([3]))],
      actions: decode(SignedTransactionCodec, signedSeeds[1]).transaction.actions as Action[],
    },
  },
};
const stateInitAction: Action = {
  type: 'DeterministicStateInit',
  stateInit: {
    version: 'V1',
    code: { type: 'AccountId', accountId: 'publisher.near' },
    data: [
      [Uint8Array.of(1), Uint8Array.of(9, 9)],
      [Uint8Array.of(1, 0), Uint8Array.of()],
    ],
  },
  deposit: 5n,
};

interface Target {
  codec: Codec<unknown>;
  seeds: Uint8Array[];
  /** Decoding normalises a BTreeMap, so only decode∘encode is a fixed point. */
  canonicalising?: boolean;
}

const targets: Target[] = [
  { codec: SignedTransactionCodec as Codec<unknown>, seeds: signedSeeds },
  { codec: TransactionCodec as Codec<unknown>, seeds: txSeeds },
  { codec: ActionCodec as Codec<unknown>, seeds: [...actionSeeds, encode(ActionCodec, stateInitAction)], canonicalising: true },
  { codec: ReceiptCodec as Codec<unknown>, seeds: [encode(ReceiptCodec, receipt)] },
  {
    codec: ReceiptOrStateStoredReceiptCodec as Codec<unknown>,
    seeds: [encode(ReceiptOrStateStoredReceiptCodec, { type: 'StateStoredReceipt', version: 1, receipt, metadata: { congestionGas: 7n, congestionSize: 9n } })],
  },
  {
    codec: AccountCodec as Codec<unknown>,
    seeds: [
      encode(AccountCodec, newAccount(10n, 0n, { type: 'None' }, 182n)),
      encode(AccountCodec, newAccount(10n, 1n, { type: 'GlobalByAccount', accountId: 'publisher.near' }, 200n)),
    ],
  },
  { codec: AccessKeyCodec as Codec<unknown>, seeds: actionSeeds.filter((b) => b[0] === 5).map((b) => b.subarray(34)) },
  {
    codec: DelegateActionCodec as Codec<unknown>,
    seeds: [encode(DelegateActionCodec, (decode(ActionCodec, actionSeeds.find((b) => b[0] === 8)!) as Extract<Action, { type: 'Delegate' }>).delegateAction)],
  },
  { codec: DeterministicAccountStateInitCodec as Codec<unknown>, seeds: [encode(DeterministicAccountStateInitCodec, (stateInitAction as Extract<Action, { type: 'DeterministicStateInit' }>).stateInit)], canonicalising: true },
];

function mutate(seed: Uint8Array, next: () => number): Uint8Array {
  const kind = next() % 6;
  const b = seed.slice();
  switch (kind) {
    case 0: // flip a few bytes
      for (let i = 0, n = 1 + (next() % 4); i < n && b.length > 0; i++) b[next() % b.length] = next() & 0xff;
      return b;
    case 1: // truncate
      return b.subarray(0, next() % (b.length + 1));
    case 2: // append junk
      return Uint8Array.from([...b, ...Array.from({ length: 1 + (next() % 8) }, () => next() & 0xff)]);
    case 3: // random bytes
      return Uint8Array.from(Array.from({ length: next() % 96 }, () => next() & 0xff));
    case 4: // bump a length-looking byte near the start
      if (b.length > 0) b[next() % Math.min(b.length, 80)] ^= 1 << (next() % 8);
      return b;
    default: // cut a chunk out of the middle
      if (b.length < 2) return b;
      {
        const at = next() % b.length;
        return Uint8Array.from([...b.subarray(0, at), ...b.subarray(at + 1 + (next() % 8))]);
      }
  }
}

describe('property: every decoder either decodes (and re-encodes identically) or throws BorshError', () => {
  for (const t of targets) {
    it(`${t.codec.name}`, () => {
      const next = rng(0x9e3779b9 ^ t.codec.name.length);
      let decoded = 0;
      for (let i = 0; i < 1500; i++) {
        const seed = t.seeds[i % t.seeds.length];
        const input = i < t.seeds.length ? seed : mutate(seed, next);
        let value: unknown;
        try {
          value = decode(t.codec, input);
        } catch (e) {
          if (!(e instanceof BorshError)) throw new Error(`non-BorshError for ${toHex(input)}: ${String(e)}`);
          continue;
        }
        decoded++;
        const again = encode(t.codec, value);
        if (t.canonicalising) expect(toHex(encode(t.codec, decode(t.codec, again)))).toBe(toHex(again));
        else expect(toHex(again)).toBe(toHex(input));
      }
      expect(decoded).toBeGreaterThanOrEqual(t.seeds.length);
    });
  }

  it('parseTrieKey', () => {
    const next = rng(42);
    const seeds = [
      encodeTrieKey({ type: 'Account', accountId: 'alice.near' }),
      encodeTrieKey({ type: 'ContractData', accountId: 'alice.near', key: Uint8Array.of(1, 2, 0x2c) }),
      encodeTrieKey({ type: 'BufferedReceipt', receivingShard: 3n, index: 9n }),
      encodeTrieKey({ type: 'GlobalContractNonce', identifier: { type: 'AccountId', accountId: 'pub.near' } }),
    ];
    for (let i = 0; i < 2000; i++) {
      const input = mutate(seeds[i % seeds.length], next);
      let key;
      try {
        key = parseTrieKey(input);
      } catch (e) {
        if (!(e instanceof BorshError)) throw new Error(`non-BorshError for ${toHex(input)}: ${String(e)}`);
        continue;
      }
      expect(toHex(encodeTrieKey(key))).toBe(toHex(input));
    }
  });
});
