/** Test helpers: keys, signed transactions built with @nearts/primitives, a small genesis. */
import {
  encode,
  KeyPair,
  NEAR,
  SignedTransactionCodec,
  transactionHash,
  type Action,
  type CryptoHash,
  type SignedTransaction,
} from '@nearts/primitives';
import { Chain, checkSupplyInvariant, type GenesisConfig } from '../src/index.js';

export const keyOf = (name: string): KeyPair => KeyPair.fromNearcoreTestSeed(name);

export function signTx(
  signer: string,
  key: KeyPair,
  receiver: string,
  nonce: bigint,
  actions: Action[],
  blockHash: CryptoHash,
): SignedTransaction {
  const transaction = {
    version: 'V0' as const,
    signerId: signer,
    publicKey: key.publicKey,
    nonce,
    receiverId: receiver,
    blockHash,
    actions,
  };
  return { transaction, signature: key.sign(transactionHash(transaction)) };
}

export function txBytes(s: SignedTransaction): Uint8Array {
  return encode(SignedTransactionCodec, s);
}

/** alice.near and bob.near with 100 NEAR each and a full-access key named after them; registrar for top-level ids. */
export function testChain(extra: Partial<GenesisConfig> = {}): Chain {
  const chain = Chain.create({
    ...extra,
    accounts: [
      { accountId: 'alice.near', amount: 100n * NEAR, keys: [keyOf('alice.near').publicKey] },
      { accountId: 'bob.near', amount: 100n * NEAR, keys: [keyOf('bob.near').publicKey] },
      { accountId: 'near', amount: 1000n * NEAR, keys: [keyOf('near').publicKey] },
      ...(extra.accounts ?? []),
    ],
  });
  checkSupplyInvariant(chain);
  return chain;
}

/** Signs with the signer's test key (nonce = next after the key's current nonce), submits and runs to idle. */
export function execute(chain: Chain, signer: string, receiver: string, actions: Action[], key: KeyPair = keyOf(signer)) {
  const ak = chain.viewAccessKey(signer, key.publicKey);
  const nonce = (ak?.nonce ?? 0n) + 1n;
  const tx = signTx(signer, key, receiver, nonce, actions, chain.head.hash);
  const hash = chain.submit(tx);
  chain.runUntilIdle();
  checkSupplyInvariant(chain);
  const final = chain.finalOutcome(hash);
  return { hash, final, tx: final.transactionOutcome.outcome.outcome, receipts: final.receiptsOutcome.map((r) => r.outcome.outcome) };
}

export const balance = (chain: Chain, id: string): bigint => chain.viewAccount(id)?.amount ?? -1n;
