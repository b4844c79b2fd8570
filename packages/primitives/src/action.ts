/**
 * `Action` as nearcore encodes it at protocol 86 (u8 tag, explicit discriminants):
 *
 * 0 CreateAccount · 1 DeployContract · 2 FunctionCall · 3 Transfer · 4 Stake · 5 AddKey ·
 * 6 DeleteKey · 7 DeleteAccount · 8 Delegate · 9 DeployGlobalContract · 10 UseGlobalContract ·
 * 11 DeterministicStateInit · 12 TransferToGasKey · 13 WithdrawFromGasKey · 14 DelegateV2
 *
 * Inside a delegate action the same layout is used but tags 8 and 14 are refused
 * (`NonDelegateAction`: no nesting).
 *
 * Extension (nearts, NEP-481 submodules, off unless a reader/writer has `extensions.submodules`):
 * 200 DeploySubmodule · 201 DeleteSubmodule. Without the extension these tags are unknown and
 * the types unencodable, exactly as at protocol 86; they are never allowed inside a delegate action.
 */
import { AccessKeyCodec, type AccessKey } from './access-key.js';
import { AccountIdCodec, type AccountId } from './account-id.js';
import { BytesCodec, StringCodec, U128Codec, U64Codec, readField, type Codec } from './borsh/codec.js';
import { BorshError } from './borsh/errors.js';
import type { BorshReader } from './borsh/reader.js';
import type { BorshWriter } from './borsh/writer.js';
import {
  SignedDelegateActionCodec,
  VersionedSignedDelegateActionCodec,
  type SignedDelegateAction,
  type VersionedSignedDelegateAction,
} from './delegate.js';
import { DeterministicAccountStateInitCodec, type DeterministicAccountStateInit } from './deterministic-state-init.js';
import {
  GlobalContractDeployModeCodec,
  GlobalContractIdentifierCodec,
  type GlobalContractDeployMode,
  type GlobalContractIdentifier,
} from './global-contract.js';
import { PublicKeyCodec, type PublicKey } from './keys.js';
import { SubmodulePolicyCodec, type SubmodulePolicy } from './submodule.js';
import type { Balance, Gas } from './units.js';

/** The actions of nearcore's protocol. */
export type NearcoreAction =
  | { type: 'CreateAccount' }
  | { type: 'DeployContract'; code: Uint8Array }
  | { type: 'FunctionCall'; methodName: string; args: Uint8Array; gas: Gas; deposit: Balance }
  | { type: 'Transfer'; deposit: Balance }
  | { type: 'Stake'; stake: Balance; publicKey: PublicKey }
  | { type: 'AddKey'; publicKey: PublicKey; accessKey: AccessKey }
  | { type: 'DeleteKey'; publicKey: PublicKey }
  | { type: 'DeleteAccount'; beneficiaryId: AccountId }
  | ({ type: 'Delegate' } & SignedDelegateAction)
  | { type: 'DeployGlobalContract'; code: Uint8Array; deployMode: GlobalContractDeployMode }
  | { type: 'UseGlobalContract'; contractIdentifier: GlobalContractIdentifier }
  | { type: 'DeterministicStateInit'; stateInit: DeterministicAccountStateInit; deposit: Balance }
  | { type: 'TransferToGasKey'; publicKey: PublicKey; deposit: Balance }
  | { type: 'WithdrawFromGasKey'; publicKey: PublicKey; amount: Balance }
  | ({ type: 'DelegateV2' } & VersionedSignedDelegateAction);

/** The actions of the submodules extension (a binary `key` names the submodule in the account). */
export type SubmoduleAction =
  | { type: 'DeploySubmodule'; key: Uint8Array; code: Uint8Array; policy: SubmodulePolicy }
  | { type: 'DeleteSubmodule'; key: Uint8Array };

export type Action = NearcoreAction | SubmoduleAction;

export type ActionType = Action['type'];

/** Borsh discriminant of each of nearcore's action types. */
export const ACTION_TAGS: Readonly<Record<NearcoreAction['type'], number>> = {
  CreateAccount: 0,
  DeployContract: 1,
  FunctionCall: 2,
  Transfer: 3,
  Stake: 4,
  AddKey: 5,
  DeleteKey: 6,
  DeleteAccount: 7,
  Delegate: 8,
  DeployGlobalContract: 9,
  UseGlobalContract: 10,
  DeterministicStateInit: 11,
  TransferToGasKey: 12,
  WithdrawFromGasKey: 13,
  DelegateV2: 14,
};

/** Borsh discriminants of the submodules extension's actions. */
export const SUBMODULE_ACTION_TAGS: Readonly<Record<SubmoduleAction['type'], number>> = {
  DeploySubmodule: 200,
  DeleteSubmodule: 201,
};

const ACTION_NAMES: readonly ActionType[] = Object.keys(ACTION_TAGS) as ActionType[];
const ACTION_COUNT = ACTION_NAMES.length;

export function isDelegateAction(a: Action): boolean {
  return a.type === 'Delegate' || a.type === 'DelegateV2';
}

export function isSubmoduleAction(a: Action): a is SubmoduleAction {
  return a.type === 'DeploySubmodule' || a.type === 'DeleteSubmodule';
}

function unencodable(a: Action): BorshError {
  return new BorshError('unencodable', `unknown action type ${JSON.stringify((a as { type: unknown }).type)}`);
}

function writeAction(w: BorshWriter, a: Action, allowExtensions: boolean): void {
  if (isSubmoduleAction(a)) {
    if (!allowExtensions || w.extensions.submodules !== true) throw unencodable(a);
    w.u8(SUBMODULE_ACTION_TAGS[a.type]);
    w.bytes(a.key);
    if (a.type === 'DeploySubmodule') {
      w.bytes(a.code);
      SubmodulePolicyCodec.write(w, a.policy);
    }
    return;
  }
  w.u8(ACTION_TAGS[a.type]);
  switch (a.type) {
    case 'CreateAccount':
      return;
    case 'DeployContract':
      w.bytes(a.code);
      return;
    case 'FunctionCall':
      w.string(a.methodName);
      w.bytes(a.args);
      w.u64(a.gas);
      w.u128(a.deposit);
      return;
    case 'Transfer':
      w.u128(a.deposit);
      return;
    case 'Stake':
      w.u128(a.stake);
      PublicKeyCodec.write(w, a.publicKey);
      return;
    case 'AddKey':
      PublicKeyCodec.write(w, a.publicKey);
      AccessKeyCodec.write(w, a.accessKey);
      return;
    case 'DeleteKey':
      PublicKeyCodec.write(w, a.publicKey);
      return;
    case 'DeleteAccount':
      AccountIdCodec.write(w, a.beneficiaryId);
      return;
    case 'Delegate':
      SignedDelegateActionCodec.write(w, a);
      return;
    case 'DeployGlobalContract':
      w.bytes(a.code);
      GlobalContractDeployModeCodec.write(w, a.deployMode);
      return;
    case 'UseGlobalContract':
      GlobalContractIdentifierCodec.write(w, a.contractIdentifier);
      return;
    case 'DeterministicStateInit':
      DeterministicAccountStateInitCodec.write(w, a.stateInit);
      w.u128(a.deposit);
      return;
    case 'TransferToGasKey':
      PublicKeyCodec.write(w, a.publicKey);
      w.u128(a.deposit);
      return;
    case 'WithdrawFromGasKey':
      PublicKeyCodec.write(w, a.publicKey);
      w.u128(a.amount);
      return;
    case 'DelegateV2':
      VersionedSignedDelegateActionCodec.write(w, a);
      return;
    default:
      throw unencodable(a);
  }
}

function readSubmoduleAction(r: BorshReader, tag: number): SubmoduleAction {
  const name = tag === SUBMODULE_ACTION_TAGS.DeploySubmodule ? 'DeploySubmodule' : 'DeleteSubmodule';
  try {
    const key = readField(r, 'key', BytesCodec);
    if (name === 'DeleteSubmodule') return { type: name, key };
    return { type: name, key, code: readField(r, 'code', BytesCodec), policy: readField(r, 'policy', SubmodulePolicyCodec) };
  } catch (e) {
    if (e instanceof BorshError) e.addPath(name);
    throw e;
  }
}

/** An extension tag this reader accepts, consumed; -1 (nothing consumed) otherwise. */
function extensionTag(r: BorshReader): number {
  if (r.extensions.submodules !== true) return -1;
  const t = r.peek(0);
  if (t !== SUBMODULE_ACTION_TAGS.DeploySubmodule && t !== SUBMODULE_ACTION_TAGS.DeleteSubmodule) return -1;
  r.u8();
  return t;
}

function readActionBody(r: BorshReader, tag: number): Action {
  const name = ACTION_NAMES[tag];
  try {
    switch (tag) {
      case 0:
        return { type: 'CreateAccount' };
      case 1:
        return { type: 'DeployContract', code: readField(r, 'code', BytesCodec) };
      case 2:
        return {
          type: 'FunctionCall',
          methodName: readField(r, 'method_name', StringCodec),
          args: readField(r, 'args', BytesCodec),
          gas: readField(r, 'gas', U64Codec),
          deposit: readField(r, 'deposit', U128Codec),
        };
      case 3:
        return { type: 'Transfer', deposit: readField(r, 'deposit', U128Codec) };
      case 4:
        return {
          type: 'Stake',
          stake: readField(r, 'stake', U128Codec),
          publicKey: readField(r, 'public_key', PublicKeyCodec),
        };
      case 5:
        return {
          type: 'AddKey',
          publicKey: readField(r, 'public_key', PublicKeyCodec),
          accessKey: readField(r, 'access_key', AccessKeyCodec),
        };
      case 6:
        return { type: 'DeleteKey', publicKey: readField(r, 'public_key', PublicKeyCodec) };
      case 7:
        return { type: 'DeleteAccount', beneficiaryId: readField(r, 'beneficiary_id', AccountIdCodec) };
      case 8:
        return { type: 'Delegate', ...SignedDelegateActionCodec.read(r) };
      case 9:
        return {
          type: 'DeployGlobalContract',
          code: readField(r, 'code', BytesCodec),
          deployMode: readField(r, 'deploy_mode', GlobalContractDeployModeCodec),
        };
      case 10:
        return {
          type: 'UseGlobalContract',
          contractIdentifier: readField(r, 'contract_identifier', GlobalContractIdentifierCodec),
        };
      case 11:
        return {
          type: 'DeterministicStateInit',
          stateInit: readField(r, 'state_init', DeterministicAccountStateInitCodec),
          deposit: readField(r, 'deposit', U128Codec),
        };
      case 12:
        return {
          type: 'TransferToGasKey',
          publicKey: readField(r, 'public_key', PublicKeyCodec),
          deposit: readField(r, 'deposit', U128Codec),
        };
      case 13:
        return {
          type: 'WithdrawFromGasKey',
          publicKey: readField(r, 'public_key', PublicKeyCodec),
          amount: readField(r, 'amount', U128Codec),
        };
      default:
        return { type: 'DelegateV2', ...VersionedSignedDelegateActionCodec.read(r) };
    }
  } catch (e) {
    if (e instanceof BorshError) e.addPath(name);
    throw e;
  }
}

export const ActionCodec: Codec<Action> = {
  name: 'Action',
  minSize: 1,
  write: (w, a) => writeAction(w, a, true),
  read: (r) => {
    const ext = extensionTag(r);
    if (ext >= 0) return readSubmoduleAction(r, ext);
    return readActionBody(r, r.tag('Action', ACTION_COUNT));
  },
};

/** `NonDelegateAction`: an Action that is not Delegate / DelegateV2 (checked both ways). */
export const NonDelegateActionCodec: Codec<Action> = {
  name: 'NonDelegateAction',
  minSize: 1,
  write: (w, a) => {
    if (isDelegateAction(a)) throw new BorshError('unencodable', 'a delegate action cannot contain another delegate action');
    writeAction(w, a, false);
  },
  read: (r) => {
    const at = r.offset;
    const tag = r.tag('Action', ACTION_COUNT);
    if (tag === ACTION_TAGS.Delegate || tag === ACTION_TAGS.DelegateV2) {
      throw new BorshError('invalid_value', 'DelegateAction mustn\'t contain a nested one', at);
    }
    return readActionBody(r, tag);
  },
};
