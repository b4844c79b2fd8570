/** Why a store operation was refused. */
export type StoreErrorCode =
  | 'EmptyKey'
  | 'InvalidArgument'
  | 'NoCheckpoint'
  | 'CheckpointOpen'
  | 'HeightNotIncreasing'
  | 'Closed'
  | 'Corrupted'
  | 'InvalidDump'
  /** The lmdb directory is already open in this process, or another writer changed it. */
  | 'Conflict';

/** The typed error every @nearts/store operation throws on bad input or misuse. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
  }
}
