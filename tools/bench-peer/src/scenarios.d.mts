import type { PeerContext } from './near-mock-vm.mjs';
export interface ScenarioStep { id: string; wasm: Uint8Array; method: string; input: Uint8Array; context: PeerContext }
export interface ScenarioSequence { id: string; steps: ScenarioStep[] }
export declare function scenarioSequences(tarball: { fungibleToken: Uint8Array }): ScenarioSequence[];
export declare function loadScenarioSequences(): Promise<ScenarioSequence[]>;
