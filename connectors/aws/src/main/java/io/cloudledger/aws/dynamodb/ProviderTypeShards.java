package io.cloudledger.aws.dynamodb;

import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Provider;
import io.cloudledger.core.model.ResourceType;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The sharded partition key of the provider/type index. One partition per (provider, type) would be
 * hot (every VM of a provider in one partition); a stable hash of the item's keys spreads them over
 * {@code count} shards, which a query reads in parallel and merges. Writers and readers must agree
 * on {@code count}: changing it means rewriting the index keys.
 */
record ProviderTypeShards(int count) {

  ProviderTypeShards {
    if (count < 1 || count > 256) {
      throw new IllegalArgumentException("shard count must be between 1 and 256, got " + count);
    }
  }

  /** The index partition of a resource, e.g. {@code aws#vm#3}. */
  String partitionOf(AccountKey account, ResourceType type, String resourceKey) {
    CRC32 crc = new CRC32();
    crc.update((account.value() + "|" + resourceKey).getBytes(StandardCharsets.UTF_8));
    return partition(account.provider(), type, (int) (crc.getValue() % count));
  }

  String partition(Provider provider, ResourceType type, int shard) {
    return provider.prefix() + "#" + type.key() + "#" + shard;
  }

  /**
   * The index sort key: account key, then resource key. '#' sorts before every character an account
   * id may hold, so {@code gcp#p#...} comes before {@code gcp#p-2#...} and this orders like
   * (account key, resource key).
   */
  static String sortKey(AccountKey account, String resourceKey) {
    return account.value() + "#" + resourceKey;
  }
}
