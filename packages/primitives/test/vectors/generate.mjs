// Builds test/vectors/near-js-actions.json with the real @near-js 2.5.1 client libraries:
// one signed transaction per action kind (plus a delegate action and a secp256k1-signed
// transaction), all from deterministic keys, so re-running gives identical bytes.
//
//   node packages/primitives/test/vectors/generate.mjs          # rewrite the JSON
//   import { generateVectors } from './generate.mjs'             # used by the drift test
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { KeyPair } from '@near-js/crypto';
import {
  GlobalContractDeployMode,
  GlobalContractIdentifier,
  actionCreators,
  buildDelegateAction,
  createTransaction,
  encodeDelegateAction,
  encodeTransaction,
} from '@near-js/transactions';
import { KeyPairSigner } from '@near-js/signers';
import { baseEncode } from '@near-js/utils';
import { ed25519 } from '@noble/curves/ed25519.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';

const sha256 = (b) => new Uint8Array(createHash('sha256').update(b).digest());
const hex = (b) => Buffer.from(b).toString('hex');
const utf8 = (s) => new TextEncoder().encode(s);

/** ed25519 test key: seed = sha256(text), secret string = ed25519:base58(seed ‖ public). */
function ed25519Key(text) {
  const seed = sha256(utf8(text));
  const pub = ed25519.getPublicKey(seed);
  return KeyPair.fromString('ed25519:' + baseEncode(new Uint8Array([...seed, ...pub])));
}

/** secp256k1 test key: secret = sha256(text); near-js string = secp256k1:base58(secret ‖ public64). */
function secp256k1Key(text) {
  const secret = sha256(utf8(text));
  const pub = secp256k1.getPublicKey(secret, false).slice(1);
  return KeyPair.fromString('secp256k1:' + baseEncode(new Uint8Array([...secret, ...pub])));
}

const BLOCK_HASH = sha256(utf8('nearts vectors block hash'));
// The smallest valid wasm module: magic + version.
const TINY_WASM = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

export async function generateVectors() {
  const { createAccount, deployContract, functionCall, transfer, stake, addKey, deleteKey, deleteAccount,
    fullAccessKey, functionCallAccessKey, deployGlobalContract, useGlobalContract, signedDelegate } = actionCreators;

  const alice = ed25519Key('nearts vectors alice');
  const bob = ed25519Key('nearts vectors bob');
  const validator = ed25519Key('nearts vectors validator');
  const eth = secp256k1Key('nearts vectors secp256k1 signer');

  const codeHash = sha256(TINY_WASM);
  const cases = [
    ['create_account', 'CreateAccount of a sub-account', 'sub.alice.near', [createAccount()]],
    ['deploy_contract', 'DeployContract with an 8-byte wasm module', 'alice.near', [deployContract(TINY_WASM)]],
    ['function_call', 'FunctionCall with JSON args, 100 Tgas and a 1 yocto deposit', 'contract.near',
      [functionCall('set_greeting', utf8('{"message":"hello ünïcode"}'), 100_000_000_000_000n, 1n)]],
    ['transfer', 'Transfer of 1.5 NEAR', 'bob.near', [transfer(1_500_000_000_000_000_000_000_000n)]],
    ['stake', 'Stake 100 NEAR with an ed25519 validator key', 'alice.near', [stake(100n * 10n ** 24n, validator.getPublicKey())]],
    ['add_key_full_access', 'AddKey with a full-access key', 'alice.near', [addKey(bob.getPublicKey(), fullAccessKey())]],
    ['add_key_function_call', 'AddKey with a function-call key: allowance 0.25 NEAR, two methods', 'alice.near',
      [addKey(bob.getPublicKey(), functionCallAccessKey('contract.near', ['get', 'set'], 250_000_000_000_000_000_000_000n))]],
    ['add_key_function_call_unlimited', 'AddKey with a function-call key: no allowance, any method', 'alice.near',
      [addKey(bob.getPublicKey(), functionCallAccessKey('contract.near', [], undefined))]],
    ['add_key_secp256k1', 'AddKey of a secp256k1 full-access key', 'alice.near', [addKey(eth.getPublicKey(), fullAccessKey())]],
    ['delete_key', 'DeleteKey', 'alice.near', [deleteKey(bob.getPublicKey())]],
    ['delete_account', 'DeleteAccount with a beneficiary', 'alice.near', [deleteAccount('bob.near')]],
    ['deploy_global_contract_code_hash', 'DeployGlobalContract in CodeHash mode', 'alice.near',
      [deployGlobalContract(TINY_WASM, new GlobalContractDeployMode({ CodeHash: {} }))]],
    ['deploy_global_contract_account_id', 'DeployGlobalContract in AccountId mode', 'alice.near',
      [deployGlobalContract(TINY_WASM, new GlobalContractDeployMode({ AccountId: {} }))]],
    ['use_global_contract_code_hash', 'UseGlobalContract by code hash', 'alice.near',
      [useGlobalContract(new GlobalContractIdentifier({ CodeHash: codeHash }))]],
    ['use_global_contract_account_id', 'UseGlobalContract by account id', 'alice.near',
      [useGlobalContract(new GlobalContractIdentifier({ AccountId: 'publisher.near' }))]],
    ['batch', 'CreateAccount + Transfer + AddKey + DeployContract + FunctionCall in one transaction', 'new.alice.near',
      [createAccount(), transfer(10n ** 24n), addKey(bob.getPublicKey(), fullAccessKey()), deployContract(TINY_WASM),
        functionCall('init', utf8('{}'), 30_000_000_000_000n, 0n)]],
  ];

  const vectors = [];
  async function sign(name, description, signer, signerId, receiverId, nonce, actions, extra = {}) {
    const tx = createTransaction(signerId, signer.getPublicKey(), receiverId, nonce, actions, BLOCK_HASH);
    const [hash, signed] = await new KeyPairSigner(signer).signTransaction(tx);
    vectors.push({
      name,
      description,
      signerId,
      receiverId,
      nonce: String(nonce),
      publicKey: signer.getPublicKey().toString(),
      actionTypes: actions.map((a) => a.enum[0].toUpperCase() + a.enum.slice(1)),
      txHex: hex(encodeTransaction(tx)),
      txHashHex: hex(hash),
      signatureHex: hex(signed.signature.data),
      signedTxHex: hex(encodeTransaction(signed)),
      ...extra,
    });
  }

  let nonce = 100n;
  for (const [name, description, receiverId, actions] of cases) {
    await sign(name, description, alice, 'alice.near', receiverId, nonce++, actions);
  }

  // Meta transaction: bob signs a delegate action (NEP-366/461), alice relays it.
  const delegateAction = buildDelegateAction({
    senderId: 'bob.near',
    receiverId: 'contract.near',
    actions: [functionCall('ping', utf8('{"n":1}'), 10_000_000_000_000n, 0n), transfer(5n)],
    nonce: 7n,
    maxBlockHeight: 1_000_000n,
    publicKey: bob.getPublicKey(),
  });
  const [delegateHash, signedDelegateAction] = await new KeyPairSigner(bob).signDelegateAction(delegateAction);
  await sign('delegate', 'Delegate: bob.near → contract.near (FunctionCall + Transfer), relayed by alice.near', alice,
    'alice.near', 'bob.near', nonce++, [signedDelegate(signedDelegateAction)], {
      delegateSignableHex: hex(encodeDelegateAction(delegateAction)),
      delegateHashHex: hex(delegateHash),
      delegateSignatureHex: hex(signedDelegateAction.signature.data),
      delegatePublicKey: bob.getPublicKey().toString(),
    });

  // A transaction signed with a secp256k1 key (r ‖ s ‖ recovery id).
  await sign('secp256k1_transfer', 'Transfer signed with a secp256k1 access key', eth, 'eth-user.near', 'bob.near', 1n,
    [transfer(42n)], { secretKey: eth.toString() });

  return {
    description:
      'Signed transactions built with @near-js/transactions + @near-js/signers 2.5.1 from deterministic test keys ' +
      '(ed25519 seed / secp256k1 secret = sha256 of a fixed text). txHex = borsh(Transaction), txHashHex = sha256(txHex), ' +
      'signedTxHex = borsh(SignedTransaction). Regenerate with `node packages/primitives/test/vectors/generate.mjs`.',
    generatedWith: { '@near-js/transactions': '2.5.1', '@near-js/crypto': '2.5.1', '@near-js/signers': '2.5.1', '@near-js/utils': '2.5.1' },
    blockHashHex: hex(BLOCK_HASH),
    keys: {
      alice: alice.getPublicKey().toString(),
      bob: bob.getPublicKey().toString(),
      validator: validator.getPublicKey().toString(),
      secp256k1: eth.getPublicKey().toString(),
    },
    vectors,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = fileURLToPath(new URL('./near-js-actions.json', import.meta.url));
  writeFileSync(out, JSON.stringify(await generateVectors(), null, 2) + '\n');
  console.log(`wrote ${out}`);
}
