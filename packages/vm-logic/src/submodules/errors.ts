/**
 * The two ways a submodule call ends early that are not contract errors of nearcore's kinds.
 * They unwind the submodule's wasm like any host error, never leave the `submodule_call` that
 * started the call (it turns them into a status for the caller), and are not `HostError`s, so
 * no executor or classifier mistakes them for one.
 */

/** The gas budget the caller gave the submodule call is used up. */
export class SubmoduleGasExhausted extends Error {
  override readonly name = 'SubmoduleGasExhausted';
  constructor(readonly budget: bigint) {
    super(`Exceeded the gas budget of the submodule call (${budget})`);
  }
}

/** The submodule (or code it called back into) did something its policy does not allow. */
export class SubmoduleAccessDenied extends Error {
  override readonly name = 'SubmoduleAccessDenied';
}
