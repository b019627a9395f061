package io.cloudledger.sandbox.fault;

/** How often a fault fires among the calls its rule matches. */
public sealed interface Rate {

  /** Fires with this probability, drawn from the fault injector's seeded generator. */
  record Probability(double value) implements Rate {
    public Probability {
      if (!(value >= 0 && value <= 1)) {
        throw new IllegalArgumentException("probability must be within 0..1, was " + value);
      }
    }
  }

  /** Fires on every n-th matching call (n, 2n, ...). */
  record Every(int n) implements Rate {
    public Every {
      if (n < 1) {
        throw new IllegalArgumentException("every N needs N >= 1, was " + n);
      }
    }
  }

  /** Fires on the first n matching calls, then never again (until the plan is replaced). */
  record First(int n) implements Rate {
    public First {
      if (n < 0) {
        throw new IllegalArgumentException("first N needs N >= 0, was " + n);
      }
    }
  }

  /** Parses {@code 0.3}, {@code every3} or {@code first2}. */
  static Rate parse(String text) {
    try {
      if (text.startsWith("every")) {
        return new Every(Integer.parseInt(text.substring(5)));
      }
      if (text.startsWith("first")) {
        return new First(Integer.parseInt(text.substring(5)));
      }
      return new Probability(Double.parseDouble(text));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "rate '" + text + "' is not a probability (0..1), everyN or firstN", e);
    }
  }

  /** The spec-string form of this rate. */
  default String toSpec() {
    return switch (this) {
      case Probability p -> Double.toString(p.value());
      case Every e -> "every" + e.n();
      case First f -> "first" + f.n();
    };
  }
}
