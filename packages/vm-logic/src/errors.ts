/**
 * vm-logic's own error classes. Guest-visible failures are `HostError` (from @nearts/vm-errors);
 * node-level failures are `VMRunnerError`. These classes cover the rest.
 */

/** Malformed bytes handed to a decoder of this package (e.g. a ProfileDataV3 blob). */
export class VMLogicDecodeError extends Error {
  override readonly name = 'VMLogicDecodeError';
}

/** An argument outside the range the API accepts (e.g. a negative gas amount from an executor). */
export class VMLogicUsageError extends Error {
  override readonly name = 'VMLogicUsageError';
}
