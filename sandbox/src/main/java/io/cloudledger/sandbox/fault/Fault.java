package io.cloudledger.sandbox.fault;

/** One kind of misbehaviour the sandbox can inject into matching calls. */
public sealed interface Fault {

  /**
   * The protocol's own throttling error (EC2 RequestLimitExceeded, STS Throttling, S3 SlowDown).
   */
  record Throttle(Rate rate) implements Fault {}

  /** A server error (500 InternalError / 503 Unavailable shapes). */
  record ServerError(Rate rate) implements Fault {}

  /** Delays the response by a fixed or uniformly drawn number of milliseconds. */
  record Latency(long minMillis, long maxMillis) implements Fault {
    public Latency {
      if (minMillis < 0 || maxMillis < minMillis) {
        throw new IllegalArgumentException(
            "latency range must be 0 <= min <= max, was " + minMillis + "-" + maxMillis);
      }
    }
  }

  /** Pages after page {@code page} (1-based) fail with a server error: a listing cut short. */
  record FailAfterPage(int page) implements Fault {
    public FailAfterPage {
      if (page < 0) {
        throw new IllegalArgumentException("failAfterPage needs K >= 0, was " + page);
      }
    }
  }

  /** The caller is not authorized (EC2 UnauthorizedOperation, STS/S3 AccessDenied). */
  record Deny() implements Fault {}

  /**
   * The targeted zone or region does not answer (GCP {@code aggregatedList} reports it in {@code
   * unreachables}); the call itself succeeds. Only a target with a region/zone is meaningful.
   */
  record Unreachable() implements Fault {}

  /**
   * At most {@code perSecond} calls per account, region and wall-clock second pass; the rest get
   * the protocol's throttling error, as a provider's per-account rate limit answers.
   */
  record Limit(int perSecond) implements Fault {
    public Limit {
      if (perSecond < 1) {
        throw new IllegalArgumentException("limit needs N >= 1 calls per second, was " + perSecond);
      }
    }
  }

  /** The spec-string form of this fault. */
  default String toSpec() {
    return switch (this) {
      case Throttle t -> "throttle=" + t.rate().toSpec();
      case ServerError e -> "error5xx=" + e.rate().toSpec();
      case Latency l ->
          "latency="
              + (l.minMillis() == l.maxMillis()
                  ? Long.toString(l.minMillis())
                  : l.minMillis() + "-" + l.maxMillis());
      case FailAfterPage f -> "failAfterPage=" + f.page();
      case Deny d -> "deny";
      case Unreachable u -> "unreachable";
      case Limit l -> "limit=" + l.perSecond() + "/s";
    };
  }
}
