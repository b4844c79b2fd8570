/**
 * What nearcore's runtime-crate unit tests build on, over our public API:
 * - `RuntimeConfig::test()` (the protocol's parameters, `RuntimeFeesConfig::test()`, yield
 *   timeout 10 blocks, default account-creation config) and `RuntimeConfig::free()`;
 * - `InMemorySigner::test_signer(id)` = the key from seed `id`;
 * - `validate_verify_and_charge_transaction` of verifier.rs's tests, on an account and access key
 *   held in memory (nearcore reads them from a trie; the checks only see the values).
 */
import {
  AccessKeyCodec,
  KeyPair,
  PublicKeyCodec,
  decodeSignedTransaction,
  encode,
  encodedLength,
  SignedTransactionCodec,
  transactionHash,
  transactionNonce,
  type AccessKey,
  type Account,
  type Action,
  type CryptoHash,
  type NonceMode,
  type PublicKey,
  type SignedTransaction,
  type Transaction,
  type TransactionNonce,
} from '@nearts/primitives';
import { runtimeConfig, type RuntimeConfig, type RuntimeFeesConfig } from '@nearts/runtime-fees';
import {
  IntegerOverflowError,
  transactionCost,
  validateTransaction,
  verifyAndChargeGasKey,
  verifyAndChargeRegular,
  type InvalidTxErrorData,
  type TransactionCost,
  type VerifiableTransaction,
  type VerificationResult,
} from '../../src/index.js';
import { feeNew, nearcoreFreeFees, nearcoreTestFees } from '../../../../tools/test-support/nearcore-test-fees.js';
// Not exported: how a verification result is written back into the account and key.
import { applyVerification } from '../../src/verifier/transaction.js';

export { feeNew };

/** nearcore's PROTOCOL_VERSION in the default build. */
export const PROTOCOL_VERSION = 86;
export const U64_MAX = (1n << 64n) - 1n;
export const U128_MAX = (1n << 128n) - 1n;
export const NEAR = 10n ** 24n;
export const MILLINEAR = 10n ** 21n;
export const ZERO_HASH: CryptoHash = new Uint8Array(32);

export const signerOf = (id: string): KeyPair => KeyPair.fromNearcoreTestSeed(id);

/** `RuntimeFeesConfig::test()`. */
export const testFees = nearcoreTestFees;
/** `RuntimeFeesConfig::free()`. */
export const freeFees = nearcoreFreeFees;

/** A config with its fees replaced (keeps `storageAmountPerByte`, nearcore's accessor, in step). */
export function withFees(config: RuntimeConfig, fees: RuntimeFeesConfig): RuntimeConfig {
  return { ...config, fees, storageAmountPerByte: fees.storageUsageConfig.storageAmountPerByte };
}

/** `AccountCreationConfig::default()`. */
const DEFAULT_ACCOUNT_CREATION = { minAllowedTopLevelAccountLength: 0, registrarAccountId: 'registrar' };

/** `RuntimeConfig::test_protocol_version(pv)`. */
export function testConfig(protocolVersion = PROTOCOL_VERSION): RuntimeConfig {
  const base = runtimeConfig(protocolVersion);
  const wasmConfig = { ...base.wasmConfig, limitConfig: { ...base.wasmConfig.limitConfig, yieldTimeoutLengthInBlocks: 10n } };
  return { ...withFees(base, testFees(base.fees)), wasmConfig, accountCreationConfig: DEFAULT_ACCOUNT_CREATION };
}

/** `RuntimeConfig::free()`: no fees, free wasm, no minimum gas purchase price, no account-creation charge. */
export function freeConfig(): RuntimeConfig {
  const base = runtimeConfig(PROTOCOL_VERSION);
  const extCosts = Object.fromEntries(Object.keys(base.wasmConfig.extCosts).map((k) => [k, { gas: 0n, compute: 0n }]));
  const wasmConfig = {
    ...base.wasmConfig,
    extCosts: extCosts as typeof base.wasmConfig.extCosts,
    growMemCost: 0n,
    regularOpCost: 0n,
    linearOpBaseCost: 0n,
    linearOpUnitCost: 0n,
    limitConfig: { ...base.wasmConfig.limitConfig, maxGasBurnt: U64_MAX },
  };
  return {
    ...withFees(base, freeFees(base.fees)),
    wasmConfig,
    accountCreationConfig: DEFAULT_ACCOUNT_CREATION,
    minGasPurchasePrice: 0n,
    accountCreationCharge: 0n,
  };
}

/** A config whose limit config is changed by `change`. */
export function withLimits(config: RuntimeConfig, change: (l: Record<string, unknown>) => void): RuntimeConfig {
  const limitConfig = { ...config.wasmConfig.limitConfig } as Record<string, unknown>;
  change(limitConfig);
  return { ...config, wasmConfig: { ...config.wasmConfig, limitConfig: limitConfig as unknown as RuntimeConfig['wasmConfig']['limitConfig'] } };
}

/** `SignedTransaction::from_actions` (V0) / `from_actions_v1` / `from_actions_v1_strict`. */
export function signedTx(
  nonce: bigint | TransactionNonce,
  signerId: string,
  receiverId: string,
  signer: KeyPair,
  actions: Action[],
  opts: { version?: 'V0' | 'V1'; nonceMode?: NonceMode } = {},
): SignedTransaction {
  const version = opts.version ?? (typeof nonce === 'bigint' ? 'V0' : 'V1');
  const transaction: Transaction =
    version === 'V0'
      ? { version, signerId, publicKey: signer.publicKey, nonce: nonce as bigint, receiverId, blockHash: ZERO_HASH, actions }
      : {
          version,
          signerId,
          publicKey: signer.publicKey,
          nonce: typeof nonce === 'bigint' ? { type: 'Nonce', nonce } : nonce,
          receiverId,
          blockHash: ZERO_HASH,
          actions,
          nonceMode: opts.nonceMode ?? 'Monotonic',
        };
  return { transaction, signature: signer.sign(transactionHash(transaction)) };
}

export const sendMoney = (nonce: bigint, signerId: string, receiverId: string, signer: KeyPair, deposit: bigint): SignedTransaction =>
  signedTx(nonce, signerId, receiverId, signer, [{ type: 'Transfer', deposit }]);

/** The transaction as the chunk sees it: decoded from its bytes, with hash and body size. */
export function verifiable(s: SignedTransaction): VerifiableTransaction {
  const d = decodeSignedTransaction(encode(SignedTransactionCodec, s));
  return { signed: s, hash: d.hash, size: d.size };
}

/** An account with keys/code/data, storage usage counted as nearcore's verifier test setup does. */
export interface TestAccount {
  account: Account;
  keys: Map<string, AccessKey>;
}

/**
 * verifier.rs `setup_accounts`: the first key is the signer's, the next ones from seeds "1", "2"…;
 * each adds borsh(public key) + borsh(access key) + 40 bytes; a contract 100 bytes; data 144.
 */
export function setupAccount(
  signerId: string,
  amount: bigint,
  locked: bigint,
  accessKeys: AccessKey[],
  opts: { hasContract?: boolean; hasData?: boolean } = {},
): TestAccount {
  const keys = new Map<string, AccessKey>();
  let storageUsage = 0n;
  accessKeys.forEach((key, i) => {
    const publicKey = i === 0 ? signerOf(signerId).publicKey : KeyPair.fromNearcoreTestSeed(String(i)).publicKey;
    keys.set(publicKey.toString(), key);
    storageUsage += BigInt(encodedLength(PublicKeyCodec, publicKey) + encodedLength(AccessKeyCodec, key)) + 40n;
  });
  if (opts.hasContract) storageUsage += 100n;
  if (opts.hasData) storageUsage += 4n + 100n + 40n;
  const account: Account = {
    version: 'V1',
    amount,
    locked,
    contract: opts.hasContract ? { type: 'Local', hash: new Uint8Array(32).fill(1) } : { type: 'None' },
    storageUsage,
  };
  return { account, keys };
}

export type Verified = { ok: true; result: VerificationResult; cost: TransactionCost } | { ok: false; error: InvalidTxErrorData };

/**
 * verifier.rs `validate_verify_and_charge_transaction`: validate, look the signer and key up,
 * cost, verify and charge, and on success write the new account amount and key into `state`.
 * `gasKeyNonces`: the current nonce of each gas-key nonce index.
 */
export function validateVerifyAndCharge(
  config: RuntimeConfig,
  state: Map<string, TestAccount>,
  s: SignedTransaction,
  gasPrice: bigint,
  blockHeight: bigint | null,
  protocolVersion: number,
  gasKeyNonces: bigint[] = [],
): Verified {
  const tx = verifiable(s);
  const invalid = validateTransaction(config, tx, protocolVersion);
  if (invalid) return { ok: false, error: invalid };
  const t = s.transaction;
  const signer = state.get(t.signerId);
  if (!signer) return { ok: false, error: { kind: 'SignerDoesNotExist', signer_id: t.signerId } };
  const key = signer.keys.get(t.publicKey.toString());
  if (!key) {
    return {
      ok: false,
      error: { kind: 'InvalidAccessKeyError', error: { kind: 'AccessKeyNotFound', account_id: t.signerId, public_key: t.publicKey.toString() } },
    };
  }
  let cost: TransactionCost;
  try {
    cost = transactionCost(config, t.signerId, t.receiverId, t.publicKey, t.actions, gasPrice);
  } catch (e) {
    if (e instanceof IntegerOverflowError) return { ok: false, error: { kind: 'CostOverflow' } };
    throw e;
  }
  const nonce = transactionNonce(t);
  const verdict =
    nonce.type === 'GasKeyNonce'
      ? verifyAndChargeGasKey(config, signer.account, key, gasKeyNonces[nonce.nonceIndex] ?? 0n, t, cost, blockHeight)
      : verifyAndChargeRegular(config, signer.account, key, t, cost, blockHeight);
  if (verdict.kind !== 'Success') return { ok: false, error: verdict.error };
  const account = { ...signer.account };
  const accessKey = structuredClone(key);
  applyVerification(verdict.result, account, accessKey);
  signer.account = account;
  signer.keys.set(t.publicKey.toString(), accessKey);
  if (verdict.result.accessKeyUpdate.kind === 'GasKey') gasKeyNonces[verdict.result.accessKeyUpdate.nonceIndex] = verdict.result.accessKeyUpdate.nonce;
  return { ok: true, result: verdict.result, cost };
}

export type { PublicKey };
