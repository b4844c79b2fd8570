/**
 * nearcore runtime/runtime/src/action_validation.rs unit tests (f0c7706), translated: the
 * ActionsValidationError of each action and of lists of actions. nearcore's `validate_action`
 * (one action) is `validateActions` of a one-element list here (the list checks cannot fire on
 * it). `truncate_string` is checked through what it is for: the account id an invalid AddKey
 * receiver is reported with.
 */
import {
  KeyType,
  MAX_NONCES_FOR_GAS_KEY,
  PublicKey,
  Signature,
  deriveNearDeterministicAccountId,
  fullAccessKey,
  type AccessKey,
  type Action,
  type DeterministicAccountStateInit,
  type FunctionCallPermission,
} from '@nearts/primitives';
import { describe, expect, it } from 'vitest';
import { validateActions } from '../../src/index.js';
import { PROTOCOL_VERSION, U64_MAX, testConfig } from './setup.js';

const ALICE = 'alice.near';
const limits = testConfig().wasmConfig.limitConfig;
const GAS_KEYS_PV = 85;
const DELEGATE_V2_PV = 85;
const POST_QUANTUM_PV = 85;
const EMPTY_ED25519 = PublicKey.ed25519(new Uint8Array(32));
const EMPTY_SIGNATURE = new Signature(KeyType.ED25519, new Uint8Array(64));

const validateAction = (a: Action, receiver = ALICE, pv = PROTOCOL_VERSION, l = limits) => validateActions(l, [a], receiver, pv);
const call = (gas: bigint, methodName = 'hello'): Action => ({ type: 'FunctionCall', methodName, args: new TextEncoder().encode('abc'), gas, deposit: 0n });
const createAccount: Action = { type: 'CreateAccount' };
const addKey = (accessKey: AccessKey, publicKey = EMPTY_ED25519): Action => ({ type: 'AddKey', publicKey, accessKey });
const gasKeyFullAccess = (numNonces: number): AccessKey => ({ nonce: 0n, permission: { type: 'GasKeyFullAccess', gasKeyInfo: { balance: 0n, numNonces } } });
const gasKeyFunctionCall = (numNonces: number, functionCall: FunctionCallPermission): AccessKey => ({
  nonce: 0n,
  permission: { type: 'GasKeyFunctionCall', gasKeyInfo: { balance: 0n, numNonces }, functionCall },
});
const deployLocal = (): Action => ({ type: 'DeployContract', code: new Uint8Array(5).fill(1) });
const deployGlobal = (): Action => ({ type: 'DeployGlobalContract', code: new Uint8Array(5).fill(1), deployMode: 'CodeHash' });
const delegateWith = (actions: Action[]): Action => ({
  type: 'Delegate',
  delegateAction: { senderId: 'bob.test.near', receiverId: 'token.test.near', actions, nonce: 19000001n, maxBlockHeight: 57n, publicKey: EMPTY_ED25519 },
  signature: EMPTY_SIGNATURE,
});

describe('groups of actions (action_validation.rs)', () => {
  it('test_validate_actions_empty', () => {
    expect(validateActions(limits, [], ALICE, PROTOCOL_VERSION)).toBeNull();
  });

  it('test_validate_actions_ml_dsa_add_key_gated: rejected before PostQuantumSignatures, accepted from it on', () => {
    const pq = new PublicKey(KeyType.MLDSA65, new Uint8Array(1952).fill(7));
    const actions = [addKey(fullAccessKey(), pq)];
    expect(validateActions(limits, actions, ALICE, POST_QUANTUM_PV - 1)).toMatchObject({ kind: 'UnsupportedProtocolFeature' });
    expect(validateActions(limits, actions, ALICE, POST_QUANTUM_PV)).toBeNull();
  });

  it('post-quantum gate: a delegate signed with an ML-DSA-65 signature is gated like its key (Action::post_quantum_signatures_required)', () => {
    const pqSignature = new Signature(KeyType.MLDSA65, new Uint8Array(3309).fill(1));
    const d = delegateWith([createAccount]) as Extract<Action, { type: 'Delegate' }>;
    const pqSigned: Action = { ...d, signature: pqSignature };
    expect(validateActions(limits, [pqSigned], ALICE, POST_QUANTUM_PV - 1)).toEqual({
      kind: 'UnsupportedProtocolFeature',
      protocol_feature: 'PostQuantumSignatures',
      version: POST_QUANTUM_PV - 1,
    });
    expect(validateActions(limits, [pqSigned], ALICE, POST_QUANTUM_PV)).toBeNull();
    const v2: Action = {
      type: 'DelegateV2',
      payload: { version: 'V2', delegateAction: { ...d.delegateAction, nonce: { type: 'Nonce', nonce: 1n } } },
      signature: pqSignature,
    };
    expect(validateActions(limits, [v2], ALICE, POST_QUANTUM_PV - 1)).toMatchObject({ kind: 'UnsupportedProtocolFeature', protocol_feature: 'PostQuantumSignatures' });
  });

  it('test_validate_actions_valid_function_call', () => {
    expect(validateActions(limits, [call(100n)], ALICE, PROTOCOL_VERSION)).toBeNull();
  });

  it('test_validate_actions_too_much_gas', () => {
    expect(validateActions({ ...limits, maxTotalPrepaidGas: 220n }, [call(100n), call(150n)], ALICE, PROTOCOL_VERSION)).toEqual({
      kind: 'TotalPrepaidGasExceeded',
      total_prepaid_gas: 250n,
      limit: 220n,
    });
  });

  it('test_validate_actions_gas_overflow', () => {
    const half = U64_MAX / 2n + 1n;
    expect(validateActions({ ...limits, maxTotalPrepaidGas: 220n }, [call(half), call(half)], ALICE, PROTOCOL_VERSION)).toEqual({ kind: 'IntegerOverflow' });
  });

  it('test_validate_actions_num_actions', () => {
    expect(validateActions({ ...limits, maxActionsPerReceipt: 1n }, [createAccount, createAccount], ALICE, PROTOCOL_VERSION)).toEqual({
      kind: 'TotalNumberOfActionsExceeded',
      total_number_of_actions: 2n,
      limit: 1n,
    });
  });

  it('test_validate_actions_num_deploy_actions: local and global deploys count together, a delegate on its own', () => {
    const l = { ...limits, maxDeployActionsPerReceipt: 2n };
    const exceeded = { kind: 'TotalNumberOfDeployActionsExceeded', number_of_deploy_actions: 3n, limit: 2n };
    expect(validateActions(l, [deployLocal(), deployLocal(), deployLocal()], ALICE, PROTOCOL_VERSION)).toEqual(exceeded);
    expect(validateActions(l, [deployGlobal(), deployGlobal(), deployGlobal()], ALICE, PROTOCOL_VERSION)).toEqual(exceeded);
    expect(validateActions(l, [deployLocal(), deployGlobal(), deployLocal()], ALICE, PROTOCOL_VERSION)).toEqual(exceeded);
    expect(validateActions(l, [deployLocal(), deployGlobal()], ALICE, PROTOCOL_VERSION)).toBeNull();
    expect(validateActions(l, [createAccount, deployLocal(), createAccount, deployGlobal(), createAccount], ALICE, PROTOCOL_VERSION)).toBeNull();
    expect(validateActions(l, [delegateWith([deployLocal(), deployGlobal(), deployLocal()])], ALICE, PROTOCOL_VERSION)).toEqual(exceeded);
    expect(validateActions(l, [deployLocal(), deployGlobal(), delegateWith([deployLocal(), deployGlobal()])], ALICE, PROTOCOL_VERSION)).toBeNull();
    expect(validateActions(l, [deployLocal(), deployGlobal(), delegateWith([createAccount])], ALICE, PROTOCOL_VERSION)).toBeNull();
  });

  it('test_validate_delete_must_be_final / test_validate_delete_must_work_if_its_final', () => {
    const l = { ...limits, maxActionsPerReceipt: 3n };
    const del: Action = { type: 'DeleteAccount', beneficiaryId: 'bob' };
    expect(validateActions(l, [del, createAccount], ALICE, PROTOCOL_VERSION)).toEqual({ kind: 'DeleteActionMustBeFinal' });
    expect(validateActions(l, [createAccount, del], ALICE, PROTOCOL_VERSION)).toBeNull();
  });

  it('test_delegate_action_must_be_only_one', () => {
    const d = delegateWith([createAccount]);
    expect(validateActions(limits, [d, d], ALICE, PROTOCOL_VERSION)).toEqual({ kind: 'DelegateActionMustBeOnlyOne' });
    expect(validateActions(limits, [d], ALICE, PROTOCOL_VERSION)).toBeNull();
    expect(validateActions(limits, [createAccount, d], ALICE, PROTOCOL_VERSION)).toBeNull();
  });
});

describe('individual actions (action_validation.rs)', () => {
  it('test_validate_action_valid_create_account / function_call / transfer / delete_key / delete_account', () => {
    expect(validateAction(createAccount)).toBeNull();
    expect(validateAction(call(100n))).toBeNull();
    expect(validateAction({ type: 'Transfer', deposit: 10n })).toBeNull();
    expect(validateAction({ type: 'DeleteKey', publicKey: EMPTY_ED25519 })).toBeNull();
    expect(validateAction({ type: 'DeleteAccount', beneficiaryId: ALICE })).toBeNull();
  });

  it('test_validate_action_invalid_function_call_zero_gas', () => {
    expect(validateAction({ type: 'FunctionCall', methodName: 'new', args: new Uint8Array(), gas: 0n, deposit: 0n })).toEqual({ kind: 'FunctionCallZeroAttachedGas' });
  });

  it('test_validate_action_valid_stake / invalid_staking_key', () => {
    expect(validateAction({ type: 'Stake', stake: 100n, publicKey: PublicKey.fromString('ed25519:KuTCtARNzxZQ3YvXDeLjx83FDqxv2SdQTSbiq876zR7') })).toBeNull();
    expect(validateAction({ type: 'Stake', stake: 100n, publicKey: EMPTY_ED25519 })).toEqual({
      kind: 'UnsuitableStakingKey',
      public_key: 'ed25519:11111111111111111111111111111111',
    });
  });

  it('test_validate_action_valid_add_key_full_permission / function_call', () => {
    expect(validateAction(addKey(fullAccessKey()))).toBeNull();
    expect(
      validateAction(addKey({ nonce: 0n, permission: { type: 'FunctionCall', functionCall: { allowance: 1000n, receiverId: ALICE, methodNames: ['hello', 'world'] } } })),
    ).toBeNull();
  });

  it('test_validate_action_invalid_add_key_gas_key_before_protocol_feature', () => {
    expect(validateAction(addKey(gasKeyFullAccess(10)), ALICE, GAS_KEYS_PV - 1)).toEqual({
      kind: 'UnsupportedProtocolFeature',
      protocol_feature: 'GasKeys',
      version: GAS_KEYS_PV - 1,
    });
  });

  it('test_validate_action_invalid_delegate_v2_before_protocol_feature', () => {
    const action: Action = {
      type: 'DelegateV2',
      payload: {
        version: 'V2',
        delegateAction: {
          senderId: ALICE,
          receiverId: 'bob.near',
          actions: [],
          nonce: { type: 'GasKeyNonce', nonce: 1n, nonceIndex: 0 },
          maxBlockHeight: 1000n,
          publicKey: EMPTY_ED25519,
        },
      },
      signature: EMPTY_SIGNATURE,
    };
    expect(validateAction(action, ALICE, DELEGATE_V2_PV - 1)).toEqual({
      kind: 'UnsupportedProtocolFeature',
      protocol_feature: 'DelegateV2',
      version: DELEGATE_V2_PV - 1,
    });
  });

  it('test_truncate_string: an invalid AddKey receiver is reported cut to 128 bytes at a char boundary', () => {
    const fc = (receiverId: string) => addKey({ nonce: 0n, permission: { type: 'FunctionCall', functionCall: { allowance: null, receiverId, methodNames: [] } } });
    expect(validateAction(fc('Bad'))).toEqual({ kind: 'InvalidAccountId', account_id: 'Bad' });
    // 1 + 2×100 bytes: the 64th two-byte char would end at byte 129.
    expect(validateAction(fc('a' + 'п'.repeat(100)))).toEqual({ kind: 'InvalidAccountId', account_id: 'a' + 'п'.repeat(63) });
    expect(validateAction(fc('B'.repeat(200)))).toEqual({ kind: 'InvalidAccountId', account_id: 'B'.repeat(128) });
  });
});

describe('deterministic state init (action_validation.rs)', () => {
  const stateInit = (data: Array<[Uint8Array, Uint8Array]> = []): DeterministicAccountStateInit => ({
    version: 'V1',
    code: { type: 'AccountId', accountId: 'ft.near' },
    data,
  });
  const init = (s: DeterministicAccountStateInit): Action => ({ type: 'DeterministicStateInit', stateInit: s, deposit: 0n });
  const DERIVED = '0s69284a5453e7be5632b28b6a01baecf6c12c156d';

  it('test_validate_deterministic_state_init_receiver', () => {
    expect(deriveNearDeterministicAccountId(stateInit())).toBe(DERIVED);
    expect(validateActions(limits, [init(stateInit())], DERIVED, PROTOCOL_VERSION)).toBeNull();
    for (const receiver of ['0s1234567890123456789012345678901234567890', 'alice.near', 'eab5a5da5a83e1ffb05ed0905a104e09b7e13159fd4daf82e43d047887ce4e47']) {
      expect(validateActions(limits, [init(stateInit())], receiver, PROTOCOL_VERSION)).toEqual({
        kind: 'InvalidDeterministicStateInitReceiver',
        receiver_id: receiver,
        derived_id: DERIVED,
      });
    }
  });

  it('test_validate_deterministic_state_init_data: key 2048 and value 4 MiB at most', () => {
    const check = (keySize: number, valueSize: number) => {
      const s = stateInit([[new Uint8Array(keySize).fill(1), new Uint8Array(valueSize).fill(2)]]);
      return validateActions(limits, [init(s)], deriveNearDeterministicAccountId(s), PROTOCOL_VERSION);
    };
    expect(check(10, 20)).toBeNull();
    expect(check(2_048, 4_194_304)).toBeNull();
    expect(check(2_049, 4_194_304)).toEqual({ kind: 'DeterministicStateInitKeyLengthExceeded', length: 2049n, limit: 2048n });
    expect(check(2_048, 4_194_305)).toEqual({ kind: 'DeterministicStateInitValueLengthExceeded', length: 4194305n, limit: 4194304n });
  });
});

describe('gas keys (action_validation.rs)', () => {
  it('test_validate_add_gas_key_valid', () => {
    expect(validateAction(addKey(gasKeyFullAccess(10)), ALICE, GAS_KEYS_PV)).toBeNull();
  });

  it('test_validate_add_gas_key_invalid_num_nonces: 1..=1024', () => {
    for (const n of [0, MAX_NONCES_FOR_GAS_KEY + 1]) {
      expect(validateAction(addKey(gasKeyFullAccess(n)), ALICE, GAS_KEYS_PV)).toEqual({
        kind: 'GasKeyInvalidNumNonces',
        requested_nonces: n,
        limit: MAX_NONCES_FOR_GAS_KEY,
      });
    }
  });

  it('test_validate_add_gas_key_allowance_set', () => {
    expect(validateAction(addKey(gasKeyFunctionCall(10, { allowance: 1000n, receiverId: 'bob.near', methodNames: [] })), ALICE, GAS_KEYS_PV)).toEqual({
      kind: 'GasKeyFunctionCallAllowanceNotAllowed',
    });
  });

  it('test_validate_add_gas_key_method_name_too_long', () => {
    const limit = limits.maxLengthMethodName;
    const key = gasKeyFunctionCall(10, { allowance: null, receiverId: 'bob.near', methodNames: ['A'.repeat(Number(limit) + 1)] });
    expect(validateAction(addKey(key), ALICE, GAS_KEYS_PV)).toEqual({ kind: 'AddKeyMethodNameLengthExceeded', length: limit + 1n, limit });
  });
});
