// The contract call sequences the peer is tested and benchmarked on. Each step is one function
// call; a step's input state is the state the previous step of the same sequence left behind
// (the first step starts from empty storage). The later nearts-vs-peer benchmark can replay the
// same sequences, which is why they live here and not in the tests.
import { ensureTarballContracts, packagedContract } from './contracts.mjs';

const FT = 'ft.test.near';
const enc = (value) => new TextEncoder().encode(JSON.stringify(value));

/**
 * @param {{ fungibleToken: Uint8Array }} tarball contracts from ensureTarballContracts()
 * @returns {Array<{ id: string, steps: Array<{ id: string, wasm: Uint8Array, method: string, input: Uint8Array, context: object }> }>}
 */
export function scenarioSequences(tarball) {
  const hello = packagedContract('nearHello');
  const words = packagedContract('words');
  const carol = { currentAccountId: FT, signerAccountId: 'carol.test.near', predecessorAccountId: 'carol.test.near' };
  return [
    {
      id: 'near-sdk-rs fungible_token (near-shell@0.24.9)',
      steps: [
        { id: 'ft.new', wasm: tarball.fungibleToken, method: 'new', input: enc({ owner_id: 'carol.test.near', total_supply: '1000000' }), context: carol },
        {
          id: 'ft.transfer', wasm: tarball.fungibleToken, method: 'transfer',
          input: enc({ new_owner_id: 'dave.test.near', amount: '1025' }),
          // The NEP-21 token charges storage from the attached deposit and refunds the rest.
          context: { ...carol, attachedDeposit: 10n ** 23n },
        },
        { id: 'ft.get_balance', wasm: tarball.fungibleToken, method: 'get_balance', input: enc({ owner_id: 'dave.test.near' }), context: { ...carol, isView: true } },
      ],
    },
    {
      id: 'near-hello@0.5.1 (AssemblyScript)',
      steps: [
        { id: 'hello.setValue', wasm: hello, method: 'setValue', input: enc({ value: '42' }), context: {} },
        { id: 'hello.getValue', wasm: hello, method: 'getValue', input: enc({}), context: { isView: true } },
      ],
    },
    {
      id: 'near-sdk-as words (near-sdk-simulator@3.2.1 build/debug)',
      steps: [
        { id: 'words.reverse', wasm: words, method: 'reverse', input: enc({ word: { text: 'hello' } }), context: {} },
        { id: 'words.upcase', wasm: words, method: 'upcase', input: enc({ word: { text: 'hello' } }), context: {} },
      ],
    },
  ];
}

/** Convenience: fetches the tarball contracts (network on first use) and builds the sequences. */
export async function loadScenarioSequences() {
  return scenarioSequences(await ensureTarballContracts());
}
