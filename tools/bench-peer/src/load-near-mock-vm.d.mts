export declare const NEAR_MOCK_VM_VERSION: '3.2.2';
/** One evaluation of near-mock-vm's glue and runner around a fresh Rust VM instance (internal). */
export declare function loadGeneration(): { glue: any; runner: any; memory: any; panics: string[]; stdout: string[] };
export declare function nearMockVmFiles(): { root: string; vmWasm: string };
