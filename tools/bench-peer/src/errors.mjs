// Typed errors of the bench peer. Contract failures are *results* (`error` in the call result),
// these classes are for misuse of the driver and for things near-mock-vm cannot do.

/** Bad arguments to the driver (unknown context field, wrong type, malformed state). */
export class PeerInputError extends Error {
  name = 'PeerInputError';
}

/** The call is valid for NEAR but near-mock-vm cannot express it (e.g. promise results). */
export class PeerUnsupportedError extends Error {
  name = 'PeerUnsupportedError';
}

/** A contract fixture could not be obtained or failed its sha256 check. */
export class FixtureError extends Error {
  name = 'FixtureError';
  /** @param {string} message @param {{ network?: boolean, cause?: unknown }} [options] */
  constructor(message, options = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.network = options.network === true;
  }
}
