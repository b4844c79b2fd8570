/**
 * Access keys (`near_primitives_core::account::AccessKey`), including the gas-key permissions
 * added with NEP-611 (protocol 85).
 */
import { readField, U128Codec, U16Codec, U64Codec, optionCodec, vecCodec, StringCodec, type Codec } from './borsh/codec.js';
import type { Balance, Nonce } from './units.js';

export interface FunctionCallPermission {
  /** `null` = unlimited. */
  allowance: Balance | null;
  /**
   * Kept as a plain string, like nearcore (old testnet genesis records hold invalid ids here);
   * runtime validation checks it when a key is added.
   */
  receiverId: string;
  /** Empty = any method. */
  methodNames: string[];
}

export interface GasKeyInfo {
  balance: Balance;
  /** u16 (`NonceIndex`); at most 1024 for new keys. */
  numNonces: number;
}

/** Borsh tags: 0 FunctionCall, 1 FullAccess, 2 GasKeyFunctionCall, 3 GasKeyFullAccess. */
export type AccessKeyPermission =
  | { type: 'FunctionCall'; functionCall: FunctionCallPermission }
  | { type: 'FullAccess' }
  | { type: 'GasKeyFunctionCall'; gasKeyInfo: GasKeyInfo; functionCall: FunctionCallPermission }
  | { type: 'GasKeyFullAccess'; gasKeyInfo: GasKeyInfo };

export interface AccessKey {
  nonce: Nonce;
  permission: AccessKeyPermission;
}

/** New access keys get nonce `(block_height - 1) * ACCESS_KEY_NONCE_RANGE_MULTIPLIER`. */
export const ACCESS_KEY_NONCE_RANGE_MULTIPLIER = 1_000_000n;
/** Upper bound of `GasKeyInfo.numNonces` for new gas keys. */
export const MAX_NONCES_FOR_GAS_KEY = 1024;

export function fullAccessKey(nonce: Nonce = 0n): AccessKey {
  return { nonce, permission: { type: 'FullAccess' } };
}

export function functionCallAccessKey(
  receiverId: string,
  methodNames: string[],
  allowance: Balance | null = null,
  nonce: Nonce = 0n,
): AccessKey {
  return { nonce, permission: { type: 'FunctionCall', functionCall: { allowance, receiverId, methodNames } } };
}

export function isGasKey(key: AccessKey): boolean {
  return key.permission.type === 'GasKeyFullAccess' || key.permission.type === 'GasKeyFunctionCall';
}

const StringVecCodec = vecCodec(StringCodec);
const AllowanceCodec = optionCodec(U128Codec);

export const FunctionCallPermissionCodec: Codec<FunctionCallPermission> = {
  name: 'FunctionCallPermission',
  minSize: 9,
  write: (w, v) => {
    AllowanceCodec.write(w, v.allowance);
    w.string(v.receiverId);
    StringVecCodec.write(w, v.methodNames);
  },
  read: (r) => ({
    allowance: readField(r, 'allowance', AllowanceCodec),
    receiverId: readField(r, 'receiver_id', StringCodec),
    methodNames: readField(r, 'method_names', StringVecCodec),
  }),
};

export const GasKeyInfoCodec: Codec<GasKeyInfo> = {
  name: 'GasKeyInfo',
  minSize: 18,
  write: (w, v) => {
    w.u128(v.balance);
    w.u16(v.numNonces);
  },
  read: (r) => ({ balance: readField(r, 'balance', U128Codec), numNonces: readField(r, 'num_nonces', U16Codec) }),
};

export const AccessKeyPermissionCodec: Codec<AccessKeyPermission> = {
  name: 'AccessKeyPermission',
  minSize: 1,
  write: (w, v) => {
    switch (v.type) {
      case 'FunctionCall':
        w.u8(0);
        FunctionCallPermissionCodec.write(w, v.functionCall);
        return;
      case 'FullAccess':
        w.u8(1);
        return;
      case 'GasKeyFunctionCall':
        w.u8(2);
        GasKeyInfoCodec.write(w, v.gasKeyInfo);
        FunctionCallPermissionCodec.write(w, v.functionCall);
        return;
      case 'GasKeyFullAccess':
        w.u8(3);
        GasKeyInfoCodec.write(w, v.gasKeyInfo);
        return;
    }
  },
  read: (r) => {
    switch (r.tag('AccessKeyPermission', 4)) {
      case 0:
        return { type: 'FunctionCall', functionCall: readField(r, 'FunctionCall', FunctionCallPermissionCodec) };
      case 1:
        return { type: 'FullAccess' };
      case 2:
        return {
          type: 'GasKeyFunctionCall',
          gasKeyInfo: readField(r, 'GasKeyFunctionCall.0', GasKeyInfoCodec),
          functionCall: readField(r, 'GasKeyFunctionCall.1', FunctionCallPermissionCodec),
        };
      default:
        return { type: 'GasKeyFullAccess', gasKeyInfo: readField(r, 'GasKeyFullAccess', GasKeyInfoCodec) };
    }
  },
};

export const AccessKeyCodec: Codec<AccessKey> = {
  name: 'AccessKey',
  minSize: 9,
  write: (w, v) => {
    w.u64(v.nonce);
    AccessKeyPermissionCodec.write(w, v.permission);
  },
  read: (r) => ({
    nonce: readField(r, 'nonce', U64Codec),
    permission: readField(r, 'permission', AccessKeyPermissionCodec),
  }),
};
