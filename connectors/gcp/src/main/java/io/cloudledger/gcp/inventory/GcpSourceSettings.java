package io.cloudledger.gcp.inventory;

import io.cloudledger.gcp.session.GcpClientSettings;
import java.util.Objects;

/**
 * How {@link GcpInventorySource} lists a project.
 *
 * @param pageSize {@code maxResults} of the list calls (1-500, Compute's maximum)
 * @param clients retries and timeouts
 */
public record GcpSourceSettings(int pageSize, GcpClientSettings clients) {
  public static final int MAX_PAGE_SIZE = 500;

  public GcpSourceSettings {
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException(
          "pageSize must be within 1.." + MAX_PAGE_SIZE + " (Compute maxResults), got " + pageSize);
    }
    Objects.requireNonNull(clients, "clients");
  }

  /** Pages of 500, {@link GcpClientSettings#defaults()}. */
  public static GcpSourceSettings defaults() {
    return new GcpSourceSettings(MAX_PAGE_SIZE, GcpClientSettings.defaults());
  }

  public GcpSourceSettings withPageSize(int size) {
    return new GcpSourceSettings(size, clients);
  }

  public GcpSourceSettings withClients(GcpClientSettings settings) {
    return new GcpSourceSettings(pageSize, settings);
  }
}
