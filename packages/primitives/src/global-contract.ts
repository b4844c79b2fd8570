/** Global contracts (NEP-591, protocol 77): how a published contract is identified. */
import { AccountIdCodec, type AccountId } from './account-id.js';
import { readField, type Codec } from './borsh/codec.js';
import { CryptoHashCodec, type CryptoHash } from './hash.js';

/**
 * `GlobalContractIdentifier` (borsh tags 0 CodeHash, 1 AccountId). nearcore's trie-key
 * `GlobalContractCodeIdentifier` has the same layout and is represented by the same type here.
 */
export type GlobalContractIdentifier =
  | { type: 'CodeHash'; hash: CryptoHash }
  | { type: 'AccountId'; accountId: AccountId };

/** `GlobalContractDeployMode` (u8: 0 CodeHash, 1 AccountId). */
export type GlobalContractDeployMode = 'CodeHash' | 'AccountId';

export const GlobalContractIdentifierCodec: Codec<GlobalContractIdentifier> = {
  name: 'GlobalContractIdentifier',
  minSize: 5,
  write: (w, v) => {
    if (v.type === 'CodeHash') {
      w.u8(0);
      CryptoHashCodec.write(w, v.hash);
    } else {
      w.u8(1);
      AccountIdCodec.write(w, v.accountId);
    }
  },
  read: (r) => {
    const tag = r.tag('GlobalContractIdentifier', 2);
    if (tag === 0) return { type: 'CodeHash', hash: readField(r, 'CodeHash', CryptoHashCodec) };
    return { type: 'AccountId', accountId: readField(r, 'AccountId', AccountIdCodec) };
  },
};

export const GlobalContractDeployModeCodec: Codec<GlobalContractDeployMode> = {
  name: 'GlobalContractDeployMode',
  minSize: 1,
  write: (w, v) => w.u8(v === 'CodeHash' ? 0 : 1),
  read: (r) => (r.tag('GlobalContractDeployMode', 2) === 0 ? 'CodeHash' : 'AccountId'),
};
