/**
 * nearcore runtime/runtime/src/actions.rs unit tests (f0c7706), translated: CreateAccount's
 * registrar rule, DeleteAccount's storage limit (local and global contracts, before and after
 * FixDeleteAccountGlobalContractStorageUsage), and Delegate/DelegateV2 (signature, expiry,
 * sender, access key, nonces, permissions, gas keys). nearcore calls the action functions on a
 * trie update; here each action runs in an action receipt applied with `apply` to a state written
 * record by record (`RuntimeConfig::test()`, gas price 2, as nearcore's `create_apply_state`).
 * The error is the receipt outcome's ActionError (index 0: every receipt here has one action).
 */
import {
  KeyPair,
  PublicKey,
  Signature,
  delegateActionHash,
  delegateActionV2Hash,
  fullAccessKey,
  type AccessKey,
  type Action,
  type DelegateAction,
  type FunctionCallPermission,
  type Receipt,
} from '@nearts/primitives';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_ED25519,
  account,
  actionReceipt,
  applyChunk,
  getAccount,
  getGasKeyNonce,
  newState,
  outcomeOf,
  setAccessKey,
  setAccount,
  setCode,
  setGasKeyNonce,
  type ApplyOptions,
} from './apply-harness.js';
import { PROTOCOL_VERSION, testConfig } from './setup.js';

const MAX_ACCOUNT_DELETION_STORAGE_USAGE = 10_000n;
const FIX_DELETE_ACCOUNT_PV = 85;
const FIX_DELEGATE_DEPOSIT_PV = 85;

/** Runs `actions` in one receipt from `predecessor` to `receiver`; returns the outcome and the chunk result. */
function runReceipt(state: ReturnType<typeof newState>, predecessor: string, receiver: string, actions: Action[], o: ApplyOptions = {}, signerId?: string) {
  const receipt = actionReceipt(predecessor, receiver, actions, { signerId, gasPrice: 1n });
  const result = applyChunk(state, [receipt], o);
  const outcome = outcomeOf(result, receipt.receiptId);
  return { outcome, result, receipt };
}
/** The ActionError of a failed outcome, or 'ok'. */
function verdict(outcome: { status: { kind: string } }) {
  const s = outcome.status as { kind: string; error?: { kind: string; error: { index?: bigint | null; kind: unknown } } };
  if (s.kind !== 'Failure') return 'ok';
  expect(s.error!.kind).toBe('ActionError');
  return s.error!.error.kind;
}

describe('CreateAccount (actions.rs)', () => {
  function create(accountId: string, predecessorId: string, minLength: number) {
    const base = testConfig();
    const config = { ...base, accountCreationConfig: { minAllowedTopLevelAccountLength: minLength, registrarAccountId: 'registrar' } };
    const state = newState();
    setAccount(state, predecessorId, account(10n ** 24n, 0n, { type: 'None' }, 100n));
    const { outcome } = runReceipt(state, predecessorId, accountId, [{ type: 'CreateAccount' }], { config });
    return verdict(outcome);
  }

  it('test_create_account_valid_top_level_long', () => {
    expect(create('bob_near_long_name', 'alice.near', 11)).toBe('ok');
  });
  it('test_create_account_valid_top_level_by_registrar', () => {
    expect(create('bob', 'registrar', 11)).toBe('ok');
  });
  it('test_create_account_valid_sub_account', () => {
    expect(create('alice.near', 'near', 11)).toBe('ok');
  });
  it('test_create_account_invalid_sub_account', () => {
    expect(create('alice.near', 'bob', 11)).toEqual({ kind: 'CreateAccountNotAllowed', account_id: 'alice.near', predecessor_id: 'bob' });
  });
  it('test_create_account_invalid_short_top_level', () => {
    expect(create('bob', 'near', 11)).toEqual({ kind: 'CreateAccountOnlyByRegistrar', account_id: 'bob', registrar_account_id: 'registrar', predecessor_id: 'near' });
  });
  it('test_create_account_valid_short_top_level_len_allowed', () => {
    expect(create('bob', 'near', 0)).toBe('ok');
  });
});

describe('DeleteAccount storage limit (actions.rs)', () => {
  const tooLarge = { kind: 'DeleteAccountWithLargeState', account_id: 'alice' };
  /** actions_test_utils.rs `test_delete_account`: alice (100 yoctoNEAR, `storageUsage`) deletes herself, beneficiary bob. */
  function deleteAccount(contract: Parameters<typeof account>[2], storageUsage: bigint, pv: number, code?: Uint8Array) {
    const state = newState();
    let c = contract;
    if (code) c = { type: 'Local', hash: setCode(state, 'alice', code) };
    setAccount(state, 'alice', account(100n, 0n, c, storageUsage));
    const { outcome } = runReceipt(state, 'alice', 'alice', [{ type: 'DeleteAccount', beneficiaryId: 'bob' }], { protocolVersion: pv });
    return { verdict: verdict(outcome), state };
  }
  const ZERO = new Uint8Array(32);
  const code10k = new Uint8Array(10_000);

  it('test_delete_account_too_large', () => {
    expect(deleteAccount({ type: 'None' }, MAX_ACCOUNT_DELETION_STORAGE_USAGE + 1n, PROTOCOL_VERSION).verdict).toEqual(tooLarge);
  });
  it('test_delete_account_with_contract_and_small_state / local_contract_fix_enabled: the code does not count', () => {
    expect(deleteAccount({ type: 'None' }, MAX_ACCOUNT_DELETION_STORAGE_USAGE + 100n, PROTOCOL_VERSION, code10k).verdict).toBe('ok');
    expect(deleteAccount({ type: 'None' }, MAX_ACCOUNT_DELETION_STORAGE_USAGE + 100n, FIX_DELETE_ACCOUNT_PV, code10k).verdict).toBe('ok');
  });
  it('test_delete_account_with_contract_and_large_state', () => {
    expect(deleteAccount({ type: 'None' }, 10n * MAX_ACCOUNT_DELETION_STORAGE_USAGE, PROTOCOL_VERSION, code10k).verdict).toEqual(tooLarge);
  });
  it('test_delete_account_global_contract_protocol_transition: the 32-byte identifier counts until the fix', () => {
    const storage = MAX_ACCOUNT_DELETION_STORAGE_USAGE + 32n;
    expect(deleteAccount({ type: 'Global', hash: ZERO }, storage, FIX_DELETE_ACCOUNT_PV - 1).verdict).toEqual(tooLarge);
    expect(deleteAccount({ type: 'Global', hash: ZERO }, storage, FIX_DELETE_ACCOUNT_PV).verdict).toBe('ok');
  });
  it('test_delete_account_global_contract_fix_enabled_over_boundary', () => {
    expect(deleteAccount({ type: 'Global', hash: ZERO }, MAX_ACCOUNT_DELETION_STORAGE_USAGE + 33n, FIX_DELETE_ACCOUNT_PV).verdict).toEqual(tooLarge);
  });
  it('test_delete_account_global_by_account_fix_enabled: the identifier is the account id length', () => {
    const id = 'global-contract.near';
    expect(deleteAccount({ type: 'GlobalByAccount', accountId: id }, MAX_ACCOUNT_DELETION_STORAGE_USAGE + BigInt(id.length), FIX_DELETE_ACCOUNT_PV).verdict).toBe('ok');
  });
  it('test_delete_account_global_contract_storage_smaller_than_identifier', () => {
    expect(deleteAccount({ type: 'Global', hash: ZERO }, 10n, FIX_DELETE_ACCOUNT_PV).verdict).toBe('ok');
  });
  it('test_delete_account_no_contract_fix_enabled_at_limit / over_limit', () => {
    expect(deleteAccount({ type: 'None' }, MAX_ACCOUNT_DELETION_STORAGE_USAGE, FIX_DELETE_ACCOUNT_PV).verdict).toBe('ok');
    expect(deleteAccount({ type: 'None' }, MAX_ACCOUNT_DELETION_STORAGE_USAGE + 1n, FIX_DELETE_ACCOUNT_PV).verdict).toEqual(tooLarge);
  });
  it('test_delete_account_over_limit_leaves_account_unchanged', () => {
    const storage = MAX_ACCOUNT_DELETION_STORAGE_USAGE + 33n;
    const { verdict: v, state } = deleteAccount({ type: 'Global', hash: ZERO }, storage, FIX_DELETE_ACCOUNT_PV);
    expect(v).toEqual(tooLarge);
    expect(getAccount(state, 'alice')!.storageUsage).toBe(storage);
  });
});

describe('Delegate (actions.rs)', () => {
  const SENDER = 'bob.test.near';
  const RELAYER = 'alice.test.near';
  const TOKEN = 'token.test.near';
  // nearcore's fixed delegate action, signed by its fixed key.
  const FIXED_KEY = PublicKey.fromString('ed25519:32LnPNBZQJ3uhY8yV6JqnNxtRW8E27Ps9YD1XeUNuA1m');
  const FIXED_SIGNATURE = Signature.fromString('ed25519:5oswo6yH6u7xduXHEC4aWc8EGmWdbFz49DaHvAVioS9tbdrxpUtoNQUa8ST9Fxpk7zS2ogWvuKaL29JjMFDi3DLe');
  const ARGS = new Uint8Array([
    123, 34, 114, 101, 99, 101, 105, 118, 101, 114, 95, 105, 100, 34, 58, 34, 106, 97, 110, 101, 46, 116, 101, 115, 116, 46, 110, 101, 97, 114, 34, 44, 34, 97, 109, 111, 117, 110, 116,
    34, 58, 34, 52, 34, 125,
  ]);
  const ftTransfer: Action = { type: 'FunctionCall', methodName: 'ft_transfer', args: ARGS, gas: 30_000_000_000_000n, deposit: 1n };
  const fixedDelegate = (): DelegateAction => ({ senderId: SENDER, receiverId: TOKEN, actions: [ftTransfer], nonce: 19000001n, maxBlockHeight: 57n, publicKey: FIXED_KEY });
  const MAX_HEIGHT = 57n;

  // For delegate actions the tests change, a key of ours signs.
  const senderKey = KeyPair.fromNearcoreTestSeed(SENDER);
  const signed = (d: DelegateAction, signature = senderKey.sign(delegateActionHash(d))): Action => ({ type: 'Delegate', delegateAction: d, signature });
  const signedV2 = (d: DelegateAction, nonceIndex: number): Action => {
    const payload = { version: 'V2' as const, delegateAction: { ...d, nonce: { type: 'GasKeyNonce' as const, nonce: d.nonce, nonceIndex } } };
    return { type: 'DelegateV2', payload, signature: senderKey.sign(delegateActionV2Hash(payload)) };
  };
  const ours = (d: Partial<DelegateAction> = {}): DelegateAction => ({ ...fixedDelegate(), publicKey: senderKey.publicKey, ...d });
  const call = (methodName: string, deposit = 0n): Action => ({ type: 'FunctionCall', methodName, args: new Uint8Array(), gas: 300n, deposit });

  /** actions_test_utils.rs `setup_account`: the sender (100 yoctoNEAR, storage 100) with one key. */
  function setup(publicKey: PublicKey, key: AccessKey, extraAccounts: string[] = []) {
    const state = newState();
    for (const id of [SENDER, ...extraAccounts]) setAccount(state, id, account(100n, 0n, { type: 'None' }, 100n));
    setAccessKey(state, SENDER, publicKey, key);
    return state;
  }
  const run = (state: ReturnType<typeof newState>, action: Action, o: ApplyOptions = {}, receiver = SENDER) =>
    runReceipt(state, RELAYER, receiver, [action], { blockHeight: MAX_HEIGHT, ...o }, RELAYER);
  const fullKey = (nonce = 19000000n) => fullAccessKey(nonce);
  const fcKey = (functionCall: Partial<FunctionCallPermission>, nonce = 19000000n): AccessKey => ({
    nonce,
    permission: { type: 'FunctionCall', functionCall: { allowance: null, receiverId: TOKEN, methodNames: [], ...functionCall } },
  });
  const akError = (error: unknown) => ({ kind: 'DelegateActionAccessKeyError', error });

  it('test_delegate_action: the inner actions become a receipt from the sender, paid by the relayer', () => {
    const state = setup(FIXED_KEY, fullKey());
    const { outcome, result } = run(state, signed(fixedDelegate(), FIXED_SIGNATURE));
    expect(verdict(outcome)).toBe('ok');
    const inner = result.outgoingReceipts.find((r: Receipt) => r.receiverId === TOKEN)!;
    expect(inner.predecessorId).toBe(SENDER);
    expect(inner.receipt).toEqual({
      type: 'Action',
      receipt: { signerId: RELAYER, signerPublicKey: EMPTY_ED25519, gasPrice: 1n, outputDataReceivers: [], inputDataIds: [], actions: [ftTransfer] },
    });
  });

  it('test_delegate_action_signature_verification: a changed receiver breaks the signature', () => {
    const state = setup(FIXED_KEY, fullKey());
    expect(verdict(run(state, signed({ ...fixedDelegate(), receiverId: 'www.test.near' }, FIXED_SIGNATURE)).outcome)).toEqual({ kind: 'DelegateActionInvalidSignature' });
  });

  it('test_delegate_action_max_height', () => {
    const state = setup(FIXED_KEY, fullKey());
    expect(verdict(run(state, signed(fixedDelegate(), FIXED_SIGNATURE), { blockHeight: MAX_HEIGHT + 1n }).outcome)).toEqual({ kind: 'DelegateActionExpired' });
  });

  it('test_delegate_action_validate_sender_account: another receiver, then a missing sender', () => {
    const state = setup(FIXED_KEY, fullKey(), ['www.test.near']);
    expect(verdict(run(state, signed(fixedDelegate(), FIXED_SIGNATURE), {}, 'www.test.near').outcome)).toEqual({
      kind: 'DelegateActionSenderDoesNotMatchTxReceiver',
      sender_id: SENDER,
      receiver_id: 'www.test.near',
    });
    expect(verdict(run(newState(), signed(fixedDelegate(), FIXED_SIGNATURE)).outcome)).toEqual({ kind: 'AccountDoesNotExist', account_id: SENDER });
  });

  it('test_validate_delegate_action_key_update_nonce: a used nonce fails, the next passes', () => {
    const state = setup(FIXED_KEY, fullKey());
    expect(verdict(run(state, signed(fixedDelegate(), FIXED_SIGNATURE)).outcome)).toBe('ok');
    expect(verdict(run(state, signed(fixedDelegate(), FIXED_SIGNATURE)).outcome)).toEqual({
      kind: 'DelegateActionInvalidNonce',
      delegate_nonce: 19000001n,
      ak_nonce: 19000001n,
    });
    const state2 = setup(senderKey.publicKey, fullKey());
    expect(verdict(run(state2, signed(ours())).outcome)).toBe('ok');
    expect(verdict(run(state2, signed(ours({ nonce: 19000002n }))).outcome)).toBe('ok');
  });

  it('test_delegate_action_key_does_not_exist', () => {
    const state = setup(EMPTY_ED25519, fullKey());
    expect(verdict(run(state, signed(fixedDelegate(), FIXED_SIGNATURE)).outcome)).toEqual(
      akError({ kind: 'AccessKeyNotFound', account_id: SENDER, public_key: FIXED_KEY.toString() }),
    );
  });

  it('test_delegate_action_key_incorrect_nonce', () => {
    const state = setup(FIXED_KEY, fullKey(19000001n));
    expect(verdict(run(state, signed(fixedDelegate(), FIXED_SIGNATURE)).outcome)).toEqual({
      kind: 'DelegateActionInvalidNonce',
      delegate_nonce: 19000001n,
      ak_nonce: 19000001n,
    });
  });

  it('test_delegate_action_key_nonce_too_large', () => {
    const state = setup(FIXED_KEY, fullKey());
    expect(verdict(run(state, signed(fixedDelegate(), FIXED_SIGNATURE), { blockHeight: 1n }).outcome)).toEqual({
      kind: 'DelegateActionNonceTooLarge',
      delegate_nonce: 19000001n,
      upper_bound: 1000000n,
    });
  });

  describe('function-call key permissions', () => {
    const check = (key: AccessKey, actions: Action[], o: ApplyOptions = {}) => verdict(run(setup(senderKey.publicKey, key), signed(ours({ actions })), o).outcome);

    it('test_delegate_action_key_permissions_function_call', () => {
      expect(check(fcKey({ methodNames: ['test_method'] }), [call('test_method')])).toBe('ok');
    });
    it('test_delegate_action_key_permissions_incorrect_action', () => {
      expect(check(fcKey({ methodNames: ['test_method'] }), [{ type: 'CreateAccount' }])).toEqual(akError({ kind: 'RequiresFullAccess' }));
    });
    it('test_delegate_action_key_permissions_actions_number', () => {
      expect(check(fcKey({ methodNames: ['test_method'] }), [call('test_method'), call('test_method')])).toEqual(akError({ kind: 'RequiresFullAccess' }));
    });
    it('test_delegate_action_key_permissions_function_call_deposit', () => {
      expect(check(fcKey({}), [call('test_method', 1n)])).toEqual(akError({ kind: 'DepositWithFunctionCall' }));
    });
    it('test_delegate_deposit_with_function_call: ReceiverMismatch before FixDelegateActionDepositWithFunctionCallError, DepositWithFunctionCall from it', () => {
      const key = fcKey({ receiverId: 'other.test.near' });
      const actions = [call('any_method', 1n)];
      const pre = FIX_DELEGATE_DEPOSIT_PV - 1;
      expect(check(key, actions, { protocolVersion: pre, config: testConfig(pre) })).toEqual(
        akError({ kind: 'ReceiverMismatch', tx_receiver: TOKEN, ak_receiver: 'other.test.near' }),
      );
      expect(check(key, actions, { protocolVersion: FIX_DELEGATE_DEPOSIT_PV })).toEqual(akError({ kind: 'DepositWithFunctionCall' }));
    });
    it('test_delegate_action_key_permissions_receiver_id', () => {
      expect(check(fcKey({ receiverId: 'another.near' }), [call('test_method')])).toEqual(
        akError({ kind: 'ReceiverMismatch', tx_receiver: TOKEN, ak_receiver: 'another.near' }),
      );
    });
    it('test_delegate_action_key_permissions_method', () => {
      expect(check(fcKey({ methodNames: ['another_method'] }), [call('test_method')])).toEqual(akError({ kind: 'MethodNameMismatch', method_name: 'test_method' }));
    });
  });

  describe('gas keys', () => {
    const NUM_NONCES = 1;
    const gasKeyFull = (): AccessKey => ({ nonce: 0n, permission: { type: 'GasKeyFullAccess', gasKeyInfo: { balance: 0n, numNonces: NUM_NONCES } } });
    const gasKeyFc = (functionCall: FunctionCallPermission): AccessKey => ({
      nonce: 0n,
      permission: { type: 'GasKeyFunctionCall', gasKeyInfo: { balance: 0n, numNonces: NUM_NONCES }, functionCall },
    });
    /** `validate_gas_key_delegate`: nonce rows seeded one below the action's nonce, then a DelegateV2 with `nonceIndex`. */
    function runV2(key: AccessKey, d: DelegateAction, nonceIndex: number) {
      const state = setup(senderKey.publicKey, key);
      if (key.permission.type === 'GasKeyFullAccess' || key.permission.type === 'GasKeyFunctionCall') {
        for (let i = 0; i < key.permission.gasKeyInfo.numNonces; i++) setGasKeyNonce(state, SENDER, senderKey.publicKey, i, d.nonce - 1n);
      }
      return { verdict: verdict(run(state, signedV2(d, nonceIndex)).outcome), state };
    }

    it('test_delegate_action_gas_key_function_call_rejected / full_access_rejected: a V1 delegate needs a non-gas key', () => {
      const fc = gasKeyFc({ allowance: null, receiverId: TOKEN, methodNames: ['test_method'] });
      expect(verdict(run(setup(senderKey.publicKey, fc), signed(ours({ actions: [call('test_method')] }))).outcome)).toEqual(
        akError({ kind: 'DelegateActionRequiresNonGasKey' }),
      );
      expect(verdict(run(setup(senderKey.publicKey, gasKeyFull()), signed(ours({ actions: [{ type: 'CreateAccount' }] }))).outcome)).toEqual(
        akError({ kind: 'DelegateActionRequiresNonGasKey' }),
      );
    });

    it('test_gas_key_delegate_action_full_access_advances_nonce', () => {
      const d = ours();
      const { verdict: v, state } = runV2(gasKeyFull(), d, 0);
      expect(v).toBe('ok');
      expect(getGasKeyNonce(state, SENDER, senderKey.publicKey, 0)).toBe(d.nonce);
    });

    it('test_gas_key_delegate_action_requires_gas_key', () => {
      expect(runV2(fullAccessKey(), ours(), 0).verdict).toEqual(akError({ kind: 'DelegateActionRequiresGasKey' }));
    });

    it('test_gas_key_delegate_action_invalid_nonce_index', () => {
      expect(runV2(gasKeyFull(), ours(), NUM_NONCES).verdict).toEqual({ kind: 'DelegateActionInvalidNonceIndex', nonce_index: NUM_NONCES, num_nonces: NUM_NONCES });
    });

    const perm = (receiverId: string, methodNames: string[]): FunctionCallPermission => ({ allowance: null, receiverId, methodNames });
    const fcResult = (p: FunctionCallPermission, actions: Action[]) => runV2(gasKeyFc(p), ours({ actions }), 0).verdict;
    it('test_gas_key_delegate_function_call_ok', () => {
      expect(fcResult(perm(TOKEN, ['test_method']), [call('test_method')])).toBe('ok');
    });
    it('test_gas_key_delegate_function_call_incorrect_action / actions_number', () => {
      expect(fcResult(perm(TOKEN, ['test_method']), [{ type: 'CreateAccount' }])).toEqual(akError({ kind: 'RequiresFullAccess' }));
      expect(fcResult(perm(TOKEN, ['test_method']), [call('test_method'), call('test_method')])).toEqual(akError({ kind: 'RequiresFullAccess' }));
    });
    it('test_gas_key_delegate_function_call_deposit / receiver_id / method', () => {
      expect(fcResult(perm(TOKEN, []), [call('test_method', 1n)])).toEqual(akError({ kind: 'DepositWithFunctionCall' }));
      expect(fcResult(perm('another.near', []), [call('test_method')])).toEqual(akError({ kind: 'ReceiverMismatch', tx_receiver: TOKEN, ak_receiver: 'another.near' }));
      expect(fcResult(perm(TOKEN, ['another_method']), [call('test_method')])).toEqual(akError({ kind: 'MethodNameMismatch', method_name: 'test_method' }));
    });
  });
});
