/**
 * vm-logic's own error classes. Guest-visible failures are `HostError` (from @nearts/vm-errors);
 * node-level failures are `VMRunnerError`. These classes cover the rest.
 */

/** A table entry whose behaviour has not been written yet. Never a guest-visible error. */
export class NotImplementedHostFunction extends Error {
  override readonly name = 'NotImplementedHostFunction';
  constructor(readonly hostFunction: string) {
    super(`host function ${hostFunction} is not implemented in @nearts/vm-logic`);
  }
}

/** Malformed bytes handed to a decoder of this package (e.g. a ProfileDataV3 blob). */
export class VMLogicDecodeError extends Error {
  override readonly name = 'VMLogicDecodeError';
}

/** An argument outside the range the API accepts (e.g. a negative gas amount from an executor). */
export class VMLogicUsageError extends Error {
  override readonly name = 'VMLogicUsageError';
}
