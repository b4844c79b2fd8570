/**
 * The keys a sandbox holds to sign for its accounts. By default an account's key is nearcore's
 * test key for its id (`SecretKey::from_seed(ED25519, account_id)`), so runs are reproducible.
 */
import { base58Decode, KeyPair, PublicKey } from '@nearts/primitives';
import { SandboxError } from './errors.js';
import { LayeredMap } from './layered-map.js';

const testKeys = new Map<string, KeyPair>();

/**
 * nearcore's test key of an account: ed25519 from the seed text `accountId`. Memoized: deriving
 * a key through node:crypto takes about a millisecond, and suites reuse the same account names.
 */
export function testKeyOf(accountId: string): KeyPair {
  let k = testKeys.get(accountId);
  if (k === undefined) {
    k = KeyPair.fromNearcoreTestSeed(accountId);
    if (testKeys.size < 10_000) testKeys.set(accountId, k);
  }
  return k;
}

/**
 * A key written as text: `seed:<text>` (nearcore test key of that seed), a secret key
 * `ed25519:<base58 of 64 bytes>` / `secp256k1:…`, or a public key `ed25519:<base58 of 32 bytes>`.
 */
export function parseKeyText(text: string): { publicKey: PublicKey; keyPair?: KeyPair } {
  if (text.startsWith('seed:')) {
    const keyPair = testKeyOf(text.slice(5));
    return { publicKey: keyPair.publicKey, keyPair };
  }
  const colon = text.indexOf(':');
  const body = colon < 0 ? text : text.slice(colon + 1);
  let length: number;
  try {
    length = base58Decode(body).length;
  } catch {
    throw new SandboxError('invalid_argument', `not a key: ${JSON.stringify(text)}`);
  }
  try {
    const type = colon < 0 ? 'ed25519' : text.slice(0, colon);
    const isSecret = (type === 'ed25519' && length === 64) || (type === 'secp256k1' && (length === 32 || length === 96));
    if (isSecret) {
      const keyPair = KeyPair.fromString(text);
      return { publicKey: keyPair.publicKey, keyPair };
    }
    return { publicKey: PublicKey.fromString(text) };
  } catch (e) {
    throw new SandboxError('invalid_argument', `not a key: ${JSON.stringify(text)} (${(e as Error).message})`);
  }
}

export class KeyStore {
  constructor(private map: LayeredMap<string, readonly KeyPair[]> = new LayeredMap()) {}

  /** Remembers `keyPair` as a key of `accountId` (the first one added is the default signer). */
  add(accountId: string, keyPair: KeyPair): void {
    const keys = this.map.get(accountId) ?? [];
    const pk = keyPair.publicKey.toString();
    if (keys.some((k) => k.publicKey.toString() === pk)) return;
    this.map.set(accountId, [...keys, keyPair]);
  }

  /** Makes `keyPair` the default signer of `accountId`. */
  setDefault(accountId: string, keyPair: KeyPair): void {
    const pk = keyPair.publicKey.toString();
    const rest = (this.map.get(accountId) ?? []).filter((k) => k.publicKey.toString() !== pk);
    this.map.set(accountId, [keyPair, ...rest]);
  }

  keysOf(accountId: string): readonly KeyPair[] {
    return this.map.get(accountId) ?? [];
  }

  accounts(): string[] {
    return this.map.keys().filter((a) => this.keysOf(a).length > 0).sort();
  }

  /** The key to sign for `accountId` with: the one matching `publicKey`, else its default key. */
  signer(accountId: string, publicKey?: PublicKey | string): KeyPair {
    const keys = this.keysOf(accountId);
    if (keys.length === 0) {
      const known = this.accounts();
      throw new SandboxError(
        'unknown_account',
        `no key held for account ${accountId}${known.length ? ` (keys are held for: ${known.join(', ')})` : ''}`,
      );
    }
    if (publicKey === undefined) return keys[0];
    const wanted = publicKey.toString();
    const found = keys.find((k) => k.publicKey.toString() === wanted);
    if (found === undefined) {
      throw new SandboxError('unknown_key', `no secret key held for ${wanted} of ${accountId} (held: ${keys.map((k) => k.publicKey.toString()).join(', ')})`);
    }
    return found;
  }

  /** A frozen copy for a snapshot; this store keeps writing to a new layer. */
  freeze(): LayeredMap<string, readonly KeyPair[]> {
    const frozen = this.map;
    this.map = frozen.branch();
    return frozen;
  }
}
