export declare class PeerInputError extends Error {}
export declare class PeerUnsupportedError extends Error {}
export declare class FixtureError extends Error {
  constructor(message: string, options?: { network?: boolean; cause?: unknown });
  /** True when the fixture could not be fetched because of the network (tests then skip). */
  readonly network: boolean;
}
