/**
 * The fields each object of a scenario file may have. The reader rejects anything else, and a test
 * checks that docs/scenario.schema.json lists exactly these.
 */
export const SCENARIO_FIELDS = ['$schema', 'name', 'comment', 'genesis', 'steps'] as const;
export const GENESIS_FIELDS = ['protocolVersion', 'chainId', 'timestamp', 'height', 'gasPrice', 'accounts'] as const;
export const GENESIS_ACCOUNT_FIELDS = ['balance', 'locked', 'keys', 'code', 'storage'] as const;
export const KEY_FIELDS = ['key', 'permission', 'nonce'] as const;
export const PERMISSION_FIELDS = ['receiverId', 'methodNames', 'allowance'] as const;

const COMMON = ['step', 'id', 'comment'] as const;
export const STEP_FIELDS = {
  transaction: [...COMMON, 'from', 'key', 'to', 'nonce', 'actions', 'expect'],
  call: [...COMMON, 'from', 'key', 'to', 'method', 'args', 'gas', 'deposit', 'expect'],
  rawTransaction: [...COMMON, 'bytes', 'expect'],
  view: [...COMMON, 'contract', 'method', 'args', 'expect'],
  patchState: [...COMMON, 'accounts'],
  advanceBlocks: [...COMMON, 'blocks'],
  setTimestamp: [...COMMON, 'timestamp'],
  checkState: [...COMMON, 'accounts', 'block'],
} as const;
export const STEP_KINDS = Object.keys(STEP_FIELDS) as Array<keyof typeof STEP_FIELDS>;

export const ACTION_NAMES = ['createAccount', 'transfer', 'deployContract', 'functionCall', 'addKey', 'deleteKey', 'stake', 'deleteAccount'] as const;
export const FUNCTION_CALL_FIELDS = ['method', 'args', 'gas', 'deposit'] as const;
export const ADD_KEY_FIELDS = ['publicKey', 'permission'] as const;
export const STAKE_FIELDS = ['amount', 'publicKey'] as const;

export const ACCOUNT_PATCH_FIELDS = ['balance', 'locked', 'storageUsage', 'code', 'keys', 'removeKeys', 'storage', 'clearStorage', 'delete'] as const;

export const RECEIPT_EXPECT_FIELDS = ['executor', 'status', 'value', 'failure', 'logs', 'gasBurnt', 'tokensBurnt'] as const;
export const TX_EXPECT_FIELDS = ['status', 'value', 'failure', 'logs', 'gasBurnt', 'tokensBurnt', 'receipts', 'accounts'] as const;
export const VIEW_EXPECT_FIELDS = ['status', 'value', 'failure', 'logs'] as const;
export const FAILURE_FIELDS = ['kind', 'message'] as const;
export const ACCOUNT_CHECK_FIELDS = ['exists', 'balance', 'locked', 'storageUsage', 'codeHash', 'code', 'keys', 'storage'] as const;
export const KEY_CHECK_FIELDS = ['nonce', 'permission'] as const;
export const BLOCK_CHECK_FIELDS = ['height', 'timestamp'] as const;
