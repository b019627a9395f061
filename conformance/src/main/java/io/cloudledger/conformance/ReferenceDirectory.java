package io.cloudledger.conformance;

import io.cloudledger.aws.inventory.AwsAccountDirectory;
import io.cloudledger.aws.inventory.AwsSourceSettings;
import io.cloudledger.azure.inventory.AzureInventorySource;
import io.cloudledger.azure.inventory.AzureSourceSettings;
import io.cloudledger.core.config.AzureSession;
import io.cloudledger.core.config.CloudSession;
import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.GcpSession;
import io.cloudledger.core.dispatch.AccountDirectory;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.inventory.InventorySource;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Provider;
import io.cloudledger.gcp.inventory.GcpInventorySource;
import io.cloudledger.gcp.inventory.GcpSourceSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The reference sync's accounts: every configured account of the selected clouds, each listed by
 * its connector (the same connectors the runtimes wire), without any function runtime in between.
 */
final class ReferenceDirectory implements AccountDirectory, AutoCloseable {
  private final AwsAccountDirectory aws;
  private final Map<AccountKey, InventorySource> others;
  private final List<AutoCloseable> closeables;

  private ReferenceDirectory(
      AwsAccountDirectory aws,
      Map<AccountKey, InventorySource> others,
      List<AutoCloseable> closeables) {
    this.aws = aws;
    this.others = others;
    this.closeables = closeables;
  }

  static ReferenceDirectory of(
      CloudledgerConfig config, ConfigResolver resolver, Set<Provider> providers) {
    AwsAccountDirectory aws =
        providers.contains(Provider.AWS)
            ? AwsAccountDirectory.create(config, resolver, AwsSourceSettings.defaults())
            : null;
    Map<AccountKey, InventorySource> others = new TreeMap<>();
    List<AutoCloseable> closeables = new ArrayList<>();
    for (CloudSession session : config.sessions()) {
      if (session instanceof AzureSession azure && providers.contains(Provider.AZURE)) {
        AzureInventorySource source =
            AzureInventorySource.create(azure, resolver, AzureSourceSettings.defaults());
        source.accounts().forEach(account -> others.put(account, source));
      } else if (session instanceof GcpSession gcp && providers.contains(Provider.GCP)) {
        GcpInventorySource source =
            GcpInventorySource.create(gcp, resolver, GcpSourceSettings.defaults());
        closeables.add(source);
        source.accountKeys().forEach(account -> others.put(account, source));
      }
    }
    return new ReferenceDirectory(aws, others, closeables);
  }

  @Override
  public List<AccountKey> accounts() {
    List<AccountKey> accounts = new ArrayList<>(others.keySet());
    if (aws != null) {
      accounts.addAll(aws.accounts());
    }
    return accounts.stream().sorted().toList();
  }

  @Override
  public <T> T withInventorySource(AccountKey account, Function<InventorySource, T> work) {
    if (account.provider() == Provider.AWS && aws != null) {
      return aws.withInventorySource(account, work);
    }
    InventorySource source = others.get(account);
    if (source == null) {
      throw new PermanentException("unknown-account", "the reference does not sync " + account);
    }
    return work.apply(source);
  }

  @Override
  public void close() {
    for (AutoCloseable closeable : closeables) {
      try {
        closeable.close();
      } catch (Exception e) {
        // Closing SDK clients after the reference sync: nothing useful to do with a failure.
      }
    }
  }
}
