/** Reads a scenario file into the typed model; every error names the file, step and JSON path. */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Action, JsonValue, KeyPair } from '@nearts/primitives';
import type { AccountPatch, KeyInput } from '../sandbox/patch.js';
import { ScenarioError } from './errors.js';
import {
  ACCOUNT_PATCH_FIELDS,
  ACTION_NAMES,
  ADD_KEY_FIELDS,
  BLOCK_CHECK_FIELDS,
  FUNCTION_CALL_FIELDS,
  GENESIS_ACCOUNT_FIELDS,
  GENESIS_FIELDS,
  KEY_FIELDS,
  SCENARIO_FIELDS,
  STAKE_FIELDS,
  STEP_FIELDS,
  STEP_KINDS,
} from './fields.js';
import { parseJsonText } from './json-text.js';
import type { GenesisAccountSpec, GenesisSpec, Scenario, Step, StepBase } from './model.js';
import { rootNode, type Node, type ReadContext } from './node.js';
import { readAccountChecks, readAccountId, readPermission, readTxExpect, readViewExpect } from './parse-expect.js';
import { readBalance, readBytes, readGas, readKeyText, readNumMatch, readTimestamp } from './values.js';

const DEFAULT_GAS = 30_000_000_000_000n;

/** Reads and checks a scenario file (code files it names are read too). */
export function readScenarioFile(file: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ScenarioError(file, '$', `cannot read the file: ${(e as Error).message}`);
  }
  let raw: JsonValue;
  try {
    raw = parseJsonText(text);
  } catch (e) {
    throw new ScenarioError(file, '$', `not valid JSON: ${(e as Error).message}`);
  }
  return readScenario(raw, { file, dir: dirname(file) });
}

/** Reads a scenario from its JSON (`ctx.dir` anchors relative `file:` paths). */
export function readScenario(raw: JsonValue, ctx: ReadContext): Scenario {
  const root = rootNode(raw, ctx).object(SCENARIO_FIELDS, ['steps']);
  return {
    file: ctx.file,
    name: root.at('name').present ? root.at('name').string() : undefined,
    comment: root.at('comment').present ? root.at('comment').string() : undefined,
    genesis: readGenesis(root.at('genesis')),
    steps: root.at('steps').items().map((n, i) => readStep(n.inStep(i), i)),
    raw,
  };
}

function readKeyInput(n: Node): { input: KeyInput; keyPair?: KeyPair } {
  if (typeof n.value === 'string') {
    const { publicKey, keyPair } = readKeyText(n);
    return { input: keyPair ?? publicKey, keyPair };
  }
  n.object(KEY_FIELDS, ['key']);
  const { publicKey, keyPair } = readKeyText(n.at('key'));
  return {
    input: {
      publicKey: keyPair ?? publicKey,
      permission: n.at('permission').present ? readPermission(n.at('permission')) : undefined,
      nonce: n.at('nonce').present ? n.at('nonce').integer() : undefined,
    },
    keyPair,
  };
}

function readStorageEntries(n: Node, allowNull: boolean): Array<[Uint8Array, Uint8Array | null]> {
  return n.entries().map(([k, v]) => {
    const key = readBytes(n.at(k).withValue(k));
    if (v.value === null) {
      if (!allowNull) v.fail('null (delete) is only allowed in patchState');
      return [key, null];
    }
    return [key, readBytes(v)];
  });
}

function readGenesis(n: Node): GenesisSpec {
  if (!n.present) return { accounts: [] };
  n.object(GENESIS_FIELDS);
  const accounts: GenesisAccountSpec[] = n.at('accounts').present
    ? n
        .at('accounts')
        .entries()
        .map(([id, a]) => {
          a.object(GENESIS_ACCOUNT_FIELDS);
          readAccountId(a.withValue(id));
          return {
            accountId: id,
            balance: a.at('balance').present ? readBalance(a.at('balance')) : 0n,
            locked: a.at('locked').present ? readBalance(a.at('locked')) : 0n,
            // Default: nearcore's test key of the account id, which the runner holds.
            keys: a.at('keys').present ? a.at('keys').items().map((k) => readKeyInput(k).input) : [`seed:${id}`],
            code: a.at('code').present ? readBytes(a.at('code')) : undefined,
            storage: a.at('storage').present ? (readStorageEntries(a.at('storage'), false) as Array<[Uint8Array, Uint8Array]>) : [],
          };
        })
    : [];
  const version = n.at('protocolVersion');
  return {
    protocolVersion: version.present ? Number(version.integer()) : undefined,
    chainId: n.at('chainId').present ? n.at('chainId').string() : undefined,
    timestamp: n.at('timestamp').present ? readTimestamp(n.at('timestamp')) : undefined,
    height: n.at('height').present ? n.at('height').integer() : undefined,
    gasPrice: n.at('gasPrice').present ? readBalance(n.at('gasPrice')) : undefined,
    accounts,
  };
}

function readAction(n: Node, receiverId: string, learned: KeyPair[]): Action {
  const entries = n.entries();
  if (entries.length !== 1) n.fail(`an action is an object with one field, one of: ${ACTION_NAMES.join(', ')}`);
  const [name, v] = entries[0];
  switch (name) {
    case 'createAccount':
      v.object([]);
      return { type: 'CreateAccount' };
    case 'transfer':
      return { type: 'Transfer', deposit: readBalance(v) };
    case 'deployContract':
      return { type: 'DeployContract', code: readBytes(v) };
    case 'functionCall':
      v.object(FUNCTION_CALL_FIELDS, ['method']);
      return {
        type: 'FunctionCall',
        methodName: v.at('method').string(),
        args: v.at('args').present ? readBytes(v.at('args')) : new Uint8Array(0),
        gas: v.at('gas').present ? readGas(v.at('gas')) : DEFAULT_GAS,
        deposit: v.at('deposit').present ? readBalance(v.at('deposit')) : 0n,
      };
    case 'addKey': {
      v.object(ADD_KEY_FIELDS, ['publicKey']);
      const { publicKey, keyPair } = readKeyText(v.at('publicKey'));
      if (keyPair) learned.push(keyPair);
      const permission = v.at('permission').present ? readPermission(v.at('permission')) : { type: 'FullAccess' as const };
      return { type: 'AddKey', publicKey, accessKey: { nonce: 0n, permission } };
    }
    case 'deleteKey':
      return { type: 'DeleteKey', publicKey: readKeyText(v).publicKey };
    case 'stake':
      v.object(STAKE_FIELDS, ['amount', 'publicKey']);
      return { type: 'Stake', stake: readBalance(v.at('amount')), publicKey: readKeyText(v.at('publicKey')).publicKey };
    case 'deleteAccount':
      return { type: 'DeleteAccount', beneficiaryId: readAccountId(v) };
    default:
      return n.at(name).fail(`unknown action "${name}" (expected one of: ${ACTION_NAMES.join(', ')}); receiver ${receiverId}`);
  }
}

function readPatch(n: Node): AccountPatch {
  n.object(ACCOUNT_PATCH_FIELDS);
  const code = n.at('code');
  const storage = n.at('storage');
  return {
    balance: n.at('balance').present ? readBalance(n.at('balance')) : undefined,
    locked: n.at('locked').present ? readBalance(n.at('locked')) : undefined,
    storageUsage: n.at('storageUsage').present ? n.at('storageUsage').integer() : undefined,
    code: !code.present ? undefined : code.value === null ? null : readBytes(code),
    keys: n.at('keys').present ? n.at('keys').items().map((k) => readKeyInput(k).input) : undefined,
    removeKeys: n.at('removeKeys').present ? n.at('removeKeys').items().map((k) => readKeyText(k).publicKey) : undefined,
    data: storage.present ? readStorageEntries(storage, true) : undefined,
    clearData: n.at('clearStorage').present ? n.at('clearStorage').boolean() : undefined,
    delete: n.at('delete').present ? n.at('delete').boolean() : undefined,
  };
}

function readStep(n: Node, index: number): Step {
  const kindNode = n.at('step');
  if (!kindNode.present) n.fail(`missing field "step" (one of: ${STEP_KINDS.join(', ')})`);
  const kind = kindNode.string();
  if (!(STEP_KINDS as string[]).includes(kind)) kindNode.fail(`unknown step "${kind}" (expected one of: ${STEP_KINDS.join(', ')})`);
  const k = kind as keyof typeof STEP_FIELDS;
  const required: Record<keyof typeof STEP_FIELDS, string[]> = {
    transaction: ['from', 'to', 'actions'],
    call: ['from', 'to', 'method'],
    rawTransaction: ['bytes'],
    view: ['contract', 'method'],
    patchState: ['accounts'],
    advanceBlocks: ['blocks'],
    setTimestamp: ['timestamp'],
    checkState: [],
  };
  n.object(STEP_FIELDS[k], required[k]);
  const base: StepBase = {
    index,
    node: n,
    id: n.at('id').present ? n.at('id').string() : undefined,
    comment: n.at('comment').present ? n.at('comment').string() : undefined,
  };
  const expect = n.at('expect');
  switch (k) {
    case 'transaction':
    case 'call': {
      const to = readAccountId(n.at('to'));
      const addedKeys: KeyPair[] = [];
      const actions =
        k === 'call'
          ? [
              {
                type: 'FunctionCall' as const,
                methodName: n.at('method').string(),
                args: n.at('args').present ? readBytes(n.at('args')) : new Uint8Array(0),
                gas: n.at('gas').present ? readGas(n.at('gas')) : DEFAULT_GAS,
                deposit: n.at('deposit').present ? readBalance(n.at('deposit')) : 0n,
              },
            ]
          : n.at('actions').items().map((a) => readAction(a, to, addedKeys));
      return {
        ...base,
        kind: k,
        from: { m: readAccountId(n.at('from')), node: n.at('from') },
        key: n.at('key').present ? { m: readKeyText(n.at('key')).publicKey, node: n.at('key') } : undefined,
        to,
        nonce: n.at('nonce').present ? n.at('nonce').integer() : undefined,
        actions,
        addedKeys,
        expect: expect.present ? readTxExpect(expect) : undefined,
      };
    }
    case 'rawTransaction':
      return { ...base, kind: k, bytes: readBytes(n.at('bytes')), expect: expect.present ? readTxExpect(expect) : undefined };
    case 'view':
      return {
        ...base,
        kind: k,
        contract: readAccountId(n.at('contract')),
        method: n.at('method').string(),
        args: n.at('args').present ? readBytes(n.at('args')) : new Uint8Array(0),
        expect: expect.present ? readViewExpect(expect) : undefined,
      };
    case 'patchState':
      return {
        ...base,
        kind: k,
        accounts: Object.fromEntries(
          n
            .at('accounts')
            .entries()
            .map(([id, p]) => [readAccountId(p.withValue(id)), readPatch(p)]),
        ),
      };
    case 'advanceBlocks':
      return { ...base, kind: k, blocks: n.at('blocks').integer() };
    case 'setTimestamp':
      return { ...base, kind: k, timestamp: readTimestamp(n.at('timestamp')) };
    case 'checkState': {
      const block = n.at('block');
      if (block.present) block.object(BLOCK_CHECK_FIELDS);
      return {
        ...base,
        kind: k,
        accounts: n.at('accounts').present ? readAccountChecks(n.at('accounts')) : [],
        height: block.at('height').present ? { m: readNumMatch(block.at('height'), (y) => y.integer()), node: block.at('height') } : undefined,
        timestamp: block.at('timestamp').present ? { m: readNumMatch(block.at('timestamp'), readTimestamp), node: block.at('timestamp') } : undefined,
      };
    }
  }
}
