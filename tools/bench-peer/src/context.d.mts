import type { PeerContext } from './near-mock-vm.mjs';
export declare const DEFAULT_CONTEXT: Readonly<Required<PeerContext>>;
