/** `TransactionNonce` and `NonceMode` (TransactionV1 / DelegateActionV2, protocol 85). */
import { U16Codec, U64Codec, readField, type Codec } from './borsh/codec.js';
import type { Nonce } from './units.js';

/** Borsh tags: 0 Nonce, 1 GasKeyNonce. */
export type TransactionNonce =
  | { type: 'Nonce'; nonce: Nonce }
  | { type: 'GasKeyNonce'; nonce: Nonce; nonceIndex: number };

/** Borsh tags: 0 Monotonic (nonce > key nonce), 1 Strict (nonce == key nonce + 1). */
export type NonceMode = 'Monotonic' | 'Strict';

export const TransactionNonceCodec: Codec<TransactionNonce> = {
  name: 'TransactionNonce',
  minSize: 9,
  write: (w, v) => {
    if (v.type === 'Nonce') {
      w.u8(0);
      w.u64(v.nonce);
    } else {
      w.u8(1);
      w.u64(v.nonce);
      w.u16(v.nonceIndex);
    }
  },
  read: (r) => {
    if (r.tag('TransactionNonce', 2) === 0) return { type: 'Nonce', nonce: readField(r, 'Nonce.nonce', U64Codec) };
    return {
      type: 'GasKeyNonce',
      nonce: readField(r, 'GasKeyNonce.nonce', U64Codec),
      nonceIndex: readField(r, 'GasKeyNonce.nonce_index', U16Codec),
    };
  },
};

export const NonceModeCodec: Codec<NonceMode> = {
  name: 'NonceMode',
  minSize: 1,
  write: (w, v) => w.u8(v === 'Monotonic' ? 0 : 1),
  read: (r) => (r.tag('NonceMode', 2) === 0 ? 'Monotonic' : 'Strict'),
};
