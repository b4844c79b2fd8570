/** Genesis accounts of a sandbox: balances, keys (held by the sandbox), code, contract data. */
import { readFileSync } from 'node:fs';
import { isValidAccountId, NEAR } from '@nearts/primitives';
import type { GenesisAccount } from '@nearts/runtime';
import { toYocto, type Amount } from './amounts.js';
import { SandboxError } from './errors.js';
import { testKeyOf, type KeyStore } from './keys.js';
import { resolveKey, type DataInput, type KeyInput } from './patch.js';

/** Balance of genesis accounts without one and of `createSubAccount` without `initialBalance`. */
export const DEFAULT_ACCOUNT_BALANCE = 100n * NEAR;

export interface SandboxAccountInit {
  accountId: string;
  /** Default 100 NEAR. */
  balance?: Amount;
  locked?: Amount;
  /** Default: nearcore's test key of the account id (held by the sandbox). */
  keys?: KeyInput[];
  /** Contract code, or a path to a .wasm file. */
  code?: Uint8Array | string;
  data?: DataInput;
}

function readCode(code: Uint8Array | string, what: string): Uint8Array {
  if (code instanceof Uint8Array) return code;
  try {
    return new Uint8Array(readFileSync(code));
  } catch (e) {
    throw new SandboxError('invalid_argument', `${what}: cannot read ${code}: ${(e as Error).message}`);
  }
}

function genesisData(d: DataInput | undefined): Array<[Uint8Array, Uint8Array]> {
  if (d === undefined) return [];
  const enc = (s: Uint8Array | string): Uint8Array => (typeof s === 'string' ? new TextEncoder().encode(s) : s);
  const list = Array.isArray(d) ? d : Object.entries(d);
  return list.filter(([, v]) => v !== null).map(([k, v]) => [enc(k), enc(v!)]);
}

/** The runtime's genesis records for `inits`; their key pairs go into `keys`. */
export function genesisAccounts(inits: readonly SandboxAccountInit[], keys: KeyStore): GenesisAccount[] {
  const genesis: GenesisAccount[] = [];
  for (const a of inits) {
    if (!isValidAccountId(a.accountId)) throw new SandboxError('invalid_argument', `invalid account id ${JSON.stringify(a.accountId)}`);
    const genesisKeys = (a.keys ?? [testKeyOf(a.accountId)]).map((k) => {
      const { publicKey, keyPair, accessKey } = resolveKey(k);
      if (keyPair) keys.add(a.accountId, keyPair);
      return { publicKey, accessKey };
    });
    genesis.push({
      accountId: a.accountId,
      amount: toYocto(a.balance ?? DEFAULT_ACCOUNT_BALANCE, `balance of ${a.accountId}`),
      locked: a.locked === undefined ? 0n : toYocto(a.locked, `locked balance of ${a.accountId}`),
      keys: genesisKeys,
      code: a.code === undefined ? undefined : readCode(a.code, `code of ${a.accountId}`),
      data: genesisData(a.data),
    });
  }
  return genesis;
}
