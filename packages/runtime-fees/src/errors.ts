/** Errors raised by @nearts/runtime-fees. Each names the offending input. */

/** Base class, so callers can catch every error of this package at once. */
export class RuntimeFeesError extends Error {
  override name = 'RuntimeFeesError';
}

/** A protocol version outside the range this package has parameters for. */
export class UnsupportedProtocolVersionError extends RuntimeFeesError {
  override name = 'UnsupportedProtocolVersionError';
  constructor(
    readonly protocolVersion: unknown,
    readonly minVersion: number,
    readonly maxVersion: number,
    readonly changeVersions: readonly number[],
  ) {
    super(
      `unsupported protocol version ${String(protocolVersion)}: supported versions are the ` +
        `integers ${minVersion}..=${maxVersion} (parameters change at ${changeVersions.join(', ')}; ` +
        `a version in between uses the greatest of these ≤ it)`,
    );
  }
}

/** A parameter name that nearcore's `Parameter` enum does not have. */
export class UnknownParameterError extends RuntimeFeesError {
  override name = 'UnknownParameterError';
  constructor(readonly parameter: string) {
    super(`unknown runtime parameter \`${parameter}\``);
  }
}

/** A parameter value of the wrong type or out of range, or a malformed parameter file. */
export class InvalidParameterValueError extends RuntimeFeesError {
  override name = 'InvalidParameterValueError';
  constructor(
    readonly parameter: string,
    readonly reason: string,
  ) {
    super(`invalid value for runtime parameter \`${parameter}\`: ${reason}`);
  }
}

/** A parameter file (base or diff) that is not a YAML mapping of the expected shape. */
export class ParameterFileError extends RuntimeFeesError {
  override name = 'ParameterFileError';
  constructor(
    readonly source: string,
    readonly reason: string,
  ) {
    super(`invalid parameter file ${source}: ${reason}`);
  }
}

/** A parameter the config needs but the parameter table lacks. */
export class MissingParameterError extends RuntimeFeesError {
  override name = 'MissingParameterError';
  constructor(readonly parameter: string) {
    super(`expected a value for \`${parameter}\` but found none`);
  }
}

/** A diff file whose `old` value does not match the table it is applied to. */
export class ParameterDiffError extends RuntimeFeesError {
  override name = 'ParameterDiffError';
  constructor(
    readonly parameter: string,
    readonly diffVersion: number,
    reason: string,
  ) {
    super(`parameter diff ${diffVersion}.yaml, \`${parameter}\`: ${reason}`);
  }
}
