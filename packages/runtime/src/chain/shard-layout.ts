/**
 * Accounts → shards by boundary accounts (nearcore `ShardLayout` V1/V2): shard i holds the ids
 * from boundary i−1 (inclusive) up to boundary i (exclusive), compared as strings.
 */
import type { AccountId } from '@nearts/primitives';
import { RuntimeUsageError } from '../errors.js';

export class ShardLayout {
  readonly shardIds: readonly bigint[];

  constructor(readonly boundaryAccounts: readonly AccountId[] = []) {
    for (let i = 1; i < boundaryAccounts.length; i++) {
      if (!(boundaryAccounts[i - 1] < boundaryAccounts[i])) throw new RuntimeUsageError('shard boundary accounts must be strictly increasing');
    }
    this.shardIds = Array.from({ length: boundaryAccounts.length + 1 }, (_, i) => BigInt(i));
  }

  accountShard(accountId: AccountId): bigint {
    let shard = 0;
    while (shard < this.boundaryAccounts.length && accountId >= this.boundaryAccounts[shard]) shard++;
    return BigInt(shard);
  }
}
