/**
 * Protocol extensions a borsh reader or writer accepts. nearcore's layouts never change: an
 * extension only adds enum variants that are rejected exactly as any unknown variant when the
 * extension is off (the default for every reader and writer).
 */
export interface BorshExtensions {
  /** NEP-481 submodule actions (`DeploySubmodule`, `DeleteSubmodule`). */
  readonly submodules?: boolean;
}

export const NO_EXTENSIONS: BorshExtensions = Object.freeze({});
