package io.cloudledger.core.worker;

import io.cloudledger.core.cost.CostCoverage;
import io.cloudledger.core.cost.CostSource;
import io.cloudledger.core.cost.CostSources;
import io.cloudledger.core.cost.CostSync;
import io.cloudledger.core.cost.CostSyncResult;
import io.cloudledger.core.dispatch.SyncRequest;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cost kind: the account's billing query through {@link CostSync} when it owns one (an AWS
 * payer, an Azure subscription, the project a GCP billing export is synced under), else nothing —
 * an account covered by another's query costs no API call, so N accounts behind one payer or one
 * export cost one query per run, not N.
 */
public final class CostKindSync implements KindSync {
  /** The status of an account whose cost another account's query syncs. */
  public static final String COVERED = "COVERED";

  /** The status of an account no configured billing query covers. */
  public static final String NOT_COVERED = "NOT_COVERED";

  private static final Logger LOG = LoggerFactory.getLogger(CostKindSync.class);

  private final CostSources sources;
  private final CostSync sync;

  public CostKindSync(CostSources sources, CostSync sync) {
    this.sources = Objects.requireNonNull(sources, "sources");
    this.sync = Objects.requireNonNull(sync, "sync");
  }

  @Override
  public KindResult sync(SyncRequest request) {
    return switch (sources.coverage(request.accountKey())) {
      case CostCoverage.Owner owner -> run(owner.open().get());
      case CostCoverage.CoveredBy covered -> {
        LOG.info(
            "cost of {} is covered by {}, no call made",
            request.accountKey(),
            covered.coveringSource());
        yield new KindResult(COVERED, 0, 0);
      }
      case CostCoverage.NotCovered none -> {
        LOG.warn("cost of {} is not synced: {}", request.accountKey(), none.reason());
        yield new KindResult(NOT_COVERED, 0, 0);
      }
    };
  }

  private KindResult run(CostSource source) {
    try {
      CostSyncResult result = sync.sync(source);
      LOG.info(
          "cost synced source={} accounts={} rows={} written={} unchanged={} requests={}",
          result.source(),
          result.accounts().size(),
          result.fetched(),
          result.written(),
          result.unchanged(),
          result.requests());
      return new KindResult("SUCCEEDED", result.fetched(), result.written());
    } finally {
      close(source);
    }
  }

  private static void close(CostSource source) {
    if (source instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        // The cost is stored already; a client that does not close cleanly must not fail it.
        LOG.warn("cannot release {}: {}", source.describe(), e.toString());
      }
    }
  }
}
