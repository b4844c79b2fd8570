// @nearts-tools/bench-peer: near-mock-vm@3.2.2 as a benchmark peer, plus the contracts it runs.
export { createPeer } from './near-mock-vm.mjs';
export { DEFAULT_CONTEXT } from './context.mjs';
export { PeerInputError, PeerUnsupportedError, FixtureError } from './errors.mjs';
export { NPM_CONTRACTS_DIR, TARBALL_CONTRACTS, PACKAGED_CONTRACTS, ensureTarballContracts, packagedContract } from './contracts.mjs';
export { scenarioSequences, loadScenarioSequences } from './scenarios.mjs';
export { NEAR_MOCK_VM_VERSION } from './load-near-mock-vm.mjs';
