export declare const NPM_CONTRACTS_DIR: string;
export interface TarballContract { spec: string; entry: string; file: string; bytes: number; sha256: string }
export interface PackagedContract { pkg: string; entry: string; bytes: number; sha256: string }
export declare const TARBALL_CONTRACTS: Readonly<{ fungibleToken: TarballContract; linkdrop: TarballContract }>;
export declare const PACKAGED_CONTRACTS: Readonly<Record<'nearHello' | 'words' | 'wordsRelease' | 'sentences' | 'singleton' | 'avlTree', PackagedContract>>;
export declare function packagedContract(name: keyof typeof PACKAGED_CONTRACTS): Uint8Array;
export declare function ensureTarballContracts(): Promise<Record<keyof typeof TARBALL_CONTRACTS, Uint8Array>>;
