package io.cloudledger.sandbox.estate;

import java.util.List;

/** The Compute Engine regions and zones the sandbox knows (real names, a subset of GCP's). */
public final class GcpZones {
  /** Every zone the sandbox serves, in the order {@code aggregatedList} reports them. */
  public static final List<String> ALL =
      List.of(
          "asia-east1-a",
          "asia-east1-b",
          "asia-east1-c",
          "europe-west1-b",
          "europe-west1-c",
          "europe-west1-d",
          "europe-west4-a",
          "europe-west4-b",
          "europe-west4-c",
          "us-central1-a",
          "us-central1-b",
          "us-central1-c",
          "us-central1-f",
          "us-east1-b",
          "us-east1-c",
          "us-east1-d",
          "us-west1-a",
          "us-west1-b",
          "us-west1-c");

  /** Every region of {@link #ALL}, sorted. */
  public static final List<String> REGIONS =
      ALL.stream().map(GcpZones::regionOf).distinct().sorted().toList();

  private GcpZones() {}

  /** {@code us-central1-a} → {@code us-central1}. */
  public static String regionOf(String zone) {
    int dash = zone.lastIndexOf('-');
    if (dash <= 0) {
      throw new IllegalArgumentException("not a zone name: '" + zone + "'");
    }
    return zone.substring(0, dash);
  }

  static List<String> zonesOf(String region) {
    return ALL.stream().filter(z -> regionOf(z).equals(region)).toList();
  }
}
