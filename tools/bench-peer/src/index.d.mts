export { createPeer } from './near-mock-vm.mjs';
export type { Peer, PeerCall, PeerContext, PeerError, PeerReceipt, PeerResult, PeerReturnData, PeerState } from './near-mock-vm.mjs';
export { DEFAULT_CONTEXT } from './context.mjs';
export { PeerInputError, PeerUnsupportedError, FixtureError } from './errors.mjs';
export { NPM_CONTRACTS_DIR, TARBALL_CONTRACTS, PACKAGED_CONTRACTS, ensureTarballContracts, packagedContract } from './contracts.mjs';
export { scenarioSequences, loadScenarioSequences } from './scenarios.mjs';
export type { ScenarioSequence, ScenarioStep } from './scenarios.mjs';
export { NEAR_MOCK_VM_VERSION } from './load-near-mock-vm.mjs';
