/**
 * NEP-616 deterministic accounts (protocol 82): the state a `0s…` account is created with, and
 * the id derived from it.
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import { readField, encode, type Codec } from './borsh/codec.js';
import { BorshError } from './borsh/errors.js';
import { GlobalContractIdentifierCodec, type GlobalContractIdentifier } from './global-contract.js';
import { toHex } from './hash.js';
import type { AccountId } from './account-id.js';

/** `DeterministicAccountStateInit::V1` (the only version, borsh tag 0). */
export interface DeterministicAccountStateInit {
  version: 'V1';
  code: GlobalContractIdentifier;
  /**
   * `BTreeMap<Vec<u8>, Vec<u8>>`, kept as entries sorted by key bytes with unique keys (the
   * order borsh writes them in). Use `normalizeStateInitData` when building one by hand.
   */
  data: Array<[Uint8Array, Uint8Array]>;
}

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return a.length - b.length;
}

/**
 * Sorts entries by key and keeps the last value for a repeated key — what collecting into a
 * Rust `BTreeMap` does, so decoding unsorted bytes gives the value nearcore would see.
 */
export function normalizeStateInitData(entries: Array<[Uint8Array, Uint8Array]>): Array<[Uint8Array, Uint8Array]> {
  const sorted = entries.map((e, i) => ({ e, i })).sort((x, y) => compareBytes(x.e[0], y.e[0]) || x.i - y.i);
  const out: Array<[Uint8Array, Uint8Array]> = [];
  for (const { e } of sorted) {
    const last = out[out.length - 1];
    if (last && compareBytes(last[0], e[0]) === 0) out[out.length - 1] = e;
    else out.push(e);
  }
  return out;
}

function isCanonical(entries: Array<[Uint8Array, Uint8Array]>): boolean {
  for (let i = 1; i < entries.length; i++) if (compareBytes(entries[i - 1][0], entries[i][0]) >= 0) return false;
  return true;
}

export const DeterministicAccountStateInitCodec: Codec<DeterministicAccountStateInit> = {
  name: 'DeterministicAccountStateInit',
  minSize: 10,
  write: (w, v) => {
    w.u8(0);
    GlobalContractIdentifierCodec.write(w, v.code);
    const data = isCanonical(v.data) ? v.data : normalizeStateInitData(v.data);
    w.u32(data.length);
    for (const [k, val] of data) {
      w.bytes(k);
      w.bytes(val);
    }
  },
  read: (r) => {
    r.tag('DeterministicAccountStateInit', 1);
    const code = readField(r, 'V1.code', GlobalContractIdentifierCodec);
    const n = r.length(8, 'BTreeMap<Vec<u8>, Vec<u8>>');
    const data: Array<[Uint8Array, Uint8Array]> = new Array(n);
    for (let i = 0; i < n; i++) {
      try {
        data[i] = [r.bytesVec(), r.bytesVec()];
      } catch (e) {
        if (e instanceof BorshError) e.addPath(`V1.data[${i}]`);
        throw e;
      }
    }
    return { version: 'V1', code, data: isCanonical(data) ? data : normalizeStateInitData(data) };
  },
};

/** `"0s" + hex(keccak256(borsh(state_init))[12..32])`. */
export function deriveNearDeterministicAccountId(stateInit: DeterministicAccountStateInit): AccountId {
  const digest = keccak_256(encode(DeterministicAccountStateInitCodec, stateInit));
  return '0s' + toHex(digest.subarray(12, 32));
}
